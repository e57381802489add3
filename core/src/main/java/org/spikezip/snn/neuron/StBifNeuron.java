package org.spikezip.snn.neuron;

import org.spikezip.convert.NeuronParams;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * The ST-BIF+ neuron of SpikeZIP-TF (SPEC §4), threshold {@code theta}, tracer bounds [min, max].
 *
 * <pre>
 * v_t = v_{t-1} + x_t / theta          (v_0 = 1/2, in units of theta)
 * if v_t >= 1 and S < max:  spike +1, S += 1, v_t -= 1
 * elif v_t < 0 and S > min: spike -1, S -= 1, v_t += 1
 * </pre>
 *
 * Unrolled, {@code v_t = X_t/theta + 1/2 - S_{t-1}} where {@code X_t = x_1 + ... + x_t} is the
 * integrated input, so the rule reads: spike +1 iff {@code floor(X_t/theta + 1/2) > S} (and
 * {@code S < max}), spike -1 iff {@code floor(X_t/theta + 1/2) < S} (and {@code S > min}). Each step
 * moves S one unit toward {@code clamp(floor(X/theta + 1/2), min, max)}, the QANN's code: at
 * quiescence S equals the code.
 *
 * <p>We evaluate the rule from X, the running value the input operator holds, instead of summing
 * per-step inputs into v: the two are equal in exact arithmetic, and from X the float expression is
 * the very one the quantizer evaluates, so the final S is the QANN's code bit for bit (SPEC §5).
 */
public final class StBifNeuron {
  private StBifNeuron() {}

  /**
   * One time step of a layer: every neuron whose input row changed, and every neuron still short of
   * its target, fires at most one spike toward its target.
   *
   * @param p threshold and bounds
   * @param input the integrated input X, {@code [rows, cols]} like {@code out}
   * @param out the layer's tracer, pending list and this step's spikes
   */
  public static void step(NeuronParams p, ValueBuffer input, SpikeBuffer out) {
    out.beginStep();
    int cols = out.cols();
    RowSet changed = input.changed();
    double[] x = input.values();
    int[] s = out.counts();
    double theta = p.threshold();
    double inverse = 1.0 / theta;
    int min = p.min();
    int max = p.max();
    int evaluated = changed.size() * cols;
    for (int k = 0; k < out.pendingCount(); k++) {
      int i = out.pending(k);
      int row = i / cols;
      if (!changed.contains(row)) {
        fire(i, row, x[i], theta, inverse, min, max, s, out);
        evaluated++;
      }
    }
    out.countEvaluated(evaluated);
    for (int k = 0; k < changed.size(); k++) {
      int row = changed.get(k);
      int base = row * cols;
      for (int i = base; i < base + cols; i++) {
        fire(i, row, x[i], theta, inverse, min, max, s, out);
      }
    }
    out.endStep();
  }

  private static void fire(
      int i, int row, double x, double theta, double inverse, int min, int max, int[] s, SpikeBuffer out) {
    double target = target(x, theta, inverse);
    int si = s[i];
    if (target > si && si < max) {
      out.spike(i, row, +1);
      si++;
    } else if (target < si && si > min) {
      out.spike(i, row, -1);
      si--;
    } else {
      return;
    }
    if ((target > si && si < max) || (target < si && si > min)) {
      out.keepPending(i);
    }
  }

  /**
   * {@code floor(x / theta + 0.5)}, bit for bit as the quantizer computes it. A multiplication by
   * {@code 1/theta} differs from the division by a few ulps, so its floor is the same unless the
   * value lies within {@link #MARGIN} of a rounding boundary; only then is the division done.
   */
  static double target(double x, double theta, double inverse) {
    double u = x * inverse + 0.5;
    double f = Math.floor(u);
    double frac = u - f;
    if (frac > MARGIN && frac < 1 - MARGIN && Math.abs(u) < LIMIT) {
      return f;
    }
    return Math.floor(x / theta + 0.5);
  }

  /** Far above the few ulps (at most 2^-30 below {@link #LIMIT}) by which the two quotients differ. */
  private static final double MARGIN = 1e-6;
  private static final double LIMIT = 0x1p20;
}
