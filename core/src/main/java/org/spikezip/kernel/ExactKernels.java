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

  /**
   * {@code c[r, o] += sum_k a[r, k] * b[k, o]}: {@code a} is {@code [rows, inner]}, {@code b} is
   * {@code [inner, out]}, {@code c} is {@code [rows, out]}, all row-major.
   */
  void matmul(double[] a, int rows, int inner, double[] b, int out, double[] c);

  /** A short name for reports ("scalar", "vector-512"). */
  String name();
}
