package org.spikezip.sim;

/**
 * Spike totals of one neuron layer for one sample.
 *
 * @param name the replaced quantizer's name
 * @param neurons neurons in the layer
 * @param positive +1 spikes over all steps
 * @param negative -1 spikes over all steps
 * @param positivePerStep +1 spikes at each step (index 0 is step 1)
 * @param negativePerStep -1 spikes at each step
 */
public record LayerSpikes(
    String name, int neurons, long positive, long negative, int[] positivePerStep, int[] negativePerStep) {

  public long total() {
    return positive + negative;
  }
}
