package org.spikezip.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.model.Activation;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderLayout;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.RandomEncoders;

/** The quantized encoder is the float encoder up to quantization, and refuses what it cannot convert. */
class EncoderQannTest {
  private static final EncoderConfig CONFIG = RandomEncoders.config(30, 16, 12, 2, 3, 20, 3);

  private static List<EncoderInput> inputs(int count, long seed) {
    return inputs(CONFIG, count, seed);
  }

  private static List<EncoderInput> inputs(EncoderConfig config, int count, long seed) {
    Random r = new Random(seed);
    List<EncoderInput> in = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = 3 + r.nextInt(7);
      in.add(EncoderInput.of(RandomEncoders.tokens(config, n, r), RandomEncoders.mask(n, 1 + r.nextInt(n))));
    }
    return in;
  }

  /** Both layouts: the float pass and the QANN agree on position ids and on the head's readout. */
  @ParameterizedTest
  @EnumSource(EncoderLayout.class)
  void manyLevelsApproachTheFloatModel(EncoderLayout layout) throws UnsupportedModelException {
    EncoderConfig config = RandomEncoders.config(layout, 30, 16, 12, 2, 3, 20, 3);
    EncoderWeights w = RandomEncoders.weights(config, 11);
    List<EncoderInput> in = inputs(config, 6, 12);
    int level = 1 << 20;
    QuantizedEncoder qann = QuantizedEncoder.build(w, EncoderStepCalibrator.calibrate(w, level, in), level,
        WeightPrecision.grid());
    double[][] ref = EncoderFloatPass.logits(w, in);
    for (int b = 0; b < in.size(); b++) {
      double[] got = new EncoderQannForward(qann).forward(in.get(b)).logits();
      for (int o = 0; o < got.length; o++) {
        assertThat(got[o]).as("sample %d logit %d", b, o).isCloseTo(ref[b][o], org.assertj.core.data.Offset.offset(0.01));
      }
    }
  }

  /** Positions 2, 3, 4, 1, 1 for mask 1 1 1 0 0 ({@code EncoderLayoutTest}), looked up row by row. */
  @Test
  void robertaEmbeddingsLookUpOffsetPositionsAndParkPaddingAtOne() throws UnsupportedModelException {
    EncoderConfig config = RandomEncoders.config(EncoderLayout.ROBERTA, 30, 7, 12, 1, 3, 20, 2);
    EncoderWeights w = RandomEncoders.weights(config, 8);
    int[] ids = {0, 5, 9, 1, 1};
    EncoderInput in = EncoderInput.of(ids, new int[] {1, 1, 1, 0, 0});
    QuantizedEncoder qann = QuantizedEncoder.build(w, EncoderStepCalibrator.calibrate(w, 8, List.of(in)), 8,
        WeightPrecision.grid());
    double[] got = qann.embed(in);
    int[] positions = {2, 3, 4, 1, 1};
    int d = config.hidden();
    for (int t = 0; t < ids.length; t++) {
      double[] sum = new double[d];
      for (int i = 0; i < d; i++) {
        sum[i] = (w.wordEmbeddings()[ids[t] * d + i] + w.positionEmbeddings()[positions[t] * d + i])
            + w.tokenTypeEmbeddings()[i];
      }
      double[] want = new double[d];
      CanonicalFunctions.layerNorm(sum, 0, w.embeddingNorm().gamma(), w.embeddingNorm().beta(), 1e-5, want, 0);
      assertThat(Arrays.copyOfRange(got, t * d, (t + 1) * d)).as("row %d", t).isEqualTo(want);
    }
    assertThatThrownBy(() -> qann.embed(EncoderInput.of(new int[6], RandomEncoders.mask(6, 6))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sequence of 6 tokens exceeds the 5 that max positions 7 allow (ROBERTA)");
  }

  @Test
  void codesAreNamedAfterTheQuantizers() throws UnsupportedModelException {
    EncoderWeights w = RandomEncoders.weights(CONFIG, 3);
    List<EncoderInput> in = inputs(2, 4);
    QuantizedEncoder qann = QuantizedEncoder.build(w, EncoderStepCalibrator.calibrate(w, 16, in), 16,
        WeightPrecision.grid());
    QannResult r = new EncoderQannForward(qann).forward(in.get(0));
    assertThat(r.codes().keySet()).containsExactlyElementsOf(qann.quantizers().keySet());
    assertThat(r.codes()).containsKey("encoder.layer.1.attention.self.quan_q");
    assertThat(qann.quantizers().get("encoder.layer.0.intermediate.quan").signed()).isFalse();
    assertThat(qann.quantizers().get("encoder.layer.0.attention.self.attn_quan").signed()).isFalse();
    assertThat(qann.quantizers().get(EncoderSite.EMBEDDINGS).signed()).isTrue();
  }

  @Test
  void geluIsRefused() {
    EncoderConfig gelu = new EncoderConfig(30, 16, 2, 12, 1, 3, 20, 3, 1e-12, Activation.GELU,
        EncoderLayout.BERT);
    EncoderWeights w = RandomEncoders.weights(gelu, 1);
    assertThatThrownBy(() -> QuantizedEncoder.build(w, new QuantizerSteps(java.util.Map.of()), 16,
        WeightPrecision.grid())).isInstanceOf(UnsupportedModelException.class).hasMessageContaining("ReLU");
  }

  @Test
  void badInputsAreRejected() throws UnsupportedModelException {
    EncoderWeights w = RandomEncoders.weights(CONFIG, 5);
    QuantizedEncoder qann = QuantizedEncoder.build(w, EncoderStepCalibrator.calibrate(w, 8, inputs(1, 6)), 8,
        WeightPrecision.grid());
    assertThatThrownBy(() -> qann.embed(EncoderInput.of(new int[] {1, 30}, new int[] {1, 1})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside vocabulary");
    assertThatThrownBy(() -> qann.embed(EncoderInput.of(new int[17], RandomEncoders.mask(17, 17))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max positions");
    assertThatThrownBy(() -> EncoderInput.of(new int[] {1, 2}, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[CLS]");
    assertThatThrownBy(() -> EncoderInput.of(new int[] {1, 2}, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or 1");
  }
}
