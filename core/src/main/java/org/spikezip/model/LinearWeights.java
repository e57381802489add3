package org.spikezip.model;

/**
 * A dense layer {@code y = W x + b} in PyTorch's layout.
 *
 * @param weight row-major {@code [out, in]}
 * @param bias {@code [out]}; all zeros when the layer has none
 */
public record LinearWeights(int out, int in, double[] weight, double[] bias) {
  public LinearWeights {
    if (weight.length != (long) out * in) {
      throw new IllegalArgumentException("weight must have " + out + "x" + in + " values, got " + weight.length);
    }
    if (bias.length != out) {
      throw new IllegalArgumentException("bias must have " + out + " values, got " + bias.length);
    }
  }

  public double weight(int o, int i) {
    return weight[o * in + i];
  }

  /** Rows {@code [from, from + count)} as a layer of its own (for splitting qkv into q, k and v). */
  public LinearWeights rows(int from, int count) {
    double[] w = new double[count * in];
    System.arraycopy(weight, from * in, w, 0, w.length);
    double[] b = new double[count];
    System.arraycopy(bias, from, b, 0, count);
    return new LinearWeights(count, in, w, b);
  }
}
