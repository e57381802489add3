package org.spikezip.model;

/**
 * The naming schemes of the checkpoints users bring, each recognised by one anchor tensor that only
 * it has (possibly under a prefix such as {@code roberta.}), see {@link NamingMatch#detect}.
 */
public enum CheckpointNaming {
  /**
   * The SpikeZIP-TF release's QANN: timm's names with each quantized module wrapped in a sequential
   * ({@code patch_embed.proj.0}, {@code blocks.N.norm1.0}, {@code blocks.N.mlp.fc2.0}, {@code norm.0})
   * and the quantizer steps as {@code <quantizer>.s}.
   */
  ORIGINAL_QANN("patch_embed.proj.0.weight", WeightNaming.ORIGINAL_QANN,
      "SpikeZIP-TF QANN (timm names, quantized modules wrapped: patch_embed.proj.0, blocks.N.norm1.0, ...)"),
  /** timm's VisionTransformer: {@code patch_embed.proj}, {@code blocks.N.attn.qkv}, {@code head}. */
  TIMM("patch_embed.proj.weight", WeightNaming.TIMM, "timm ViT (patch_embed.proj, blocks.N.attn.qkv, ...)"),
  /** Hugging Face's ViTModel: separate query, key and value under {@code encoder.layer.N.attention.attention}. */
  HUGGING_FACE_VIT("embeddings.patch_embeddings.projection.weight", null,
      "Hugging Face ViT (embeddings.patch_embeddings, encoder.layer.N.attention.attention.query, ...)"),
  /** Hugging Face's BERT and RoBERTa encoders (also as exported to ONNX). */
  BERT_ENCODER("embeddings.word_embeddings.weight", null,
      "Hugging Face BERT-family encoder (embeddings.word_embeddings, encoder.layer.N.attention.self.query, ...)"),
  /** None of the above. */
  UNKNOWN(null, null, "not recognised");

  private final String anchor;
  private final WeightNaming vitNaming;
  private final String title;

  CheckpointNaming(String anchor, WeightNaming vitNaming, String title) {
    this.anchor = anchor;
    this.vitNaming = vitNaming;
    this.title = title;
  }

  /** The tensor name (after any prefix) that marks this naming; null for {@link #UNKNOWN}. */
  String anchor() {
    return anchor;
  }

  /** The ViT naming this project reads, or null if it reads no model under this naming. */
  public WeightNaming vitNaming() {
    return vitNaming;
  }

  /** The naming for people, with example names. */
  public String title() {
    return title;
  }
}
