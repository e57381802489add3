package org.spikezip.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Random float post-LN encoders and padded token sequences (tests, benchmarks), reproducible from a seed. */
public final class RandomEncoders {
  private RandomEncoders() {}

  /** A ReLU BERT: two token types, eps 1e-12. */
  public static EncoderConfig config(int vocab, int maxPositions, int hidden, int layers, int heads,
      int intermediate, int classes) {
    return config(EncoderLayout.BERT, vocab, maxPositions, hidden, layers, heads, intermediate, classes);
  }

  /** A ReLU encoder of {@code layout}: BERT with two token types and eps 1e-12, RoBERTa with one and 1e-5. */
  public static EncoderConfig config(EncoderLayout layout, int vocab, int maxPositions, int hidden, int layers,
      int heads, int intermediate, int classes) {
    boolean bert = layout == EncoderLayout.BERT;
    return new EncoderConfig(vocab, maxPositions, bert ? 2 : 1, hidden, layers, heads, intermediate, classes,
        bert ? EncoderConfig.BERT_LN_EPS : EncoderConfig.ROBERTA_LN_EPS, Activation.RELU, layout);
  }

  /**
   * Weights with variance-preserving scales (float32 values, as real checkpoints hold) and the
   * layout's head: {@link LinearHead} for BERT, {@link DenseTanhHead} for RoBERTa.
   */
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
        head(c, r));
  }

  private static ClassifierHead head(EncoderConfig c, Random r) {
    int d = c.hidden();
    return c.layout() == EncoderLayout.BERT
        ? new LinearHead(RandomWeights.linear(r, c.numClasses(), d))
        : new DenseTanhHead(RandomWeights.linear(r, d, d), RandomWeights.linear(r, c.numClasses(), d));
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
