package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NormalizationTest {

  @Test
  void halfMapsUnitIntervalToMinusOneOne() {
    assertThat(Normalization.HALF.apply(0, 0.0)).isEqualTo(-1.0);
    assertThat(Normalization.HALF.apply(2, 1.0)).isEqualTo(1.0);
    assertThat(Normalization.HALF.apply(1, 0.5)).isEqualTo(0.0);
    assertThat(Normalization.NONE.apply(0, 0.25)).isEqualTo(0.25);
  }

  @Test
  void perChannelStatisticsApplyToTheirChannel() {
    Normalization n = new Normalization(new double[] {0.1, 0.2}, new double[] {0.5, 0.25});
    assertThat(n.apply(0, 0.6)).isEqualTo((0.6 - 0.1) / 0.5);
    assertThat(n.apply(1, 0.6)).isEqualTo((0.6 - 0.2) / 0.25);
    assertThat(n.fits(2)).isTrue();
    assertThat(n.fits(3)).isFalse();
    assertThat(Normalization.HALF.fits(3)).isTrue();
    assertThat(Normalization.IMAGENET.mean(2)).isEqualTo(0.406);
  }

  @Test
  void arraysAreCopiedInAndOut() {
    double[] mean = {0.5};
    Normalization n = new Normalization(mean, new double[] {0.5});
    mean[0] = 9;
    n.mean()[0] = 7;
    assertThat(n.mean(0)).isEqualTo(0.5);
    assertThat(n).isEqualTo(Normalization.HALF).hasSameHashCodeAs(Normalization.HALF);
    assertThat(n.toString()).contains("0.5");
  }

  @Test
  void refusesBadStatistics() {
    assertThatThrownBy(() -> new Normalization(new double[] {0.5}, new double[] {0.0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std[0]");
    assertThatThrownBy(() -> new Normalization(new double[] {0.5, 0.5}, new double[] {0.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same non-zero length");
    assertThatThrownBy(() -> new Normalization(new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Normalization.uniform(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean[0]");
  }
}
