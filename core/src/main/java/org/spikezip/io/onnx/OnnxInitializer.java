package org.spikezip.io.onnx;

import java.nio.ByteBuffer;
import org.spikezip.tensor.Shape;

/**
 * What opening a model learned about one initializer: its name, shape and ONNX type code, and
 * where its values are. When {@code externalLocation} is set the data is in another file; else when
 * {@code raw} is set it holds the little-endian {@code raw_data} bytes; else the values are in the
 * typed fields of {@code message}, the TensorProto's own bytes. Buffers are views of the file.
 *
 * @param type the supported type of {@code typeCode}, or {@code null}
 */
record OnnxInitializer(String name, Shape shape, int typeCode, OnnxDataType type, ByteBuffer message,
    ByteBuffer raw, String externalLocation) {}
