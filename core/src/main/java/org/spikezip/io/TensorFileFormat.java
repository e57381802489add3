package org.spikezip.io;

/** The tensor file formats {@link TensorFiles#open} recognises. */
public enum TensorFileFormat {
  /** safetensors: an 8-byte little-endian header length, a JSON header, the raw tensors. */
  SAFETENSORS("safetensors"),
  /** A checkpoint written by PyTorch's {@code torch.save} ({@code .pth}, {@code .pt}, {@code .bin}). */
  PYTORCH("PyTorch checkpoint"),
  /** An ONNX model (protobuf {@code ModelProto}); its tensors are the graph's initializers. */
  ONNX("ONNX model");

  private final String title;

  TensorFileFormat(String title) {
    this.title = title;
  }

  /** The format's name for people, such as "PyTorch checkpoint". */
  public String title() {
    return title;
  }
}
