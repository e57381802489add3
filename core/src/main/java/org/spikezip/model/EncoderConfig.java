package org.spikezip.model;

import java.util.Objects;

/**
 * The architecture of a BERT- or RoBERTa-style post-LN Transformer encoder classifier (issue 6).
 *
 * <pre>
 * x_0 = LN_emb(word[id] + position[pos(t)] + tokenType[type])     pos: {@link EncoderLayout#positionIds}
 * per layer: h = LN_attn(x + attnOut(selfAttention(x, mask)));  x' = LN_out(h + out(act(intermediate(h))))
 * logits = head(x_L[0])                    (row 0 = [CLS] or &lt;s&gt;; {@link ClassifierHead})
 * </pre>
 *
 * @param vocabSize rows of the word embedding
 * @param maxPositions rows of the position embedding (sequences are at most {@link #maxTokens} long;
 *     roberta-base: 514)
 * @param typeVocabSize rows of the token-type embedding (at least 1; RoBERTa: 1)
 * @param hidden model width
 * @param layers number of encoder layers (at least 1)
 * @param heads attention heads; {@code hidden % heads == 0}
 * @param intermediate width of the feed-forward layer
 * @param numClasses classifier outputs
 * @param lnEps every LayerNorm's eps (BERT: 1e-12, RoBERTa: 1e-5)
 * @param activation feed-forward activation; conversion needs {@link Activation#RELU}
 * @param layout how tokens find their positions (and the checkpoint's naming)
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
    Activation activation,
    EncoderLayout layout) {

  /** BERT's LayerNorm eps. */
  public static final double BERT_LN_EPS = 1e-12;
  /** RoBERTa's LayerNorm eps. */
  public static final double ROBERTA_LN_EPS = 1e-5;

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
    Objects.requireNonNull(layout, "layout");
    if (maxPositions <= layout.reservedPositions()) {
      throw new IllegalArgumentException("max positions must exceed the " + layout.reservedPositions()
          + " positions " + layout + " reserves, got " + maxPositions);
    }
  }

  private static void positive(String what, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + v);
    }
  }

  /** The longest sequence: {@code maxPositions - layout.reservedPositions()}. */
  public int maxTokens() {
    return maxPositions - layout.reservedPositions();
  }

  public int headDim() {
    return hidden / heads;
  }

  /** {@code 1 / sqrt(head_dim)}, the factor applied to quantized q. */
  public double attentionScale() {
    return 1.0 / Math.sqrt(headDim());
  }
}
