package org.spikezip.cli;

import java.util.Locale;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitPreset;

/** The model sizes {@code bench} offers: the ViT presets of SPEC §7 and a tiny one for quick checks. */
enum BenchModel {
  VIT_S16,
  VIT_B16,
  VIT_L16,
  /** The golden vectors' size: 32x32 images, patch 8, dim 48, depth 2, 3 heads, mlp 96, 10 classes. */
  TINY;

  VitConfig config() {
    return this == TINY ? RandomVits.config(32, 8, 48, 2, 3, 2.0, 10) : VitPreset.valueOf(name()).config();
  }

  /** Parses the spelling of {@link #toString()}, e.g. {@code vit-s16}. */
  static BenchModel parse(String text) {
    for (BenchModel m : values()) {
      if (m.toString().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("model must be vit-s16, vit-b16, vit-l16 or tiny, got '" + text + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
