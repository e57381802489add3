package org.spikezip.energy;

/**
 * The run as it would have been with the step cap at {@code t}: what every sample had done after
 * step {@code t} (or after its stop step, if earlier), summed over samples. The simulation is causal,
 * so these are exactly the counts and answers of a run capped at {@code t}.
 *
 * @param t the step cap, 1-based
 * @param agreeing samples whose prediction after step t equals the QANN's
 * @param correct samples whose prediction after step t equals the label (0 without labels)
 * @param spikes spikes fired in steps 1..t
 * @param acs accumulates in steps 1..t
 * @param macs multiply-accumulates in steps 1..t
 * @param energyPj energy of steps 1..t, pJ
 */
public record StepPoint(int t, int agreeing, int correct, long spikes, long acs, long macs, double energyPj) {}
