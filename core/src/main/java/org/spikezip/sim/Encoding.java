package org.spikezip.sim;

/**
 * How the image enters the spiking network (SPEC §4). The patch embedding is linear, so after step t
 * it has received {@code fraction(t)} of the image: the first layer's running value is
 * {@code conv(image) * fraction(t) + bias}.
 */
public enum Encoding {
  /** The whole image at step 1, nothing after. */
  ANALOG,
  /** L equal frames of {@code image / L} at steps 1..L. */
  RATE;

  /** Whether input arrives at step {@code t} (1-based) for {@code level} levels. */
  public boolean injectsAt(int t, int level) {
    return this == ANALOG ? t == 1 : t <= level;
  }

  /** The share of the image received after step t; exactly 1.0 from the last input step on. */
  public double fraction(int t, int level) {
    return this == ANALOG ? 1.0 : Math.min(t, level) / (double) level;
  }

  /** The last step that brings input. */
  public int lastInputStep(int level) {
    return this == ANALOG ? 1 : level;
  }

  /** Parses "analog" or "rate". */
  public static Encoding parse(String s) {
    for (Encoding e : values()) {
      if (e.name().equalsIgnoreCase(s)) {
        return e;
      }
    }
    throw new IllegalArgumentException("encoding must be 'analog' or 'rate', got '" + s + "'");
  }
}
