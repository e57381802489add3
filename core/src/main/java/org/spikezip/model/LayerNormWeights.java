package org.spikezip.model;

/** LayerNorm over the last axis: {@code (x - mean) / sqrt(var + eps) * gamma + beta}. */
public record LayerNormWeights(double[] gamma, double[] beta, double eps) {
  public LayerNormWeights {
    if (gamma.length != beta.length) {
      throw new IllegalArgumentException(
          "LayerNorm weight and bias must have equal length, got " + gamma.length + " and " + beta.length);
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("LayerNorm eps must be positive, got " + eps);
    }
  }

  public int width() {
    return gamma.length;
  }
}
