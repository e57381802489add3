package org.spikezip.kernel;

/**
 * The canonical non-linear functions shared by the QANN reference and the spiking operators.
 *
 * <p>Exactness (SPEC §5) rests on one rule: every non-linear function is evaluated by exactly one
 * piece of code, in one fixed order, with {@link StrictMath} (whose results, unlike {@link Math}'s
 * intrinsics, do not depend on the JIT). The QANN applies it to its final values and the SNN to its
 * running sums; once the SNN is quiet the arguments are the same bits, so the results are too.
 */
public final class CanonicalFunctions {
  private CanonicalFunctions() {}

  /**
   * LayerNorm of one row: {@code y = (x - mean) / sqrt(var + eps) * gamma + beta} with the biased
   * variance, as PyTorch computes it.
   */
  public static void layerNorm(
      double[] x, int xOff, double[] gamma, double[] beta, double eps, double[] y, int yOff) {
    int n = gamma.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += x[xOff + i];
    }
    double mean = sum / n;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double c = x[xOff + i] - mean;
      sq += c * c;
    }
    double rstd = 1.0 / StrictMath.sqrt(sq / n + eps);
    for (int i = 0; i < n; i++) {
      y[yOff + i] = (x[xOff + i] - mean) * rstd * gamma[i] + beta[i];
    }
  }

  /** Softmax of one row of {@code n} values: {@code exp(x - max) / sum(exp(x - max))}. */
  public static void softmax(double[] x, int xOff, int n, double[] y, int yOff) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[xOff + i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double e = StrictMath.exp(x[xOff + i] - max);
      y[yOff + i] = e;
      sum += e;
    }
    for (int i = 0; i < n; i++) {
      y[yOff + i] /= sum;
    }
  }
}
