package org.spikezip.energy;

/** Sums the counts of {@link LayerTotals} (over samples of one layer, or over layers). */
final class TotalsAccumulator {
  private long pos;
  private long neg;
  private long acs;
  private long macs;
  private long updates;
  private long neuronSteps;
  private long cancelled;
  private long saturated;

  void add(long spikesPos, long spikesNeg, long acCount, long macCount, long updateCount, long steps) {
    pos += spikesPos;
    neg += spikesNeg;
    acs += acCount;
    macs += macCount;
    updates += updateCount;
    neuronSteps += steps;
  }

  void addCodes(long cancelledSpikes, long saturatedCodes) {
    cancelled += cancelledSpikes;
    saturated += saturatedCodes;
  }

  void add(LayerTotals l) {
    add(l.spikesPos(), l.spikesNeg(), l.acs(), l.macs(), l.updates(), l.neuronSteps());
    addCodes(l.cancelled(), l.saturated());
  }

  LayerTotals totals(String name, int neurons, EnergyModel model) {
    return new LayerTotals(name, neurons, pos, neg, acs, macs, updates, neuronSteps, cancelled, saturated,
        model.energyPj(macs, acs));
  }
}
