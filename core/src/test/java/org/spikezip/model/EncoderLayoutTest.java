package org.spikezip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Position ids by layout, worked by hand from Hugging Face's {@code cumsum(mask) * mask + padding_idx}. */
class EncoderLayoutTest {

  @Test
  void bertCountsPositionsFromZeroWhateverTheMask() {
    assertThat(EncoderLayout.BERT.positionIds(new int[] {1, 1, 1, 0, 0})).containsExactly(0, 1, 2, 3, 4);
  }

  /**
   * mask      1 1 1 0 0        1 0 1 1 0
   * cumsum    1 2 3 3 3        1 1 2 3 3
   * * mask    1 2 3 0 0        1 0 2 3 0
   * + 1       2 3 4 1 1        2 1 3 4 1
   */
  @Test
  void robertaOffsetsTokensPastThePaddingIndexAndParksPaddingThere() {
    assertThat(EncoderLayout.ROBERTA.positionIds(new int[] {1, 1, 1, 0, 0})).containsExactly(2, 3, 4, 1, 1);
    assertThat(EncoderLayout.ROBERTA.positionIds(new int[] {1, 0, 1, 1, 0})).containsExactly(2, 1, 3, 4, 1);
  }

  @Test
  void robertaBaseHoldsFiveHundredTwelveTokens() {
    EncoderConfig base = new EncoderConfig(50265, 514, 1, 768, 12, 12, 3072, 2, EncoderConfig.ROBERTA_LN_EPS,
        Activation.RELU, EncoderLayout.ROBERTA);
    assertThat(base.maxTokens()).isEqualTo(512);
    assertThat(RandomEncoders.config(10, 512, 4, 1, 1, 4, 2).maxTokens()).isEqualTo(512);
    assertThatThrownBy(() -> RandomEncoders.config(EncoderLayout.ROBERTA, 10, 2, 4, 1, 1, 4, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max positions must exceed the 2 positions ROBERTA reserves, got 2");
  }
}
