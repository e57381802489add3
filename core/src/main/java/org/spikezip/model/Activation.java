package org.spikezip.model;

/** The MLP activation of a Transformer block; conversion needs ReLU (SPEC §3). */
public enum Activation {
  RELU,
  GELU;

  /** Parses the config spelling ("relu", "gelu"), case-insensitively. */
  public static Activation parse(String name) {
    for (Activation a : values()) {
      if (a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("act_layer must be 'relu' or 'gelu', got '" + name + "'");
  }
}
