package org.spikezip.convert;

import org.spikezip.quant.Quantizer;

/**
 * The parameters of one layer of ST-BIF+ neurons that replaces a quantizer: threshold
 * {@code theta = s} and tracer bounds {@code [qmin, qmax]}.
 *
 * @param name the replaced quantizer's name, e.g. {@code blocks.0.attn.quan_q}
 */
public record NeuronParams(String name, double threshold, int min, int max) {
  public NeuronParams {
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException(name + ": threshold must be positive and finite, got " + threshold);
    }
    if (min > 0 || max < 0 || min >= max) {
      throw new IllegalArgumentException(name + ": bounds must satisfy min <= 0 <= max, min < max, got ["
          + min + ", " + max + "]");
    }
  }

  public static NeuronParams of(String name, Quantizer q) {
    return new NeuronParams(name, q.step(), q.qmin(), q.qmax());
  }

  /**
   * The QANN quantizer these neurons compute at {@code level} levels: step {@code theta}, signed when
   * {@code min < 0}.
   *
   * @throws IllegalArgumentException if the bounds are not those of a quantizer at {@code level}
   */
  public Quantizer quantizer(int level) {
    Quantizer q = new Quantizer(level, min < 0, threshold);
    if (q.qmin() != min || q.qmax() != max) {
      throw new IllegalArgumentException(name + ": bounds [" + min + ", " + max + "] are not those of a "
          + (q.signed() ? "signed" : "unsigned") + " quantizer at level " + level + ", [" + q.qmin() + ", "
          + q.qmax() + "]");
    }
    return q;
  }

  /** The value {@code S * theta} that {@code S} net spikes stand for (the QANN's {@code q * s}). */
  public double value(int spikeCount) {
    return spikeCount * threshold;
  }
}
