package org.spikezip.quant;

/**
 * The places a ViT block quantizes (SPEC §3), with the original release's module names so that
 * step sizes load from its checkpoints ({@code blocks.N.<name>.s}).
 */
public enum QuantSite {
  NORM1("norm1.1", true),
  Q("attn.quan_q", true),
  K("attn.quan_k", true),
  V("attn.quan_v", true),
  ATTN("attn.attn_quan", false),
  ATTN_V("attn.after_attn_quan", true),
  PROJ("attn.quan_proj", true),
  NORM2("norm2.1", true),
  ACT("mlp.act.0", false),
  FC2("mlp.fc2.1", true);

  /** The patch embedding's quantizer (not inside a block). */
  public static final String PATCH_EMBED = "patch_embed.proj.1";
  /** The final LayerNorm's quantizer. */
  public static final String FINAL_NORM = "norm.1";

  private final String suffix;
  private final boolean signed;

  QuantSite(String suffix, boolean signed) {
    this.suffix = suffix;
    this.signed = signed;
  }

  public boolean signed() {
    return signed;
  }

  /** The quantizer's name in block {@code block}, e.g. {@code blocks.0.attn.quan_q}. */
  public String name(int block) {
    return "blocks." + block + "." + suffix;
  }
}
