package org.spikezip.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToIntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Bit-exact F16 and BF16 conversions: known patterns, every pattern, and rounding against an oracle. */
class HalfFloatsTest {

  @Test
  void decodesKnownF16Patterns() {
    assertThat(HalfFloats.f16ToDouble(0x3C00)).isEqualTo(1.0);
    assertThat(HalfFloats.f16ToDouble(0xC000)).isEqualTo(-2.0);
    assertThat(HalfFloats.f16ToDouble(0x3555)).isEqualTo(0x1.554p-2);
    assertThat(HalfFloats.f16ToDouble(0x7BFF)).isEqualTo(65504.0);
    assertThat(HalfFloats.f16ToDouble(0x0400)).isEqualTo(0x1p-14);
    assertThat(HalfFloats.f16ToDouble(0x03FF)).isEqualTo(1023 * 0x1p-24);
    assertThat(HalfFloats.f16ToDouble(0x0001)).isEqualTo(0x1p-24);
    assertThat(HalfFloats.f16ToDouble(0x8001)).isEqualTo(-0x1p-24);
    assertThat(HalfFloats.f16ToDouble(0x0000)).isEqualTo(0.0);
    assertThat(HalfFloats.f16ToDouble(0x8000)).isEqualTo(-0.0);
    assertThat(HalfFloats.f16ToDouble(0x7C00)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(HalfFloats.f16ToDouble(0xFC00)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(HalfFloats.f16ToDouble(0x7E00)).isNaN();
    assertThat(HalfFloats.f16ToDouble(0x7C01)).isNaN();
    assertThat(HalfFloats.f16ToDouble(0xFFFF)).isNaN();
  }

  @Test
  void decodesKnownBf16Patterns() {
    assertThat(HalfFloats.bf16ToDouble(0x3F80)).isEqualTo(1.0);
    assertThat(HalfFloats.bf16ToDouble(0xC040)).isEqualTo(-3.0);
    assertThat(HalfFloats.bf16ToDouble(0x3F81)).isEqualTo(1 + 0x1p-7);
    assertThat(HalfFloats.bf16ToDouble(0x7F7F)).isEqualTo(0x1.FEp127);
    assertThat(HalfFloats.bf16ToDouble(0x0080)).isEqualTo(0x1p-126);
    assertThat(HalfFloats.bf16ToDouble(0x0001)).isEqualTo(0x1p-133);
    assertThat(HalfFloats.bf16ToDouble(0x8000)).isEqualTo(-0.0);
    assertThat(HalfFloats.bf16ToDouble(0x7F80)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(HalfFloats.bf16ToDouble(0xFF80)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(HalfFloats.bf16ToDouble(0x7FC0)).isNaN();
  }

  @Test
  void encodesF16WithRoundingToNearestEven() {
    assertThat(HalfFloats.doubleToF16(1.0)).isEqualTo(0x3C00);
    assertThat(HalfFloats.doubleToF16(-0.0)).isEqualTo(0x8000);
    assertThat(HalfFloats.doubleToF16(1 + 0x1p-11)).isEqualTo(0x3C00); // tie, down to even
    assertThat(HalfFloats.doubleToF16(1 + 3 * 0x1p-11)).isEqualTo(0x3C02); // tie, up to even
    assertThat(HalfFloats.doubleToF16(1 + 0x1p-11 + 0x1p-40)).isEqualTo(0x3C01);
    assertThat(HalfFloats.doubleToF16(0x1p-25)).isEqualTo(0x0000); // half the smallest subnormal
    assertThat(HalfFloats.doubleToF16(0x1.0000000000001p-25)).isEqualTo(0x0001);
    assertThat(HalfFloats.doubleToF16(3 * 0x1p-25)).isEqualTo(0x0002);
    assertThat(HalfFloats.doubleToF16(-0x1p-30)).isEqualTo(0x8000);
    assertThat(HalfFloats.doubleToF16(0x1p-14 - 0x1p-26)).isEqualTo(0x0400); // rounds up into normals
    assertThat(HalfFloats.doubleToF16(65504.0)).isEqualTo(0x7BFF);
    assertThat(HalfFloats.doubleToF16(65519.99)).isEqualTo(0x7BFF);
    assertThat(HalfFloats.doubleToF16(65520.0)).isEqualTo(0x7C00); // tie with 2^16, overflows
    assertThat(HalfFloats.doubleToF16(-1e300)).isEqualTo(0xFC00);
    assertThat(HalfFloats.doubleToF16(Double.POSITIVE_INFINITY)).isEqualTo(0x7C00);
    assertThat(HalfFloats.doubleToF16(Double.NaN)).isEqualTo(0x7E00);
    assertThat(HalfFloats.doubleToF16(Double.MIN_VALUE)).isEqualTo(0x0000);
  }

  @Test
  void encodesBf16DirectlyNotThroughF32() {
    assertThat(HalfFloats.doubleToBf16(1.0)).isEqualTo(0x3F80);
    assertThat(HalfFloats.doubleToBf16(1 + 0x1p-8)).isEqualTo(0x3F80); // tie, down to even
    assertThat(HalfFloats.doubleToBf16(1 + 3 * 0x1p-8)).isEqualTo(0x3F82); // tie, up to even
    // Via F32 this would round twice: to 1 + 2^-8 (a tie) and then down to 1.0.
    assertThat(HalfFloats.doubleToBf16(1 + 0x1p-8 + 0x1p-30)).isEqualTo(0x3F81);
    assertThat(HalfFloats.doubleToBf16(0x1p-134)).isEqualTo(0x0000);
    assertThat(HalfFloats.doubleToBf16(3 * 0x1p-134)).isEqualTo(0x0002);
    assertThat(HalfFloats.doubleToBf16(0x1.FEp127)).isEqualTo(0x7F7F);
    assertThat(HalfFloats.doubleToBf16(0x1.FFp127)).isEqualTo(0x7F80); // tie with 2^128, overflows
    assertThat(HalfFloats.doubleToBf16(Double.NEGATIVE_INFINITY)).isEqualTo(0xFF80);
    assertThat(HalfFloats.doubleToBf16(Double.longBitsToDouble(0xFFF8000000000000L))).isEqualTo(0xFFC0);
  }

  @Test
  void everyPatternSurvivesDecodeThenEncode() {
    for (int bits = 0; bits <= 0xFFFF; bits++) {
      double f16 = HalfFloats.f16ToDouble(bits);
      double bf16 = HalfFloats.bf16ToDouble(bits);
      if (Double.isNaN(f16)) {
        assertThat(HalfFloats.f16ToDouble(HalfFloats.doubleToF16(f16))).isNaN();
      } else {
        assertThat(HalfFloats.doubleToF16(f16)).as("F16 %04x", bits).isEqualTo(bits);
      }
      if (Double.isNaN(bf16)) {
        assertThat(HalfFloats.bf16ToDouble(HalfFloats.doubleToBf16(bf16))).isNaN();
      } else {
        assertThat(HalfFloats.doubleToBf16(bf16)).as("BF16 %04x", bits).isEqualTo(bits);
      }
    }
  }

  @Property(tries = 3000)
  void f16EncodingIsTheNearestPatternTiesToEven(@ForAll("nearF16") double value) {
    assertThat(HalfFloats.doubleToF16(value))
        .isEqualTo(nearest(value, HalfFloats::f16ToDouble, 0x7C00, 0x1p16));
  }

  @Property(tries = 3000)
  void bf16EncodingIsTheNearestPatternTiesToEven(@ForAll("nearBf16") double value) {
    assertThat(HalfFloats.doubleToBf16(value))
        .isEqualTo(nearest(value, HalfFloats::bf16ToDouble, 0x7F80, 0x1p128));
  }

  @Provide
  Arbitrary<Double> nearF16() {
    return near(HalfFloats::f16ToDouble, 0x7C00, 0x1p16);
  }

  @Provide
  Arbitrary<Double> nearBf16() {
    return near(HalfFloats::bf16ToDouble, 0x7F80, 0x1p128);
  }

  /**
   * Doubles at, between, or just beside adjacent positive patterns {@code p, p + 1}, with either
   * sign; pattern {@code infinity} counts as the value {@code beyondMax} (the next power of two).
   */
  private static Arbitrary<Double> near(IntToDoubleFunction decode, int infinity, double beyondMax) {
    Arbitrary<Integer> pattern = Arbitraries.integers().between(0, infinity - 1);
    Arbitrary<Integer> where = Arbitraries.integers().between(0, 4);
    Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 1);
    return Combinators.combine(pattern, where, fraction, Arbitraries.of(1.0, -1.0))
        .as((p, w, f, sign) -> {
          double lo = decode.applyAsDouble(p);
          double hi = p + 1 == infinity ? beyondMax : decode.applyAsDouble(p + 1);
          double mid = (lo + hi) / 2;
          double v = switch (w) {
            case 0 -> lo;
            case 1 -> mid;
            case 2 -> Math.nextDown(mid);
            case 3 -> Math.nextUp(mid);
            default -> lo + f * (hi - lo);
          };
          return sign * v;
        });
  }

  /** The oracle: the pattern nearest {@code value} by exact decimal arithmetic, ties to even. */
  private static int nearest(double value, IntToDoubleFunction decode, int infinity, double beyondMax) {
    int sign = Double.doubleToRawLongBits(value) < 0 ? 0x8000 : 0;
    double x = Math.abs(value);
    if (x >= beyondMax) {
      return sign | infinity;
    }
    ToIntFunction<Double> floor = v -> {
      int lo = 0;
      int hi = infinity - 1;
      while (lo < hi) {
        int m = (lo + hi + 1) >>> 1;
        if (decode.applyAsDouble(m) <= v) {
          lo = m;
        } else {
          hi = m - 1;
        }
      }
      return lo;
    };
    int below = floor.applyAsInt(x);
    double lo = decode.applyAsDouble(below);
    if (lo == x) {
      return sign | below;
    }
    double hi = below + 1 == infinity ? beyondMax : decode.applyAsDouble(below + 1);
    BigDecimal exact = new BigDecimal(x);
    int cmp = exact.subtract(new BigDecimal(lo)).compareTo(new BigDecimal(hi).subtract(exact));
    int chosen = cmp < 0 ? below : cmp > 0 ? below + 1 : (below % 2 == 0 ? below : below + 1);
    return sign | chosen;
  }
}
