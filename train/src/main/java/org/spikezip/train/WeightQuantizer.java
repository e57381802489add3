package org.spikezip.train;

import ai.djl.ndarray.NDArray;

/**
 * Per-tensor symmetric weight quantization to {@code bits}-bit integers, as the core's integer mode
 * ({@code WeightPrecision.integer(bits)}) snaps weights:
 *
 * <pre>
 * scale = max|W| / (2^(bits-1) - 1);   W_q = clamp(rint(W / scale), -(2^(bits-1) - 1), 2^(bits-1) - 1) * scale
 * </pre>
 *
 * with rounding half to even (libtorch's {@code round}, Java's {@code Math.rint}) and a
 * straight-through gradient ({@code dW_q/dW = 1}); the scale is not trained.
 */
public final class WeightQuantizer {
  private WeightQuantizer() {}

  /** The snapped weights, with the identity as their gradient. */
  public static NDArray apply(NDArray w, int bits) {
    checkBits(bits);
    double limit = (1 << (bits - 1)) - 1;
    NDArray wd = w.stopGradient();
    NDArray scale = wd.abs().max().div(limit);
    if (NdValues.scalar(scale) == 0) {
      return w;
    }
    NDArray snapped = wd.div(scale).round().clip(-limit, limit).mul(scale);
    return snapped.add(w.sub(wd));
  }

  /** Snaps weights held as doubles with the same rule, in double precision (for checkpoints). */
  public static double[] snap(double[] w, int bits) {
    checkBits(bits);
    double limit = (1 << (bits - 1)) - 1;
    double maxAbs = 0;
    for (double v : w) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    double[] out = w.clone();
    if (maxAbs == 0) {
      return out;
    }
    double scale = maxAbs / limit;
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(-limit, Math.min(limit, Math.rint(w[i] / scale))) * scale;
    }
    return out;
  }

  private static void checkBits(int bits) {
    if (bits < 2 || bits > 24) {
      throw new IllegalArgumentException("weight bits must be in [2, 24], got " + bits);
    }
  }
}
