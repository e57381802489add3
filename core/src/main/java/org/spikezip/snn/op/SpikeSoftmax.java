package org.spikezip.snn.op;

import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.ValueBuffer;

/**
 * Spike-Softmax: keeps the running scores {@code X_t} and emits
 * {@code softmax(X_t) - softmax(X_{t-1})} ({@code softmax(X_0) = 0}); identity: the outputs of steps
 * 1..t sum to {@code softmax(X_t)}, which the buffer holds. Scores arrive as integer sums and are
 * scaled here exactly as the QANN scales them, then an optional additive per-key mask (padding,
 * injected once: a constant of the sample) is added, {@code X[r, j] * scale + mask[j]}, as the
 * QANN adds it. Only changed rows are recomputed.
 */
public final class SpikeSoftmax {
  private SpikeSoftmax() {}

  /**
   * @param scores integer score sums {@code [rows, n]}
   * @param scale the factor turning integer sums into scores
   * @param scratch a row of {@code n} doubles
   */
  public static void step(ValueBuffer scores, double scale, ValueBuffer out, double[] scratch) {
    step(scores, scale, null, out, scratch);
  }

  /**
   * Like {@link #step(ValueBuffer, double, ValueBuffer, double[])} with an additive mask per key.
   *
   * @param mask {@code [n]} added to every row after scaling, or null for none
   */
  public static void step(ValueBuffer scores, double scale, double[] mask, ValueBuffer out, double[] scratch) {
    RowSet changed = out.changed();
    changed.clear();
    RowSet in = scores.changed();
    int n = scores.cols();
    double[] s = scores.values();
    for (int k = 0; k < in.size(); k++) {
      int r = in.get(k);
      changed.add(r);
      if (mask == null) {
        for (int j = 0; j < n; j++) {
          scratch[j] = s[r * n + j] * scale;
        }
      } else {
        for (int j = 0; j < n; j++) {
          scratch[j] = s[r * n + j] * scale + mask[j];
        }
      }
      CanonicalFunctions.softmax(scratch, 0, n, out.values(), r * n);
    }
  }
}
