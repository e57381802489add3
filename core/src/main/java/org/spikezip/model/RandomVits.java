package org.spikezip.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;







/** Random float ViTs and images (benchmarks, tests, demos of the machinery), reproducible from a seed. */
public final class RandomVits {
  private RandomVits() {}

  public static VitConfig config(int img, int patch, int dim, int depth, int heads, double mlpRatio, int classes) {
    return new VitConfig(img, patch, 3, dim, depth, heads, mlpRatio, classes, true, 1e-6, Activation.RELU, false);
  }

  /** Weights with variance-preserving scales, so activations stay in a useful range at any depth. */
  public static VitWeights weights(VitConfig c, long seed) {
    Random r = new Random(seed);
    int d = c.embedDim();
    List<VitBlockWeights> blocks = new ArrayList<>();
    for (int b = 0; b < c.depth(); b++) {
      blocks.add(new VitBlockWeights(ln(r, d, c.lnEps()), linear(r, 3 * d, d), linear(r, d, d),
          ln(r, d, c.lnEps()), linear(r, c.mlpHidden(), d), linear(r, d, c.mlpHidden())));
    }
    return new VitWeights(c, linear(r, d, c.patchVolume()), gaussian(r, d, 0.5), gaussian(r, c.numTokens() * d, 0.5),
        blocks, ln(r, d, c.lnEps()), linear(r, c.numClasses(), d));
  }

  public static List<double[]> images(VitConfig c, int count, long seed) {
    Random r = new Random(seed);
    List<double[]> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] img = new double[c.inChans() * c.imgSize() * c.imgSize()];
      for (int k = 0; k < img.length; k++) {
        img[k] = (float) (r.nextDouble() * 2 - 1);
      }
      images.add(img);
    }
    return images;
  }

  private static LinearWeights linear(Random r, int out, int in) {
    double std = 1.0 / Math.sqrt(in);
    return new LinearWeights(out, in, gaussian(r, out * in, std), gaussian(r, out, 0.1));
  }

  private static LayerNormWeights ln(Random r, int d, double eps) {
    double[] g = new double[d];
    for (int i = 0; i < d; i++) {
      g[i] = (float) (1 + 0.2 * r.nextGaussian());
    }
    return new LayerNormWeights(g, gaussian(r, d, 0.1), eps);
  }

  /** Gaussian values rounded to float32, as real checkpoints hold. */
  private static double[] gaussian(Random r, int n, double std) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * std);
    }
    return v;
  }
}
