package org.spikezip.model;

import java.util.Random;

/**
 * Random layers for the random model generators: variance-preserving dense layers, LayerNorms near
 * identity, values rounded to float32 as real checkpoints hold them.
 */
final class RandomWeights {
  private RandomWeights() {}

  static LinearWeights linear(Random r, int out, int in) {
    return new LinearWeights(out, in, gaussian(r, out * in, 1.0 / Math.sqrt(in)), gaussian(r, out, 0.1));
  }

  static LayerNormWeights layerNorm(Random r, int d, double eps) {
    double[] g = new double[d];
    for (int i = 0; i < d; i++) {
      g[i] = (float) (1 + 0.2 * r.nextGaussian());
    }
    return new LayerNormWeights(g, gaussian(r, d, 0.1), eps);
  }

  static double[] gaussian(Random r, int n, double std) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * std);
    }
    return v;
  }
}
