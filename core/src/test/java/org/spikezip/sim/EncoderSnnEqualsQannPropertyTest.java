package org.spikezip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderLayout;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.RandomEncoders;
import org.spikezip.quant.EncoderQannForward;
import org.spikezip.quant.EncoderStepCalibrator;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.WeightPrecision;

/**
 * SPEC §5 for post-LN encoders with padding, in both layouts (BERT: positions 0..n-1 and a linear
 * head; RoBERTa: offset positions and the dense + tanh + out_proj head): once quiet, every tracer
 * of the spiking encoder equals the QANN's code under the same quantizer name and the logits are
 * the same bits; padding cannot reach the unpadded tokens.
 */
class EncoderSnnEqualsQannPropertyTest {

  @Property(tries = 40)
  void quiescentSpikingEncoderReproducesQannExactly(
      @ForAll @IntRange(min = 1, max = 3) int layers,
      @ForAll("levels") int level,
      @ForAll @IntRange(min = 1, max = 3) int heads,
      @ForAll @IntRange(min = 0, max = 3) int halfHeadDim,
      @ForAll @IntRange(min = 3, max = 9) int length,
      @ForAll boolean calibrated,
      @ForAll boolean integerWeights,
      @ForAll EncoderLayout layout,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) throws UnsupportedModelException {
    Random r = new Random(seed);
    int headDim = 2 * halfHeadDim + 1;
    int hidden = heads * headDim;
    EncoderConfig c = RandomEncoders.config(layout, 20, 12, hidden, layers, heads, 1 + r.nextInt(2 * hidden + 2),
        2 + r.nextInt(3));
    EncoderWeights w = RandomEncoders.weights(c, seed);
    List<EncoderInput> inputs = new ArrayList<>();
    for (int sample = 0; sample < 2; sample++) {
      int valid = 1 + r.nextInt(length);
      inputs.add(EncoderInput.of(RandomEncoders.tokens(c, length, r), RandomEncoders.mask(length, valid)));
    }
    QuantizerSteps steps = calibrated
        ? EncoderStepCalibrator.calibrate(w, level, inputs)
        : EncoderTestModels.steps(c, level, seed + 7);
    QuantizedEncoder qann = EncoderTestModels.build(w, steps, level,
        integerWeights ? WeightPrecision.integer(8) : WeightPrecision.grid());
    EncoderSimulator sim = new EncoderSimulator(SpikingEncoder.convert(qann), StopRule.quiescent(100_000));
    for (EncoderInput in : inputs) {
      QannResult ref = new EncoderQannForward(qann).forward(in);
      SampleResult got = sim.run(in);
      assertThat(got.quiescent()).isTrue();
      assertThat(got.totalSpikes()).isPositive();
      assertThat(got.spikeCounts().keySet()).containsExactlyElementsOf(ref.codes().keySet());
      for (var e : ref.codes().entrySet()) {
        assertThat(got.spikeCounts().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(got.logits()).isEqualTo(ref.logits());
    }
  }

  /**
   * Padded keys get probability exactly 0 (their scores are minus infinity), so neither their ids nor
   * their types (where the layout has two) reach the unpadded rows: logits and every unpadded token's
   * codes stay the same bits.
   * (The padded rows' own codes do change; they are computed and simply never read.)
   */
  @Property(tries = 40)
  void paddedTokensCannotInfluenceUnpaddedOutputs(
      @ForAll @IntRange(min = 1, max = 3) int layers,
      @ForAll("levels") int level,
      @ForAll @IntRange(min = 1, max = 3) int heads,
      @ForAll @IntRange(min = 4, max = 9) int length,
      @ForAll EncoderLayout layout,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random r = new Random(seed);
    int hidden = heads * 3;
    EncoderConfig c = RandomEncoders.config(layout, 20, 12, hidden, layers, heads, 2 * hidden, 3);
    QuantizedEncoder qann = EncoderTestModels.build(RandomEncoders.weights(c, seed),
        EncoderTestModels.steps(c, level, seed + 3), level);
    int valid = 1 + r.nextInt(length - 1);
    int[] ids = RandomEncoders.tokens(c, length, r);
    int[] mask = RandomEncoders.mask(length, valid);
    int[] other = ids.clone();
    int[] types = new int[length];
    for (int t = valid; t < length; t++) {
      other[t] = (ids[t] + 1 + r.nextInt(c.vocabSize() - 1)) % c.vocabSize();
      types[t] = c.typeVocabSize() - 1;
    }
    var forward = new EncoderQannForward(qann);
    QannResult a = forward.forward(EncoderInput.of(ids, mask));
    QannResult b = forward.forward(new EncoderInput(other, mask, types));
    assertThat(b.logits()).isEqualTo(a.logits());
    for (var e : a.codes().entrySet()) {
      if (e.getKey().endsWith("attn_quan")) {
        continue;
      }
      int cols = e.getValue().length / length;
      for (int i = 0; i < valid * cols; i++) {
        assertThat(b.codes().get(e.getKey())[i]).as(e.getKey() + "[" + i + "]").isEqualTo(e.getValue()[i]);
      }
    }
  }

  @Provide
  Arbitrary<Integer> levels() {
    return Arbitraries.of(4, 8, 16);
  }
}
