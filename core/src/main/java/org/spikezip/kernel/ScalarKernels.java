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
  public String name() {
    return "scalar";
  }
}
