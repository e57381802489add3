package org.spikezip.model;

import java.util.List;
import java.util.Optional;

/**
 * The float weights of a post-LN encoder classifier ({@link EncoderConfig}).
 *
 * @param wordEmbeddings {@code [vocabSize, hidden]}
 * @param positionEmbeddings {@code [maxPositions, hidden]}, looked up by {@link EncoderLayout#positionIds}
 * @param tokenTypeEmbeddings {@code [typeVocabSize, hidden]}
 * @param embeddingNorm {@code embeddings.LayerNorm}
 * @param pooler the BERT pooler (dense + tanh on [CLS]); carried for completeness, not used by the
 *     quantized classifier, which reads the [CLS] row of the last layer directly
 * @param head the classification head on the [CLS] row (row 0)
 */
public record EncoderWeights(
    EncoderConfig config,
    double[] wordEmbeddings,
    double[] positionEmbeddings,
    double[] tokenTypeEmbeddings,
    LayerNormWeights embeddingNorm,
    List<EncoderLayerWeights> layers,
    Optional<LinearWeights> pooler,
    ClassifierHead head) {

  public EncoderWeights {
    layers = List.copyOf(layers);
    int d = config.hidden();
    check("word embeddings", wordEmbeddings.length, (long) config.vocabSize() * d);
    check("position embeddings", positionEmbeddings.length, (long) config.maxPositions() * d);
    check("token type embeddings", tokenTypeEmbeddings.length, (long) config.typeVocabSize() * d);
    check("layers", layers.size(), config.layers());
    check("classifier outputs", head.numClasses(), config.numClasses());
    check("classifier inputs", head.firstLayer().in(), d);
  }

  private static void check(String what, long got, long want) {
    if (got != want) {
      throw new IllegalArgumentException(what + ": expected " + want + ", got " + got);
    }
  }
}
