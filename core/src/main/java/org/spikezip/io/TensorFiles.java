package org.spikezip.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.onnx.OnnxReader;
import org.spikezip.io.onnx.OnnxTensorStore;
import org.spikezip.io.pth.PthFormat;
import org.spikezip.io.pth.PthReader;
import org.spikezip.io.pth.PthTensorStore;
import org.spikezip.io.safetensors.SafetensorsReader;

/**
 * Opens a tensor file whatever its format, recognised from its first bytes, never from its name:
 *
 * <ol>
 *   <li>safetensors if byte 8 is {@code '{'} (the JSON header starts there) and the little-endian
 *       header length in bytes 0-7 is at most {@value #MAX_SAFETENSORS_HEADER} (the format's limit);
 *   <li>a PyTorch checkpoint if the file starts with a zip header ({@code PK\3\4}, torch.save &ge; 1.6)
 *       or a pickle's PROTO opcode ({@code 0x80}, the legacy format);
 *   <li>otherwise an ONNX model if it parses as one.
 * </ol>
 *
 * A file that fits none fails with one line naming the file and the formats tried.
 */
public final class TensorFiles {
  private static final long MAX_SAFETENSORS_HEADER = 100_000_000L;
  private static final int HEAD_BYTES = 9;
  private static final int PICKLE_PROTO = 0x80;
  private static final int MAX_LISTED = 4;

  private TensorFiles() {}

  /**
   * Opens {@code file}.
   *
   * @throws InvalidInputException if the file does not exist or is a folder
   * @throws MalformedWeightsException if it is none of the formats, or is one but malformed
   */
  public static TensorFile open(Path file) throws SpikezipException {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": is a folder, expected a tensor file (of a Hugging Face model"
          + " folder, give model.safetensors or pytorch_model.bin)");
    }
    if (!Files.exists(file)) {
      throw new InvalidInputException(file + ": no such file");
    }
    byte[] head = head(file);
    if (isSafetensors(head)) {
      SafetensorsReader store = SafetensorsReader.open(file);
      return new TensorFile(file, TensorFileFormat.SAFETENSORS, "safetensors header and data", List.of(), store);
    }
    if (isZip(head) || (head.length > 0 && (head[0] & 0xff) == PICKLE_PROTO)) {
      PthTensorStore store = PthReader.open(file);
      return new TensorFile(file, TensorFileFormat.PYTORCH, pthLayout(store), store.otherEntries(), store);
    }
    OnnxTensorStore store;
    try {
      store = OnnxReader.open(file);
    } catch (MalformedWeightsException e) {
      String why = e.getMessage().startsWith(file + ": ") ? e.getMessage().substring(file.toString().length() + 2)
          : e.getMessage();
      throw new MalformedWeightsException(file + ": not a tensor file: neither safetensors (no JSON header at"
          + " byte 8), nor a torch.save checkpoint (no zip or pickle header), nor an ONNX model (" + why + ")", e);
    }
    return new TensorFile(file, TensorFileFormat.ONNX, onnxLayout(store), List.of(), store);
  }

  private static boolean isSafetensors(byte[] head) {
    if (head.length < HEAD_BYTES || head[8] != '{') {
      return false;
    }
    long headerLength = ByteBuffer.wrap(head, 0, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return headerLength > 0 && headerLength <= MAX_SAFETENSORS_HEADER;
  }

  private static boolean isZip(byte[] head) {
    return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
  }

  private static String pthLayout(PthTensorStore store) {
    String layout = store.format() == PthFormat.ZIP ? "torch.save zip archive" : "legacy torch.save pickle";
    return layout + (store.stateDictKey().isEmpty() ? ", the state dict at the top level"
        : ", state dict under '" + store.stateDictKey() + "'");
  }

  private static String onnxLayout(OnnxTensorStore store) {
    return "graph '" + store.graphName() + "', " + store.nodes().size() + " nodes; inputs "
        + listed(store.graphInputs().stream().filter(n -> !store.contains(n)).collect(Collectors.toList()))
        + "; outputs " + listed(store.graphOutputs());
  }

  private static String listed(List<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    return String.join(", ", names.subList(0, Math.min(MAX_LISTED, names.size())))
        + (names.size() > MAX_LISTED ? " and " + (names.size() - MAX_LISTED) + " more" : "");
  }

  private static byte[] head(Path file) throws InvalidInputException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }
}
