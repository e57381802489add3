package org.spikezip.quant;

/**
 * The QANN activation quantizer of SPEC §2:
 * {@code q(x) = clamp(floor(x/s + 0.5), qmin, qmax)}, output {@code q(x) * s}.
 *
 * <p>Signed: {@code qmin = -L/2, qmax = L/2 - 1}; unsigned: {@code qmin = 0, qmax = L - 1}.
 * Rounding is half up ({@code floor(x/s + 0.5)}), never half-even.
 *
 * @param level number of levels L (at least 2)
 * @param signed whether codes are symmetric around zero
 * @param step the step size s (the SNN neuron's threshold), positive and finite
 */
public record Quantizer(int level, boolean signed, double step) {
  public Quantizer {
    if (level < 2) {
      throw new IllegalArgumentException("level must be at least 2, got " + level);
    }
    if (signed && level % 2 != 0) {
      throw new IllegalArgumentException("a signed quantizer needs an even level, got " + level);
    }
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("quantizer step must be positive and finite, got " + step);
    }
  }

  public int qmin() {
    return signed ? -level / 2 : 0;
  }

  public int qmax() {
    return signed ? level / 2 - 1 : level - 1;
  }

  /** The largest |code|. */
  public int maxAbsCode() {
    return Math.max(-qmin(), qmax());
  }

  /** The integer code of {@code x}; NaN maps to 0 only if it ever got here (inputs are checked earlier). */
  public int code(double x) {
    double r = Math.floor(x / step + 0.5);
    if (r <= qmin()) {
      return qmin();
    }
    if (r >= qmax()) {
      return qmax();
    }
    return (int) r;
  }

  /** The dequantized value {@code code * s}; the canonical product both QANN and SNN use. */
  public double value(int code) {
    return code * step;
  }
}
