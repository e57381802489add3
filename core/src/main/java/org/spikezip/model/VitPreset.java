package org.spikezip.model;

/** The ViT sizes of SPEC §7 (ImageNet, 224 px, patch 16, ReLU MLP, 1000 classes). */
public enum VitPreset {
  VIT_S16(384, 12, 6),
  VIT_B16(768, 12, 12),
  VIT_L16(1024, 24, 16);

  private final int embedDim;
  private final int depth;
  private final int numHeads;

  VitPreset(int embedDim, int depth, int numHeads) {
    this.embedDim = embedDim;
    this.depth = depth;
    this.numHeads = numHeads;
  }

  public VitConfig config() {
    return new VitConfig(224, 16, 3, embedDim, depth, numHeads, 4.0, 1000, true, 1e-6, Activation.RELU, false);
  }

  /** Parses "vit-s16", "vit_b16", "VIT_L16" and the like. */
  public static VitPreset parse(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace("/", "");
    for (VitPreset p : values()) {
      if (p.name().equals(n)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown preset '" + name + "'; known: vit-s16, vit-b16, vit-l16");
  }
}
