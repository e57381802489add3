package org.spikezip.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderWeights;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.WeightPrecision;

/**
 * Quantizer steps for random encoders ({@link org.spikezip.model.RandomEncoders}), picked from their
 * activation scales as LSQ initialises them, {@code s = 2 * mean|x| / sqrt(qmax)}, with mean|x|
 * estimated per site (LayerNorm outputs and projections about 0.8, softmax about 1/6, the rest 0.5)
 * and jittered by the seed, so that codes span the range without all saturating.
 */
final class EncoderTestModels {
  private EncoderTestModels() {}

  static QuantizerSteps steps(EncoderConfig c, int level, long seed) {
    Random r = new Random(seed);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(EncoderSite.EMBEDDINGS, step(0.8, true, level, r));
    for (int l = 0; l < c.layers(); l++) {
      for (EncoderSite s : EncoderSite.values()) {
        double mean = switch (s) {
          case Q, K, V, ATTN_NORM, OUT_NORM, INTER -> 0.8;
          case ATTN -> 1.0 / 6;
          default -> 0.5;
        };
        m.put(s.name(l), step(mean, s.signed(), level, r));
      }
    }
    return new QuantizerSteps(m);
  }

  private static double step(double mean, boolean signed, int level, Random r) {
    int qmax = signed ? level / 2 - 1 : level - 1;
    return (float) (2 * mean / Math.sqrt(qmax) * (0.7 + 0.6 * r.nextDouble()));
  }

  static QuantizedEncoder build(EncoderWeights w, QuantizerSteps steps, int level) {
    return build(w, steps, level, WeightPrecision.grid());
  }

  static QuantizedEncoder build(EncoderWeights w, QuantizerSteps steps, int level, WeightPrecision precision) {
    try {
      return QuantizedEncoder.build(w, steps, level, precision);
    } catch (UnsupportedModelException e) {
      throw new AssertionError(e);
    }
  }
}
