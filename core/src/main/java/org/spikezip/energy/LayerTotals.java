package org.spikezip.energy;

/**
 * What one layer of the spiking network did over all samples of a run.
 *
 * @param name the replaced quantizer's name, e.g. {@code blocks.0.attn.quan_q}, or {@code head}
 * @param neurons neurons in the layer (0 for the head); the most in one sample when samples differ
 *     (an encoder's sentences of different lengths)
 * @param spikesPos +1 spikes, all neurons, steps and samples
 * @param spikesNeg -1 spikes
 * @param acs accumulates driven by this layer's spikes (one per spike per fan-out)
 * @param macs multiply-accumulates of the operator feeding this layer that spikes do not drive
 * @param updates neuron evaluations
 * @param neuronSteps neurons times the steps each sample ran, summed over samples (the firing rate's
 *     denominator)
 * @param cancelled spikes beyond what the final codes need: per neuron and sample, positive plus
 *     negative spikes minus |final count|, summed (spikes that a later spike of the other sign undid)
 * @param saturated neurons whose final count is at a tracer bound (the quantizer's qmax, or its qmin
 *     when that is negative), summed over samples
 * @param energyPj {@code macs * E_MAC + acs * E_AC}
 */
public record LayerTotals(
    String name,
    int neurons,
    long spikesPos,
    long spikesNeg,
    long acs,
    long macs,
    long updates,
    long neuronSteps,
    long cancelled,
    long saturated,
    double energyPj) {

  /** Positive plus negative spikes. */
  public long spikes() {
    return spikesPos + spikesNeg;
  }

  /** Spikes per neuron per simulated step (0 for a layer without neurons). */
  public double firingRate() {
    return neuronSteps == 0 ? 0 : spikes() / (double) neuronSteps;
  }
}
