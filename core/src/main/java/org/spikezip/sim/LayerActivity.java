package org.spikezip.sim;

/**
 * What one layer of the spiking network did for one sample, step by step (index 0 is step 1).
 *
 * <p>A layer is a neuron layer, named by the quantizer it replaces, together with the operator that
 * feeds it; the last entry, {@code head}, is the output layer. Counting rules (README, "Energy"):
 * {@code acs} are accumulates driven by this layer's spikes, one per spike per fan-out;
 * {@code macs} are the multiply-accumulates of the operator feeding this layer that are not driven
 * by spikes (the patch convolution on analog input, LayerNorm, softmax, scaling of accumulated
 * sums); {@code updates} are neuron evaluations.
 *
 * @param name the replaced quantizer's name, e.g. {@code blocks.0.attn.quan_q}, or {@code head}
 * @param neurons neurons in the layer (0 for the head)
 */
public record LayerActivity(
    String name,
    int neurons,
    int[] positivePerStep,
    int[] negativePerStep,
    long[] acsPerStep,
    long[] macsPerStep,
    long[] updatesPerStep) {

  public long positive() {
    return sum(positivePerStep);
  }

  public long negative() {
    return sum(negativePerStep);
  }

  /** Positive plus negative spikes. */
  public long total() {
    return positive() + negative();
  }

  public long acs() {
    return sum(acsPerStep);
  }

  public long macs() {
    return sum(macsPerStep);
  }

  public long updates() {
    return sum(updatesPerStep);
  }

  private static long sum(int[] v) {
    long s = 0;
    for (int x : v) {
      s += x;
    }
    return s;
  }

  private static long sum(long[] v) {
    long s = 0;
    for (long x : v) {
      s += x;
    }
    return s;
  }
}
