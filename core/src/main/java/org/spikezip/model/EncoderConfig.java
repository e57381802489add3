package org.spikezip.model;

/**
 * The architecture of a BERT-style post-LN Transformer encoder classifier (issue 6).
 *
 * <pre>
 * x_0 = LN_emb(word[id] + position[t] + tokenType[type])
 * per layer: h = LN_attn(x + attnOut(selfAttention(x, mask)));  x' = LN_out(h + out(act(intermediate(h))))
 * logits = classifier(x_L[CLS])            (CLS = row 0)
 * </pre>
 *
 * @param vocabSize rows of the word embedding
 * @param maxPositions rows of the position embedding (sequences are at most this long)
 * @param typeVocabSize rows of the token-type embedding (at least 1)
 * @param hidden model width
 * @param layers number of encoder layers (at least 1)
 * @param heads attention heads; {@code hidden % heads == 0}
 * @param intermediate width of the feed-forward layer
 * @param numClasses classifier outputs
 * @param lnEps every LayerNorm's eps (BERT: 1e-12, RoBERTa: 1e-5)
 * @param activation feed-forward activation; conversion needs {@link Activation#RELU}
 */
public record EncoderConfig(
    int vocabSize,
    int maxPositions,
    int typeVocabSize,
    int hidden,
    int layers,
    int heads,
    int intermediate,
    int numClasses,
    double lnEps,
    Activation activation) {

  /** BERT's LayerNorm eps. */
  public static final double BERT_LN_EPS = 1e-12;

  public EncoderConfig {
    positive("vocab size", vocabSize);
    positive("max positions", maxPositions);
    positive("token type vocab size", typeVocabSize);
    positive("hidden size", hidden);
    positive("layers", layers);
    positive("heads", heads);
    positive("intermediate size", intermediate);
    positive("classes", numClasses);
    if (hidden % heads != 0) {
      throw new IllegalArgumentException("hidden size " + hidden + " is not divisible by " + heads + " heads");
    }
    if (!(lnEps > 0)) {
      throw new IllegalArgumentException("LayerNorm eps must be positive, got " + lnEps);
    }
  }

  private static void positive(String what, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + v);
    }
  }

  public int headDim() {
    return hidden / heads;
  }

  /** {@code 1 / sqrt(head_dim)}, the factor applied to quantized q. */
  public double attentionScale() {
    return 1.0 / Math.sqrt(headDim());
  }
}
