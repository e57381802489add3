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
      layers.add(new EncoderLayerWeights(RandomWeights.linear(r, d, d), RandomWeights.linear(r, d, d), RandomWeights.linear(r, d, d), RandomWeights.linear(r, d, d),
          RandomWeights.layerNorm(r, d, c.lnEps()), RandomWeights.linear(r, c.intermediate(), d), RandomWeights.linear(r, d, c.intermediate()), RandomWeights.layerNorm(r, d, c.lnEps())));
    }
    return new EncoderWeights(c, RandomWeights.gaussian(r, c.vocabSize() * d, 1), RandomWeights.gaussian(r, c.maxPositions() * d, 0.5),
        RandomWeights.gaussian(r, c.typeVocabSize() * d, 0.5), RandomWeights.layerNorm(r, d, c.lnEps()), layers, Optional.of(RandomWeights.linear(r, d, d)),
        RandomWeights.linear(r, c.numClasses(), d));
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
}
