package org.spikezip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.spikezip.convert.Converter;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantSite;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.StepCalibrator;
import org.spikezip.quant.WeightPrecision;

/**
 * SPEC §5 integer mode: with weights quantized to b-bit integers times a per-tensor scale, the
 * SNN's membrane accumulators are the integer sums {@code sum_i w_int[o,i] * code[i]} computed here
 * independently in {@code long} arithmetic, and its logits are bit-identical.
 */
class IntegerModeTest {

  @Property(tries = 15)
  void accumulatorsAndLogitsAreBitIdentical(
      @ForAll @IntRange(min = 1, max = 3) int depth,
      @ForAll @IntRange(min = 4, max = 12) int bits,
      @ForAll @LongRange(min = 0, max = 100_000) long seed) throws Exception {
    VitConfig c = RandomVits.config(8, 4, 12, depth, 2, 2, 5);
    VitWeights w = RandomVits.weights(c, seed);
    List<double[]> images = RandomVits.images(c, 1, seed + 7);
    QuantizerSteps steps = StepCalibrator.calibrate(w, 16, images);
    QuantizedVit qann = QuantizedVit.build(w, steps, 16, WeightPrecision.integer(bits));
    QannResult ref = new QannForward(qann).forward(images.get(0));
    Simulator sim = new Simulator(Converter.convert(qann).network(), Encoding.ANALOG, StopRule.quiescent(10_000));
    SimState state = sim.newState();
    SampleResult r = sim.run(images.get(0), state, SimulationListener.NONE);

    int n = c.numTokens();
    for (int b = 0; b < depth; b++) {
      LinearWeights fc1 = w.blocks().get(b).fc1();
      long[] wInt = quantizeWeights(fc1, bits);
      long[] expected = integerProduct(wInt, fc1.out(), fc1.in(), ref.codes().get(QuantSite.NORM2.name(b)), n);
      double[] actual = state.blocks.get(b).fc1Acc;
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).as("fc1 accumulator %d of block %d", i, b).isEqualTo((double) expected[i]);
      }
    }
    LinearWeights head = w.head();
    long[] headInt = quantizeWeights(head, bits);
    long[] headAcc = integerProduct(headInt, head.out(), head.in(), ref.codes().get(QuantSite.FINAL_NORM), 1);
    double scale = maxAbs(head.weight()) / ((1 << (bits - 1)) - 1);
    double outScale = scale * steps.step(QuantSite.FINAL_NORM);
    for (int o = 0; o < head.out(); o++) {
      double logit = (double) headAcc[o] * outScale + head.bias()[o];
      assertThat(r.logits()[o]).isEqualTo(logit);
      assertThat(ref.logits()[o]).isEqualTo(logit);
    }
    for (var e : ref.codes().entrySet()) {
      assertThat(r.spikeCounts().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  private static long[] quantizeWeights(LinearWeights lw, int bits) {
    int limit = (1 << (bits - 1)) - 1;
    double scale = maxAbs(lw.weight()) / limit;
    long[] q = new long[lw.weight().length];
    for (int i = 0; i < q.length; i++) {
      q[i] = Math.max(-limit, Math.min(limit, (long) Math.rint(lw.weight()[i] / scale)));
    }
    return q;
  }

  private static long[] integerProduct(long[] w, int out, int in, int[] codes, int rows) {
    long[] acc = new long[rows * out];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        long s = 0;
        for (int i = 0; i < in; i++) {
          s += w[o * in + i] * codes[r * in + i];
        }
        acc[r * out + o] = s;
      }
    }
    return acc;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
