package org.spikezip.model;

/**
 * How a checkpoint names the ViT's tensors. The original SpikeZIP-TF release wraps modules that get a
 * quantizer in {@code nn.Sequential(module, quantizer)}, which adds a {@code .0} to their names.
 */
public enum WeightNaming {
  /** timm: {@code blocks.0.norm1.weight}, {@code blocks.0.mlp.fc2.weight}, {@code norm.weight}. */
  TIMM("patch_embed.proj", "norm1", "norm2", "mlp.fc2", "norm"),
  /** The original QANN: {@code blocks.0.norm1.0.weight}, {@code blocks.0.mlp.fc2.0.weight}, {@code norm.0.weight}. */
  ORIGINAL_QANN("patch_embed.proj.0", "norm1.0", "norm2.0", "mlp.fc2.0", "norm.0");

  private final String patchEmbed;
  private final String norm1;
  private final String norm2;
  private final String fc2;
  private final String finalNorm;

  WeightNaming(String patchEmbed, String norm1, String norm2, String fc2, String finalNorm) {
    this.patchEmbed = patchEmbed;
    this.norm1 = norm1;
    this.norm2 = norm2;
    this.fc2 = fc2;
    this.finalNorm = finalNorm;
  }

  public String patchEmbed() {
    return patchEmbed;
  }

  public String norm1(int block) {
    return "blocks." + block + "." + norm1;
  }

  public String norm2(int block) {
    return "blocks." + block + "." + norm2;
  }

  public String qkv(int block) {
    return "blocks." + block + ".attn.qkv";
  }

  public String proj(int block) {
    return "blocks." + block + ".attn.proj";
  }

  public String fc1(int block) {
    return "blocks." + block + ".mlp.fc1";
  }

  public String fc2(int block) {
    return "blocks." + block + "." + fc2;
  }

  public String finalNorm() {
    return finalNorm;
  }
}
