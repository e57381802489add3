package org.spikezip.kernel;

/**
 * Row updates on integer-valued doubles, the inner loops of the spike-driven layers.
 *
 * <p>Contract: every operand is an integer and every partial sum stays within 2^53 (the callers
 * guarantee it, see {@code ExactLinear}), so each result is exact whatever the order or vector
 * width: all implementations agree bit for bit, which a property test checks.
 */
public interface ExactKernels {
  /** {@code y[yOff + i] += a * x[xOff + i]} for {@code i < n}. */
  void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n);

  /** {@code y[yOff + i] += sign * x[xOff + i]} for {@code i < n}. */
  void addInts(int sign, int[] x, int xOff, double[] y, int yOff, int n);

  /** A short name for reports ("scalar", "vector-512"). */
  String name();
}
