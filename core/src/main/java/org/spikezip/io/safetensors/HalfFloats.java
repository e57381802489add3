package org.spikezip.io.safetensors;

/**
 * Exact conversions between doubles and the two 16-bit float formats of safetensors: IEEE 754
 * binary16 ({@code F16}: 1 sign, 5 exponent, 10 mantissa bits, bias 15) and bfloat16
 * ({@code BF16}: 1 sign, 8 exponent, 7 mantissa bits, bias 127, the top half of an F32).
 *
 * <p>Decoding is exact (every 16-bit value is a double). Encoding rounds the double directly to
 * the nearest representable value, ties to even (never through F32, which would round twice),
 * overflows to infinity, keeps the sign of zeros and infinities, and maps every NaN to the quiet
 * NaN of that sign.
 */
final class HalfFloats {
  private static final int F16_MANTISSA_BITS = 10;
  private static final int F16_EXPONENT_BITS = 5;
  private static final int F16_BIAS = 15;
  private static final int BF16_MANTISSA_BITS = 7;
  private static final int BF16_EXPONENT_BITS = 8;
  private static final int BF16_BIAS = 127;

  private HalfFloats() {}

  /** The value of the binary16 bit pattern in the low 16 bits of {@code bits}. */
  static double f16ToDouble(int bits) {
    int sign = bits & 0x8000;
    int exponent = (bits >>> F16_MANTISSA_BITS) & 0x1F;
    int mantissa = bits & 0x3FF;
    double magnitude;
    if (exponent == 0) {
      magnitude = Math.scalb((double) mantissa, 1 - F16_BIAS - F16_MANTISSA_BITS);
    } else if (exponent == 0x1F) {
      magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      magnitude = Math.scalb((double) (mantissa | 0x400), exponent - F16_BIAS - F16_MANTISSA_BITS);
    }
    return sign != 0 ? -magnitude : magnitude;
  }

  /** The value of the bfloat16 bit pattern in the low 16 bits of {@code bits}. */
  static double bf16ToDouble(int bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /** The binary16 bit pattern nearest to {@code value} (ties to even), in the low 16 bits. */
  static int doubleToF16(double value) {
    return encode(value, F16_MANTISSA_BITS, F16_EXPONENT_BITS, F16_BIAS);
  }

  /** The bfloat16 bit pattern nearest to {@code value} (ties to even), in the low 16 bits. */
  static int doubleToBf16(double value) {
    return encode(value, BF16_MANTISSA_BITS, BF16_EXPONENT_BITS, BF16_BIAS);
  }

  /**
   * Rounds {@code value} to a binary format with {@code mantissaBits} stored mantissa bits,
   * {@code exponentBits} exponent bits and exponent bias {@code bias}; returns its bit pattern.
   */
  private static int encode(double value, int mantissaBits, int exponentBits, int bias) {
    int sign = Double.doubleToRawLongBits(value) < 0 ? 1 << (mantissaBits + exponentBits) : 0;
    int infinity = ((1 << exponentBits) - 1) << mantissaBits;
    if (Double.isNaN(value)) {
      return sign | infinity | (1 << (mantissaBits - 1));
    }
    double magnitude = Math.abs(value);
    if (magnitude == 0) {
      return sign;
    }
    int exponent = Math.getExponent(magnitude);
    if (exponent > bias) {
      return sign | infinity;
    }
    int minExponent = 1 - bias;
    if (exponent < minExponent) {
      // Subnormal: count units of the smallest subnormal, 2^(minExponent - mantissaBits). A count
      // of 2^mantissaBits is the smallest normal number, whose pattern is that same integer.
      return sign | (int) Math.rint(Math.scalb(magnitude, mantissaBits - minExponent));
    }
    // Normal: the significand scaled to [2^m, 2^(m+1)); rint rounds half to even, and a carry
    // into 2^(m+1) correctly increments the exponent field.
    int significand = (int) Math.rint(Math.scalb(magnitude, mantissaBits - exponent));
    int bits = ((exponent + bias) << mantissaBits) + significand - (1 << mantissaBits);
    return sign | Math.min(bits, infinity);
  }
}
