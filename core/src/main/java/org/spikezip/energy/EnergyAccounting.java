package org.spikezip.energy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.spikezip.sim.LayerActivity;
import org.spikezip.sim.SampleResult;

/**
 * Builds an {@link EnergyReport} from a run's {@link SampleResult}s: sums the simulator's per-layer,
 * per-step event counts over samples, derives firing rates, cancelled spikes and saturated codes from
 * the final tracers, and evaluates every step cap {@code t} from 1 to the largest stop step. Pure and
 * deterministic: the same results give the same report, whatever thread produced them.
 */
public final class EnergyAccounting {
  private EnergyAccounting() {}

  /**
   * The report of a run in which every sample costs the ANN the same ({@code dense}, e.g. a ViT's
   * images): {@link #account(List, List, EnergyModel, int[], Optional)} with {@code dense} once per
   * sample.
   */
  public static EnergyReport account(List<SampleResult> results, DenseOpCount dense, EnergyModel model,
      int[] qannPredictions, Optional<int[]> labels) {
    return account(results, Collections.nCopies(results.size(), dense), model, qannPredictions, labels);
  }

  /**
   * The report of one run; the ANN and QANN baselines are the sums of the samples' own dense counts
   * (an encoder's depends on each sequence's length).
   *
   * @param results every sample's simulation, in input order
   * @param densePerSample the ANN's and QANN's operation count of the same model on each sample, in
   *     input order, with the simulator's layer names
   * @param qannPredictions the QANN's class per sample
   * @param labels the true class per sample, if known
   */
  public static EnergyReport account(List<SampleResult> results, List<DenseOpCount> densePerSample,
      EnergyModel model, int[] qannPredictions, Optional<int[]> labels) {
    int samples = results.size();
    if (samples == 0) {
      throw new IllegalArgumentException("results must hold at least one sample, got none");
    }
    if (qannPredictions.length != samples || densePerSample.size() != samples
        || labels.map(l -> l.length != samples).orElse(false)) {
      throw new IllegalArgumentException("QANN predictions (" + qannPredictions.length + "), dense counts ("
          + densePerSample.size() + ") and labels (" + labels.map(l -> l.length).orElse(samples)
          + ") must number one per sample (" + samples + ")");
    }
    DenseOpCount dense = DenseOpCount.sum(densePerSample);
    List<String> names = dense.layers().stream().map(DenseLayerOps::name).toList();
    List<LayerTotals> layers = new ArrayList<>();
    List<LayerActivity> first = results.get(0).layers();
    for (int l = 0; l < first.size(); l++) {
      layers.add(layer(results, l, model));
    }
    if (!layers.stream().map(LayerTotals::name).toList().equals(names)) {
      throw new IllegalArgumentException("the dense counts' layers " + names + " must be the simulated layers "
          + layers.stream().map(LayerTotals::name).toList());
    }
    int qannCorrect = labels.map(y -> matches(qannPredictions, y)).orElse(0);
    return new EnergyReport(model, samples, labels.isPresent(), qannCorrect, layers,
        curve(results, model, qannPredictions, labels), stopSteps(results), dense);
  }

  /**
   * Layer {@code l} summed over samples; its neurons are the most any sample has (samples of
   * different lengths have different numbers), its neuron-steps each sample's own.
   */
  private static LayerTotals layer(List<SampleResult> results, int l, EnergyModel model) {
    String name = results.get(0).layers().get(l).name();
    int neurons = 0;
    TotalsAccumulator sum = new TotalsAccumulator();
    for (SampleResult r : results) {
      LayerActivity a = r.layers().get(l);
      if (!a.name().equals(name)) {
        throw new IllegalArgumentException("samples disagree on layer " + l + ": " + name + " vs " + a.name());
      }
      neurons = Math.max(neurons, a.neurons());
      sum.add(a.positive(), a.negative(), a.acs(), a.macs(), a.updates(), (long) a.neurons() * r.stopStep());
      sum.addCodes(a.cancelled(), a.saturated());
    }
    return sum.totals(name, neurons, model);
  }

  /** Every step cap from 1 to the largest stop step. */
  private static List<StepPoint> curve(List<SampleResult> results, EnergyModel model, int[] qann,
      Optional<int[]> labels) {
    int steps = results.stream().mapToInt(SampleResult::stopStep).max().orElseThrow();
    long[] spikes = new long[steps];
    long[] acs = new long[steps];
    long[] macs = new long[steps];
    for (SampleResult r : results) {
      for (LayerActivity a : r.layers()) {
        for (int t = 0; t < r.stopStep(); t++) {
          spikes[t] += a.positivePerStep()[t] + a.negativePerStep()[t];
          acs[t] += a.acsPerStep()[t];
          macs[t] += a.macsPerStep()[t];
        }
      }
    }
    List<StepPoint> curve = new ArrayList<>();
    long cumSpikes = 0;
    long cumAcs = 0;
    long cumMacs = 0;
    for (int t = 1; t <= steps; t++) {
      cumSpikes += spikes[t - 1];
      cumAcs += acs[t - 1];
      cumMacs += macs[t - 1];
      int[] predicted = new int[results.size()];
      for (int i = 0; i < predicted.length; i++) {
        predicted[i] = SampleResult.argmax(results.get(i).logitsAt(t));
      }
      int correct = labels.map(y -> matches(predicted, y)).orElse(0);
      curve.add(new StepPoint(t, matches(predicted, qann), correct, cumSpikes, cumAcs, cumMacs,
          model.energyPj(cumMacs, cumAcs)));
    }
    return curve;
  }

  private static List<StopStepCount> stopSteps(List<SampleResult> results) {
    TreeMap<Integer, int[]> byStep = new TreeMap<>();
    for (SampleResult r : results) {
      byStep.computeIfAbsent(r.stopStep(), k -> new int[2])[r.quiescent() ? 0 : 1]++;
    }
    List<StopStepCount> out = new ArrayList<>();
    byStep.forEach((steps, n) -> out.add(new StopStepCount(steps, n[0], n[1])));
    return out;
  }

  private static int matches(int[] a, int[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += a[i] == b[i] ? 1 : 0;
    }
    return n;
  }
}
