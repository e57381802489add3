package org.spikezip.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Random float post-LN encoders and padded token sequences (tests, benchmarks), reproducible from a seed. */
public final class RandomEncoders {
  private RandomEncoders() {}

  public static EncoderConfig config(int vocab, int maxPositions, int hidden, int layers, int heads,
      int intermediate, int classes) {
    return new EncoderConfig(vocab, maxPositions, 2, hidden, layers, heads, intermediate, classes,
        EncoderConfig.BERT_LN_EPS, Activation.RELU);
  }

  /** Weights with variance-preserving scales (float32 values, as real checkpoints hold). */
  public static EncoderWeights weights(EncoderConfig c, long seed) {
    Random r = new Random(seed);
    int d = c.hidden();
    List<EncoderLayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < c.layers(); l++) {
      layers.add(new EncoderLayerWeights(linear(r, d, d), linear(r, d, d), linear(r, d, d), linear(r, d, d),
          ln(r, d, c.lnEps()), linear(r, c.intermediate(), d), linear(r, d, c.intermediate()), ln(r, d, c.lnEps())));
    }
    return new EncoderWeights(c, gaussian(r, c.vocabSize() * d, 1), gaussian(r, c.maxPositions() * d, 0.5),
        gaussian(r, c.typeVocabSize() * d, 0.5), ln(r, d, c.lnEps()), layers, Optional.of(linear(r, d, d)),
        linear(r, c.numClasses(), d));
  }

  /** Random token ids {@code [n]} with {@code ids[0]} a [CLS]-like id. */
  public static int[] tokens(EncoderConfig c, int n, Random r) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = r.nextInt(c.vocabSize());
    }
    return ids;
  }

  /** An attention mask {@code [n]}: ones for the first {@code valid} tokens, zeros (padding) after. */
  public static int[] mask(int n, int valid) {
    int[] m = new int[n];
    for (int i = 0; i < valid; i++) {
      m[i] = 1;
    }
    return m;
  }

  private static LinearWeights linear(Random r, int out, int in) {
    return new LinearWeights(out, in, gaussian(r, out * in, 1.0 / Math.sqrt(in)), gaussian(r, out, 0.1));
  }

  private static LayerNormWeights ln(Random r, int d, double eps) {
    double[] g = new double[d];
    for (int i = 0; i < d; i++) {
      g[i] = (float) (1 + 0.2 * r.nextGaussian());
    }
    return new LayerNormWeights(g, gaussian(r, d, 0.1), eps);
  }

  private static double[] gaussian(Random r, int n, double std) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * std);
    }
    return v;
  }
}
