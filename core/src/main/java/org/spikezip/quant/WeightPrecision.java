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

  @Override
  public String toString() {
    return kind == Kind.GRID ? "grid" : "int" + bits;
  }
}
