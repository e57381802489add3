package org.spikezip.io.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.ElementDecoder;
import org.spikezip.io.TextQuoting;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Tensor;

/**
 * Decodes an initializer's values into a {@link Tensor}: from {@code raw_data} (little-endian,
 * exactly shape-size &times; element-size bytes), or from the typed field of its type
 * ({@code float_data}, {@code int32_data} holding int8/uint8/int16/bool values and the bits of
 * float16/bfloat16, {@code int64_data}, {@code double_data}), packed or not, which must hold exactly
 * shape-size values. Values are counted before any array is allocated.
 */
final class OnnxTensorDecoder {
  private OnnxTensorDecoder() {}

  static Tensor decode(OnnxInitializer init, String source) throws MalformedWeightsException {
    String what = source + ": initializer " + TextQuoting.quote(init.name());
    if (init.externalLocation() != null) {
      throw new MalformedWeightsException(what + " keeps its data in an external file "
          + TextQuoting.quote(init.externalLocation()) + ", which is not supported; save the model with its"
          + " tensors inside the .onnx (onnx.save_model(..., save_as_external_data=False))");
    }
    DType dtype = supportedType(init, source).dtype;
    int size = init.shape().size();
    try {
      double[] values = init.raw() != null ? fromRaw(init.raw(), dtype, size, what) : fromTypedField(init, size, what);
      return Tensor.wrap(init.shape(), values, dtype);
    } catch (ArithmeticException e) {
      throw new MalformedWeightsException(what + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedWeightsException(what + ": corrupt values: " + e.getMessage(), e);
    }
  }

  /** The initializer's type, or an error naming its unsupported ONNX type code. */
  static OnnxDataType supportedType(OnnxInitializer init, String source) throws MalformedWeightsException {
    if (init.type() == null) {
      throw new MalformedWeightsException(source + ": initializer " + TextQuoting.quote(init.name())
          + " has ONNX data type " + init.typeCode() + " (" + OnnxDataType.nameOf(init.typeCode())
          + "), which is not supported"
          + " (supported: FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT64, INT32, INT16, INT8, UINT8, BOOL)");
    }
    return init.type();
  }

  private static double[] fromRaw(ByteBuffer raw, DType dtype, int size, String what) throws MalformedWeightsException {
    long expected = (long) size * dtype.byteSize();
    if (raw.remaining() != expected) {
      throw new MalformedWeightsException(what + " has " + raw.remaining() + " bytes of raw_data; its shape and "
          + dtype + " need " + expected);
    }
    ByteBuffer bytes = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = ElementDecoder.element(bytes, i * dtype.byteSize(), dtype);
    }
    return values;
  }

  private static double[] fromTypedField(OnnxInitializer init, int size, String what)
      throws IOException, MalformedWeightsException {
    int count = readTypedField(init, null);
    if (count != size) {
      throw new MalformedWeightsException(what + " holds " + count + " values in "
          + init.type().typedField.name().toLowerCase(Locale.ROOT) + "; its shape " + init.shape()
          + " needs " + size);
    }
    double[] values = new double[size];
    readTypedField(init, values);
    return values;
  }

  /** Reads the values of the type's field into {@code out} (when not null) and returns how many there are. */
  private static int readTypedField(OnnxInitializer init, double[] out) throws IOException {
    int field = init.type().typedField.fieldNumber;
    CodedInputStream in = CodedInputStream.newInstance(init.message());
    int count = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) != field) {
        in.skipField(tag);
      } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        CodedInputStream packed = CodedInputStream.newInstance(OnnxReader.slice(in, init.message()));
        while (!packed.isAtEnd()) {
          count = store(readOne(packed, init.type()), count, out);
        }
      } else if (WireFormat.getTagWireType(tag) == wireType(init.type().typedField)) {
        count = store(readOne(in, init.type()), count, out);
      } else {
        in.skipField(tag);
      }
    }
    return count;
  }

  private static int store(double value, int count, double[] out) {
    if (out != null && count < out.length) {
      out[count] = value;
    }
    return count + 1;
  }

  private static double readOne(CodedInputStream in, OnnxDataType type) throws IOException {
    switch (type.typedField) {
      case FLOAT_DATA:
        return in.readFloat();
      case DOUBLE_DATA:
        return in.readDouble();
      case INT64_DATA:
        return ElementDecoder.exactInteger(in.readInt64());
      case INT32_DATA:
        return fromInt32Field(in.readInt32(), type);
      default:
        throw new IllegalStateException("bug: no typed field " + type.typedField);
    }
  }

  /** An int32_data value as the element it stands for (a cast to the narrow type, or 16 float bits). */
  private static double fromInt32Field(int v, OnnxDataType type) {
    switch (type) {
      case FLOAT16:
        return ElementDecoder.halfToDouble(v);
      case BFLOAT16:
        return ElementDecoder.bfloat16ToDouble(v);
      case BOOL:
        return v != 0 ? 1 : 0;
      case UINT8:
        return v & 0xff;
      case INT8:
        return (byte) v;
      case INT16:
        return (short) v;
      default:
        return v;
    }
  }

  private static int wireType(OnnxDataType.TypedField field) {
    switch (field) {
      case FLOAT_DATA:
        return WireFormat.WIRETYPE_FIXED32;
      case DOUBLE_DATA:
        return WireFormat.WIRETYPE_FIXED64;
      default:
        return WireFormat.WIRETYPE_VARINT;
    }
  }
}
