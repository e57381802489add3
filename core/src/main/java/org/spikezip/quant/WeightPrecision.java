package org.spikezip.quant;

/**
 * How the spike-driven layers store their weights; see {@link ExactLinear}.
 *
 * <p>{@code GRID}: float weights snapped to a per-layer power-of-two grid fine enough to keep about
 * 50 bits (the default: the change is far below float32 resolution). {@code INTEGER}: weights
 * quantized to {@code bits}-bit integers times a per-tensor scale (the integer mode of SPEC §5).
 */
public record WeightPrecision(Kind kind, int bits) {
  /** The two weight representations. */
  public enum Kind {
    GRID,
    INTEGER
  }

  public WeightPrecision {
    if (kind == Kind.INTEGER && (bits < 2 || bits > 24)) {
      throw new IllegalArgumentException("integer weight bits must be in [2, 24], got " + bits);
    }
  }

  public static WeightPrecision grid() {
    return new WeightPrecision(Kind.GRID, 0);
  }

  public static WeightPrecision integer(int bits) {
    return new WeightPrecision(Kind.INTEGER, bits);
  }

  /**
   * Parses the spelling of {@link #toString()}: {@code grid} or {@code int<bits>} (e.g. {@code int8}).
   *
   * @throws IllegalArgumentException for any other text or bits outside [2, 24]
   */
  public static WeightPrecision parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("grid")) {
      return grid();
    }
    if (t.matches("int[0-9]{1,2}")) {
      return integer(Integer.parseInt(t.substring(3)));
    }
    throw new IllegalArgumentException("weights must be 'grid' or 'int<bits>' such as int8, got '" + text + "'");
  }

  @Override
  public String toString() {
    return kind == Kind.GRID ? "grid" : "int" + bits;
  }
}
