package org.spikezip.snn.op;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.spikezip.model.LinearWeights;
import org.spikezip.quant.ExactLinear;
import org.spikezip.quant.Quantizer;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.snn.AttentionState;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * The telescoping identities of the spike operators, over random shapes and random ternary spike
 * trains: after every step t, the running output equals the operator applied to the summed spikes,
 * computed here directly. Exact (integer sums), so compared with equality.
 */
class SpikeOperatorIdentityTest {

  @Property(tries = 60)
  void attentionScoresAndValuesAreProductsOfTracers(
      @ForAll @IntRange(min = 1, max = 9) int tokens,
      @ForAll @IntRange(min = 1, max = 3) int heads,
      @ForAll @IntRange(min = 1, max = 5) int headDim,
      @ForAll @IntRange(min = 1, max = 12) int steps,
      @ForAll long seed) {
    Random r = new Random(seed);
    int d = heads * headDim;
    SpikeBuffer q = new SpikeBuffer(tokens, d);
    SpikeBuffer k = new SpikeBuffer(tokens, d);
    SpikeBuffer v = new SpikeBuffer(tokens, d);
    SpikeBuffer a = new SpikeBuffer(heads * tokens, tokens);
    AttentionState state = new AttentionState(tokens, d, heads);
    ValueBuffer scores = new ValueBuffer(heads * tokens, tokens);
    ValueBuffer out = new ValueBuffer(tokens, d);
    double scale = 0.5;
    for (int t = 1; t <= steps; t++) {
      randomSpikes(r, q);
      randomSpikes(r, k);
      SpikeAttention.scores(q, k, state, scores, t == 1);
      randomSpikes(r, a);
      randomSpikes(r, v);
      SpikeAttention.values(a, v, state, scale, out, t == 1);
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < tokens; i++) {
          for (int j = 0; j < tokens; j++) {
            long dot = 0;
            for (int e = 0; e < headDim; e++) {
              dot += (long) q.counts()[i * d + h * headDim + e] * k.counts()[j * d + h * headDim + e];
            }
            assertThat(scores.values()[(h * tokens + i) * tokens + j]).isEqualTo((double) dot);
          }
          for (int e = 0; e < headDim; e++) {
            long dot = 0;
            for (int j = 0; j < tokens; j++) {
              dot += (long) a.counts()[(h * tokens + i) * tokens + j] * v.counts()[j * d + h * headDim + e];
            }
            assertThat(out.values()[i * d + h * headDim + e]).isEqualTo(dot * scale);
          }
        }
      }
    }
  }

  @Property(tries = 60)
  void linearOutputIsTheLayerAppliedToTheTracers(
      @ForAll @IntRange(min = 1, max = 6) int rows,
      @ForAll @IntRange(min = 1, max = 20) int in,
      @ForAll @IntRange(min = 1, max = 300) int out,
      @ForAll @IntRange(min = 1, max = 12) int steps,
      @ForAll long seed) {
    Random r = new Random(seed);
    double[] w = new double[out * in];
    double[] b = new double[out];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextGaussian();
    }
    for (int i = 0; i < out; i++) {
      b[i] = r.nextGaussian();
    }
    Quantizer inQ = new Quantizer(16, true, 0.25);
    ExactLinear layer = ExactLinear.of(new LinearWeights(out, in, w, b), inQ, WeightPrecision.grid());
    SpikeBuffer spikes = new SpikeBuffer(rows, in);
    double[] acc = new double[rows * out];
    ValueBuffer y = new ValueBuffer(rows, out);
    for (int t = 1; t <= steps; t++) {
      randomSpikes(r, spikes);
      SpikeLinear.step(layer, spikes, acc, y, Integer.MAX_VALUE, t == 1);
      for (int row = 0; row < rows; row++) {
        for (int o = 0; o < out; o++) {
          double sum = 0;
          for (int i = 0; i < in; i++) {
            sum += layer.weight(o, i) / layer.gridScale() * spikes.counts()[row * in + i];
          }
          assertThat(y.values()[row * out + o]).isEqualTo(layer.value(sum, o));
        }
      }
    }
  }

  /** One step of random +-1 spikes (about a third of the neurons) within the tracer bounds [-8, 7]. */
  private static void randomSpikes(Random r, SpikeBuffer s) {
    s.beginStep();
    for (int i = 0; i < s.size(); i++) {
      int pick = r.nextInt(3) - 1;
      int next = s.counts()[i] + pick;
      if (pick != 0 && next >= -8 && next <= 7) {
        s.spike(i, i / s.cols(), pick);
      }
    }
    s.endStep();
  }
}
