package org.spikezip.energy;

import java.util.List;

/**
 * The spike, operation and energy account of a spiking network's run over a set of samples, beside
 * the same model run as an ANN and as a QANN (SPEC §6). Built by {@link EnergyAccounting}.
 *
 * @param energyModel the pJ per operation used for every energy figure
 * @param samples the number of samples run
 * @param labelled whether labels were given ({@link StepPoint#correct} and {@link #qannCorrect} count)
 * @param qannCorrect samples the QANN classifies right (0 without labels)
 * @param layers per layer, in network order (neuron layers, then the head)
 * @param curve the trade-off over the step cap, {@code t = 1 ..} the largest stop step
 * @param stopSteps the distribution of stop steps, by steps ascending
 * @param denseTotal the ANN's and QANN's operations over all samples (the sum of each sample's
 *     {@link DenseOpCount}; samples may differ, as sentences of different lengths do)
 */
public record EnergyReport(
    EnergyModel energyModel,
    int samples,
    boolean labelled,
    int qannCorrect,
    List<LayerTotals> layers,
    List<StepPoint> curve,
    List<StopStepCount> stopSteps,
    DenseOpCount denseTotal) {

  /** The name of {@link #total()}. */
  public static final String TOTAL = "total";

  public EnergyReport {
    if (samples <= 0) {
      throw new IllegalArgumentException("samples must be positive, got " + samples);
    }
    layers = List.copyOf(layers);
    curve = List.copyOf(curve);
    stopSteps = List.copyOf(stopSteps);
  }

  /** All layers together, named {@value #TOTAL}. */
  public LayerTotals total() {
    int neurons = 0;
    TotalsAccumulator sum = new TotalsAccumulator();
    for (LayerTotals l : layers) {
      neurons += l.neurons();
      sum.add(l);
    }
    return sum.totals(TOTAL, neurons, energyModel);
  }

  /** The SNN's energy over all samples, pJ. */
  public double snnEnergyPj() {
    return total().energyPj();
  }

  /** The ANN's energy over all samples (every operation a MAC), pJ. */
  public double annEnergyPj() {
    return energyModel.energyPj(denseTotal.annMacs(), 0);
  }

  /** The QANN's energy over all samples, pJ. */
  public double qannEnergyPj() {
    return energyModel.energyPj(denseTotal.qannMacs(), 0);
  }

  /** The ANN's MACs per sample, the mean over samples. */
  public double annMacsPerSample() {
    return denseTotal.annMacs() / (double) samples;
  }

  /** The QANN's MACs per sample, the mean over samples. */
  public double qannMacsPerSample() {
    return denseTotal.qannMacs() / (double) samples;
  }

  /** The last point of the curve: the run as it was. */
  public StepPoint last() {
    return curve.get(curve.size() - 1);
  }

  /** Samples that hit the step cap before going quiet. */
  public int lossy() {
    return stopSteps.stream().mapToInt(StopStepCount::capped).sum();
  }

  /** The largest stop step. */
  public int maxSteps() {
    return curve.size();
  }

  /** The mean stop step. */
  public double meanSteps() {
    long steps = 0;
    for (StopStepCount s : stopSteps) {
      steps += (long) s.steps() * s.samples();
    }
    return steps / (double) samples;
  }
}
