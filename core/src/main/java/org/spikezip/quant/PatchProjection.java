package org.spikezip.quant;

import org.spikezip.model.LinearWeights;
import org.spikezip.model.VitConfig;

/**
 * The ViT's patch convolution (kernel = stride = patch) as a function of the analog image, evaluated
 * in one fixed order by QANN and SNN alike.
 *
 * @param weights {@code [embedDim, inChans*patch*patch]}, the conv kernel flattened (channel, row, column)
 */
public record PatchProjection(VitConfig config, LinearWeights weights) {
  public PatchProjection {
    if (weights.out() != config.embedDim() || weights.in() != config.patchVolume()) {
      throw new IllegalArgumentException("patch weights must be " + config.embedDim() + "x"
          + config.patchVolume() + ", got " + weights.out() + "x" + weights.in());
    }
  }

  public double bias(int o) {
    return weights.bias()[o];
  }

  /**
   * The convolution without its bias, {@code [patches, embedDim]}, patches in row-major grid order;
   * {@code image} is {@code [inChans, imgSize, imgSize]}.
   */
  public double[] project(double[] image) {
    int p = config.patchSize();
    int g = config.gridSize();
    int img = config.imgSize();
    int d = config.embedDim();
    int vol = config.patchVolume();
    double[] w = weights.weight();
    double[] patch = new double[vol];
    double[] out = new double[config.numPatches() * d];
    for (int gy = 0; gy < g; gy++) {
      for (int gx = 0; gx < g; gx++) {
        int k = 0;
        for (int ch = 0; ch < config.inChans(); ch++) {
          for (int ky = 0; ky < p; ky++) {
            int rowOff = (ch * img + gy * p + ky) * img + gx * p;
            for (int kx = 0; kx < p; kx++) {
              patch[k++] = image[rowOff + kx];
            }
          }
        }
        int n = gy * g + gx;
        for (int o = 0; o < d; o++) {
          double s = 0;
          int wOff = o * vol;
          for (int i = 0; i < vol; i++) {
            s += w[wOff + i] * patch[i];
          }
          out[n * d + o] = s;
        }
      }
    }
    return out;
  }
}
