package org.spikezip.energy;

/**
 * The dense operation count of one layer for one forward pass (see {@link DenseOpCount} for the
 * rules).
 *
 * @param name the layer's quantizer name (e.g. {@code blocks.0.attn.quan_q}), or {@code head}
 * @param neurons the quantizer's output elements (0 for the head)
 * @param annMacs multiply-accumulates of the operator that feeds the layer, in the ANN
 */
public record DenseLayerOps(String name, long neurons, long annMacs) {
  public DenseLayerOps {
    if (neurons < 0 || annMacs < 0) {
      throw new IllegalArgumentException(name + ": neurons and MACs must not be negative, got " + neurons + ", "
          + annMacs);
    }
  }

  /** The QANN's MACs: the ANN's plus one per quantized element (divide by s, round, clamp). */
  public long qannMacs() {
    return annMacs + neurons;
  }
}
