package org.spikezip.kernel;

/** The reference {@link ExactKernels}: plain loops, which the JIT may or may not vectorise. */
public final class ScalarKernels implements ExactKernels {
  /** The one instance. */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public void addInts(int sign, int[] x, int xOff, double[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += sign * x[xOff + i];
    }
  }

  @Override
  public void matmul(double[] a, int rows, int inner, double[] b, int out, double[] c) {
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < inner; k++) {
        double v = a[r * inner + k];
        if (v != 0) {
          axpy(v, b, k * out, c, r * out, out);
        }
      }
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
