package org.spikezip.train;

import ai.djl.ndarray.NDArray;

/**
 * What the ViT graph does at each quantizer place of SPEC §3 and to each spike-driven layer's
 * weight: nothing ({@link #none()}, the float ANN) or LSQ fake quantization ({@link LsqQuantization}).
 */
public sealed interface Quantization permits Quantization.None, LsqQuantization {

  /** The float ANN: activations and weights pass unchanged and the MLP applies its ReLU. */
  static Quantization none() {
    return None.INSTANCE;
  }

  /**
   * The activations of quantizer {@code name} (original naming, e.g. {@code blocks.0.attn.quan_q}).
   *
   * @param signed whether the quantizer is signed (SPEC §2)
   */
  NDArray activation(String name, boolean signed, NDArray x);

  /** The weight of a spike-driven layer as the forward pass uses it. */
  NDArray weight(NDArray w);

  /** Whether activations are quantized (then the ReLU after the unsigned fc1 quantizer is a no-op). */
  boolean quantizesActivations();

  /** Whether {@link #weight} changes weights. */
  boolean quantizesWeights();

  /** The float model. */
  final class None implements Quantization {
    private static final None INSTANCE = new None();

    private None() {}

    @Override
    public NDArray activation(String name, boolean signed, NDArray x) {
      return x;
    }

    @Override
    public NDArray weight(NDArray w) {
      return w;
    }

    @Override
    public boolean quantizesActivations() {
      return false;
    }

    @Override
    public boolean quantizesWeights() {
      return false;
    }
  }
}
