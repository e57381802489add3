package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ResizeCropTest {

  @Test
  void sameSizeIsTheIdentity() {
    byte[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    assertThat(ResizeCrop.apply(image, 3, 2, 2, 2, 2)).containsExactly(image);
  }

  @Test
  void cropKeepsTheCentre() {
    // One channel, 2 rows x 5 columns: the shorter side is already 2, so only the crop acts.
    byte[] image = {0, 1, 2, 3, 4, 10, 11, 12, 13, 14};
    // (5 - 2) / 2 = 1.5 rounds half to even: 2.
    assertThat(ResizeCrop.apply(image, 1, 2, 5, 2, 2)).containsExactly(2, 3, 12, 13);
    // 4 columns: (4 - 2) / 2 = 1.
    byte[] four = {0, 1, 2, 3, 10, 11, 12, 13};
    assertThat(ResizeCrop.apply(four, 1, 2, 4, 2, 2)).containsExactly(1, 2, 11, 12);
  }

  @Test
  void upscalingInterpolatesWithHalfPixelCentres() {
    // 2x2 -> 4x4: source positions -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    byte[] image = {0, 100, 0, 100};
    byte[] out = ResizeCrop.apply(image, 1, 2, 2, 4, 4);
    assertThat(out).containsExactly(
        0, 25, 75, 100,
        0, 25, 75, 100,
        0, 25, 75, 100,
        0, 25, 75, 100);
  }

  @Test
  void downscalingAveragesNeighbours() {
    // One row of 4 columns in 2 rows -> shorter side 1: 1 x 2, source columns 0.5 and 2.5.
    byte[] image = {0, 100, (byte) 200, (byte) 240, 0, 100, (byte) 200, (byte) 240};
    byte[] out = ResizeCrop.apply(image, 1, 2, 4, 1, 1);
    // Width becomes floor(1 * 4 / 2) = 2; crop 1 starts at round(0.5) = 0: column 0.5 -> 50.
    assertThat(out).containsExactly(50);
  }

  @Property(tries = 200)
  void uniformImagesStayUniform(
      @ForAll @IntRange(min = 1, max = 40) int height,
      @ForAll @IntRange(min = 1, max = 40) int width,
      @ForAll @IntRange(min = 1, max = 30) int crop,
      @ForAll @IntRange(min = 0, max = 10) int extra,
      @ForAll @IntRange(min = 0, max = 255) int value) {
    byte[] image = new byte[3 * height * width];
    Arrays.fill(image, (byte) value);
    byte[] out = ResizeCrop.apply(image, 3, height, width, crop + extra, crop);
    assertThat(out).hasSize(3 * crop * crop);
    for (byte b : out) {
      assertThat(b & 0xff).isEqualTo(value);
    }
  }
}
