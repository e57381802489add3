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
      blocks.add(new VitBlockWeights(RandomWeights.layerNorm(r, d, c.lnEps()), RandomWeights.linear(r, 3 * d, d), RandomWeights.linear(r, d, d),
          RandomWeights.layerNorm(r, d, c.lnEps()), RandomWeights.linear(r, c.mlpHidden(), d), RandomWeights.linear(r, d, c.mlpHidden())));
    }
    return new VitWeights(c, RandomWeights.linear(r, d, c.patchVolume()), RandomWeights.gaussian(r, d, 0.5), RandomWeights.gaussian(r, c.numTokens() * d, 0.5),
        blocks, RandomWeights.layerNorm(r, d, c.lnEps()), RandomWeights.linear(r, c.numClasses(), d));
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
}
