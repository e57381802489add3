package org.spikezip.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikezip.tensor.DType;

class ElementDecoderTest {

  @ParameterizedTest
  @CsvSource({"0x3c00, 1.0", "0xc000, -2.0", "0x7bff, 65504.0", "0x0001, 5.9604644775390625E-8",
      "0x03ff, 6.097555160522461E-5", "0x0400, 6.103515625E-5", "0x3555, 0.333251953125", "0x8000, -0.0",
      "0x7c00, Infinity", "0xfc00, -Infinity"})
  void halfBitsDecodeToTheirIeeeValues(String bits, double value) {
    assertThat(ElementDecoder.halfToDouble(Integer.decode(bits))).isEqualTo(value);
  }

  @Test
  void halfNaNsAreNaNAndFiniteHalvesIncreaseWithTheirBits() {
    assertThat(ElementDecoder.halfToDouble(0x7e00)).isNaN();
    double previous = -1;
    for (int bits = 0; bits < 0x7c00; bits++) {
      double v = ElementDecoder.halfToDouble(bits);
      assertThat(v).isGreaterThan(previous).isEqualTo(-ElementDecoder.halfToDouble(bits | 0x8000));
      assertThat((double) (float) v).isEqualTo(v);
      previous = v;
    }
  }

  @Test
  void bfloat16IsTheUpperHalfOfAFloat() {
    assertThat(ElementDecoder.bfloat16ToDouble(0x3fc0)).isEqualTo(1.5);
    assertThat(ElementDecoder.bfloat16ToDouble(0xc040)).isEqualTo(-3.0);
    assertThat(ElementDecoder.bfloat16ToDouble(0x7f80)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void elementsReadInTheBuffersByteOrder() {
    ByteBuffer little = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    little.putShort(0, (short) -2).putInt(2, 0x7fffffff).put(6, (byte) 0xff).putLong(8, -(1L << 53));
    assertThat(ElementDecoder.element(little, 0, DType.I16)).isEqualTo(-2.0);
    assertThat(ElementDecoder.element(little, 2, DType.I32)).isEqualTo(2147483647.0);
    assertThat(ElementDecoder.element(little, 6, DType.U8)).isEqualTo(255.0);
    assertThat(ElementDecoder.element(little, 6, DType.I8)).isEqualTo(-1.0);
    assertThat(ElementDecoder.element(little, 6, DType.BOOL)).isEqualTo(1.0);
    assertThat(ElementDecoder.element(little, 8, DType.I64)).isEqualTo(-0x1p53);
    ByteBuffer big = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putFloat(0, 0.1f);
    assertThat(ElementDecoder.element(big, 0, DType.F32)).isEqualTo((double) 0.1f);
  }

  @Test
  void int64BeyondTwoToThe53IsRefused() {
    ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, (1L << 53) + 1);
    assertThatThrownBy(() -> ElementDecoder.element(bytes, 0, DType.I64))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("integer 9007199254740993 exceeds 2^53 and has no exact double");
  }
}
