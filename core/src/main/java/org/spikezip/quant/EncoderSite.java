package org.spikezip.quant;

import java.util.ArrayList;
import java.util.List;

/**
 * The places a post-LN encoder layer quantizes (SPEC §3 for encoders), named after Hugging Face
 * BERT's modules: {@code encoder.layer.N.<suffix>}.
 *
 * <p>Besides the SPEC's q, k, v, softmax, attn@v, attention output dense, intermediate and output
 * dense, both LayerNorm outputs are quantized (signed), as is the embedding LayerNorm output
 * ({@link #EMBEDDINGS}). So every dense layer is driven by spikes and the residual input of each
 * sub-block is a quantized LayerNorm output {@code S * theta}: the residual sums are
 * {@code theta_a * S_a + theta_b * S_b} in both QANN and SNN.
 */
public enum EncoderSite {
  Q("attention.self.quan_q", true),
  K("attention.self.quan_k", true),
  V("attention.self.quan_v", true),
  ATTN("attention.self.attn_quan", false),
  ATTN_V("attention.self.after_attn_quan", true),
  ATTN_OUT("attention.output.dense.quan", true),
  ATTN_NORM("attention.output.LayerNorm.quan", true),
  INTER("intermediate.quan", false),
  OUT("output.dense.quan", true),
  OUT_NORM("output.LayerNorm.quan", true);

  /** The embedding LayerNorm's quantizer (not inside a layer). */
  public static final String EMBEDDINGS = "embeddings.LayerNorm.quan";

  private final String suffix;
  private final boolean signed;

  EncoderSite(String suffix, boolean signed) {
    this.suffix = suffix;
    this.signed = signed;
  }

  public boolean signed() {
    return signed;
  }

  /** Every quantizer name of an encoder with {@code layers} layers, in network order. */
  public static List<String> names(int layers) {
    List<String> names = new ArrayList<>();
    names.add(EMBEDDINGS);
    for (int l = 0; l < layers; l++) {
      for (EncoderSite s : values()) {
        names.add(s.name(l));
      }
    }
    return names;
  }

  /** The quantizer's name in layer {@code layer}, e.g. {@code encoder.layer.0.attention.self.quan_q}. */
  public String name(int layer) {
    return "encoder.layer." + layer + "." + suffix;
  }
}
