package org.spikezip.io;

import java.nio.ByteBuffer;
import org.spikezip.tensor.DType;

/**
 * Decodes one stored tensor element of a {@link DType} into the double every {@code Tensor} holds.
 *
 * <p>Bytes are read in the buffer's own byte order. F16 and BF16 widen exactly; I64 values beyond
 * &plusmn;2<sup>53</sup> have no exact double and are refused with an {@link ArithmeticException},
 * which readers turn into a message naming the tensor.
 */
public final class ElementDecoder {
  /** The largest magnitude of an integer every double in its range holds exactly: 2^53. */
  public static final long MAX_EXACT_INTEGER = 1L << 53;

  private ElementDecoder() {}

  /** The element of {@code dtype} that starts at {@code byteOffset} (absolute) in {@code bytes}. */
  public static double element(ByteBuffer bytes, int byteOffset, DType dtype) {
    switch (dtype) {
      case F64:
        return bytes.getDouble(byteOffset);
      case F32:
        return bytes.getFloat(byteOffset);
      case F16:
        return halfToDouble(bytes.getShort(byteOffset));
      case BF16:
        return bfloat16ToDouble(bytes.getShort(byteOffset));
      case I64:
        return exactInteger(bytes.getLong(byteOffset));
      case I32:
        return bytes.getInt(byteOffset);
      case I16:
        return bytes.getShort(byteOffset);
      case I8:
        return bytes.get(byteOffset);
      case U8:
        return Byte.toUnsignedInt(bytes.get(byteOffset));
      case BOOL:
        return bytes.get(byteOffset) == 0 ? 0.0 : 1.0;
      default:
        throw new IllegalStateException("bug: no decoding for " + dtype);
    }
  }

  /** The value of an IEEE 754 binary16 number given by its 16 bits (the low 16 bits of {@code bits}). */
  public static double halfToDouble(int bits) {
    int sign = (bits & 0x8000) != 0 ? -1 : 1;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (exponent == 0) {
      return sign * Math.scalb((double) mantissa, -24);
    }
    return sign * Math.scalb((double) (mantissa | 0x400), exponent - 25);
  }

  /** The value of a bfloat16 number given by its 16 bits: the upper half of a float32. */
  public static double bfloat16ToDouble(int bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /** {@code value} as a double, or an {@link ArithmeticException} if the double would round it. */
  public static double exactInteger(long value) {
    if (value > MAX_EXACT_INTEGER || value < -MAX_EXACT_INTEGER) {
      throw new ArithmeticException("integer " + value + " exceeds 2^53 and has no exact double");
    }
    return value;
  }
}
