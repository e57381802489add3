package org.spikezip.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikezip.convert.NeuronParams;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QuantSite;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.LayerActivity;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.SimulationListener;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;

/** The report's counts against closed forms computed here, independently of the simulator's counter. */
class EnergyAccountingTest {
  private static final double RELATIVE = 1e-12;

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {1, 2})
  void accumulatesAreSpikesTimesFanOutPlusTheEmbedding(int depth) {
    TinyNets m = TinyNets.calibrated(depth, 5);
    List<SampleResult> results = simulate(m, Encoding.ANALOG, 1);
    EnergyReport r = report(m, results, EnergyModel.DEFAULT);

    VitConfig c = m.config();
    int n = c.numTokens();
    int d = c.embedDim();
    long expectedTotal = 0;
    for (LayerTotals layer : r.layers()) {
      long expected = 0;
      for (SampleResult s : results) {
        expected += acsOf(c, layer.name(), s);
      }
      assertThat(layer.acs()).as("ACs of %s", layer.name()).isEqualTo(expected);
      expectedTotal += expected;
    }
    assertThat(r.total().acs()).isEqualTo(expectedTotal);
    assertThat(r.total().spikes()).isPositive();
    assertThat(r.layers().get(0).acs()).isGreaterThanOrEqualTo((long) results.size() * n * d);
  }

  @Test
  void thePatchConvolutionOnAnalogInputIsCountedAtStepOneOnly() {
    TinyNets m = TinyNets.calibrated(1, 6);
    VitConfig c = m.config();
    long conv = (long) c.numPatches() * c.embedDim() * c.patchVolume();
    assertThat(conv).isEqualTo(4L * 6 * 3 * 4 * 4);

    for (SampleResult s : simulate(m, Encoding.ANALOG, 1)) {
      long[] macs = s.layers().get(0).macsPerStep();
      assertThat(macs[0]).isEqualTo(conv);
      assertThat(Arrays.stream(macs, 1, macs.length)).containsOnly(0L);
    }
  }

  @Test
  void rateEncodingCountsTheConvolutionAtEveryInputStep() {
    TinyNets m = TinyNets.calibrated(1, 6);
    VitConfig c = m.config();
    long conv = (long) c.numPatches() * c.embedDim() * c.patchVolume();

    List<SampleResult> results = simulate(m, Encoding.RATE, 1);
    EnergyReport r = report(m, results, EnergyModel.DEFAULT);

    assertThat(r.layers().get(0).macs()).isEqualTo(results.size() * TinyNets.LEVEL * conv);
  }

  @Test
  void countsAreTheSameBetweenRunsAndThreadCounts() {
    TinyNets m = TinyNets.calibrated(2, 7);

    EnergyReport one = report(m, simulate(m, Encoding.ANALOG, 1), EnergyModel.DEFAULT);
    EnergyReport two = report(m, simulate(m, Encoding.ANALOG, 2), EnergyModel.DEFAULT);
    EnergyReport again = report(m, simulate(m, Encoding.ANALOG, 2), EnergyModel.DEFAULT);

    assertThat(two).isEqualTo(one);
    assertThat(again).isEqualTo(one);
  }

  /**
   * Nothing fires after the patch layer, and the patch layer fires at step 1 only. The SNN's energy is
   * then exactly the patch layer's (its convolution, the embedding and its spikes' adds) plus one pass
   * of the operators that are recomputed, not driven by spikes, when step 1 delivers the embeddings and
   * biases: per block 14·d·n + 3·h·n² + m·n MACs (LayerNorms 2×4·d·n, q, k, v, attention-times-v,
   * proj and fc2 rescaled d·n each, softmax 3·n per row of h·n, fc1 m·n), then the final LayerNorm
   * 4·d·n and the head C. From step 2 on nothing is counted at all.
   */
  @Test
  void aNetworkSilentAfterThePatchLayerCostsThePatchLayerPlusOneRecomputation() {
    TinyNets m = TinyNets.onlyPatchFires(2, 8);
    VitConfig c = m.config();
    long n = c.numTokens();
    long d = c.embedDim();
    long h = c.numHeads();
    long mlp = c.mlpHidden();
    NeuronParams patch = m.snn().patchNeurons();

    List<SampleResult> results = simulate(m, Encoding.ANALOG, 1);
    EnergyReport r = report(m, results, EnergyModel.DEFAULT);

    long patchSpikes = 0;
    for (double[] x : m.patchInputs()) {
      for (double v : x) {
        patchSpikes += Math.abs(Math.max(patch.min(), Math.min(patch.max(), (int) Math.floor(v / patch.threshold()
            + 0.5))));
      }
    }
    assertThat(patchSpikes).isPositive();
    long samples = results.size();
    long conv = (long) c.numPatches() * d * c.patchVolume();
    LayerTotals first = r.layers().get(0);
    assertThat(first.spikes()).isEqualTo(patchSpikes);
    assertThat(first.macs()).isEqualTo(samples * conv);
    assertThat(first.acs()).isEqualTo(samples * n * d + patchSpikes);
    long recompute = c.depth() * (14 * d * n + 3 * h * n * n + mlp * n) + 4 * d * n + c.numClasses();
    for (LayerTotals later : r.layers().subList(1, r.layers().size())) {
      assertThat(later.spikes()).as(later.name()).isZero();
      assertThat(later.acs()).as(later.name()).isZero();
    }
    assertThat(r.total().macs()).isEqualTo(samples * (conv + recompute));
    double expected = first.energyPj() + samples * recompute * EnergyModel.DEFAULT_MAC_PJ;
    assertThat(r.snnEnergyPj()).isCloseTo(expected, within(RELATIVE * expected));
    for (SampleResult s : results) {
      assertThat(s.stopStep()).isEqualTo(2);
      for (LayerActivity a : s.layers()) {
        assertThat(a.acsPerStep()[1] + a.macsPerStep()[1]).as(a.name()).isZero();
      }
    }
  }

  @Test
  void cancelledSpikesAndSaturatedCodesFollowFromTheFinalTracers() {
    TinyNets m = TinyNets.calibrated(2, 9);
    List<SampleResult> results = simulate(m, Encoding.ANALOG, 1);
    EnergyReport r = report(m, results, EnergyModel.DEFAULT);

    for (NeuronParams p : m.snn().neuronLayers()) {
      long cancelled = 0;
      long saturated = 0;
      long spikes = 0;
      for (SampleResult s : results) {
        int[] counts = s.spikeCounts().get(p.name());
        int[] abs = s.spikesAbs().get(p.name());
        for (int i = 0; i < counts.length; i++) {
          spikes += abs[i];
          cancelled += abs[i] - Math.abs(counts[i]);
          saturated += counts[i] == p.max() || (p.min() < 0 && counts[i] == p.min()) ? 1 : 0;
        }
      }
      LayerTotals layer = layer(r, p.name());
      assertThat(layer.spikes()).as(p.name()).isEqualTo(spikes);
      assertThat(layer.cancelled()).as(p.name()).isEqualTo(cancelled);
      assertThat(layer.saturated()).as(p.name()).isEqualTo(saturated);
      long steps = results.stream().mapToLong(SampleResult::stopStep).sum();
      assertThat(layer.firingRate()).isEqualTo(spikes / (double) (layer.neurons() * steps));
    }
    assertThat(r.total().cancelled()).isPositive();
  }

  @Test
  void theCurveEndsAtTheRunAndAgreesWithTheQannThere() {
    TinyNets m = TinyNets.calibrated(2, 10);
    List<SampleResult> results = simulate(m, Encoding.ANALOG, 1);
    int[] labels = {0, 1, 2};
    EnergyModel model = new EnergyModel("test", 2.0, 0.5);
    EnergyReport r = EnergyAccounting.account(results, m.snn().neuronLayers(), DenseOpCount.of(m.config()), model,
        predictions(m), Optional.of(labels));

    assertThat(r.maxSteps()).isEqualTo(results.stream().mapToInt(SampleResult::stopStep).max().orElseThrow());
    assertThat(r.curve()).hasSize(r.maxSteps());
    StepPoint last = r.last();
    assertThat(last.agreeing()).isEqualTo(results.size());
    assertThat(last.correct()).isEqualTo(r.qannCorrect());
    assertThat(last.energyPj()).isEqualTo(r.snnEnergyPj());
    assertThat(last.spikes()).isEqualTo(r.total().spikes());
    assertThat(last.acs()).isEqualTo(r.total().acs());
    assertThat(last.macs()).isEqualTo(r.total().macs());
    for (int t = 1; t < r.curve().size(); t++) {
      assertThat(r.curve().get(t).energyPj()).isGreaterThanOrEqualTo(r.curve().get(t - 1).energyPj());
      assertThat(r.curve().get(t).t()).isEqualTo(t + 1);
    }
    StepPoint firstStep = r.curve().get(0);
    long acs = 0;
    long macs = 0;
    for (SampleResult s : results) {
      for (LayerActivity a : s.layers()) {
        acs += a.acsPerStep()[0];
        macs += a.macsPerStep()[0];
      }
    }
    assertThat(firstStep.energyPj()).isEqualTo(macs * 2.0 + acs * 0.5);
    assertThat(r.stopSteps().stream().mapToInt(StopStepCount::samples).sum()).isEqualTo(results.size());
    assertThat(r.lossy()).isZero();
    assertThat(r.annEnergyPj()).isEqualTo(results.size() * DenseOpCount.of(m.config()).annMacs() * 2.0);
  }

  @Test
  void aCappedRunCountsItsLossySamples() {
    TinyNets m = TinyNets.calibrated(1, 11);
    List<SampleResult> results = new Simulator(m.snn(), Encoding.ANALOG, StopRule.quiescent(2))
        .runAll(m.images(), 1, SimulationListener.NONE);

    EnergyReport r = report(m, results, EnergyModel.DEFAULT);

    assertThat(r.lossy()).isEqualTo(results.size());
    assertThat(r.stopSteps()).containsExactly(new StopStepCount(2, 0, results.size()));
    assertThat(r.meanSteps()).isEqualTo(2.0);
  }

  /** The ACs the README's rules give for one layer of one sample, from its per-neuron spike totals. */
  private static long acsOf(VitConfig c, String layer, SampleResult s) {
    int n = c.numTokens();
    int d = c.embedDim();
    if (layer.equals(DenseOpCount.HEAD)) {
      return 0;
    }
    int[] abs = s.spikesAbs().get(layer);
    long spikes = Arrays.stream(abs).asLongStream().sum();
    if (layer.equals(QuantSite.PATCH_EMBED)) {
      return spikes + (long) n * d;
    }
    if (layer.equals(QuantSite.FINAL_NORM)) {
      long cls = Arrays.stream(abs, 0, d).asLongStream().sum();
      return cls * c.numClasses();
    }
    for (int b = 0; b < c.depth(); b++) {
      for (QuantSite site : QuantSite.values()) {
        if (layer.equals(site.name(b))) {
          long fanOut = switch (site) {
            case NORM1 -> 3L * d;
            case Q, K, V -> n;
            case ATTN -> c.headDim();
            case ATTN_V -> d;
            case PROJ, FC2 -> 1;
            case NORM2 -> c.mlpHidden();
            case ACT -> d;
          };
          return spikes * fanOut;
        }
      }
    }
    throw new AssertionError("unknown layer " + layer);
  }

  private static LayerTotals layer(EnergyReport r, String name) {
    return r.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<SampleResult> simulate(TinyNets m, Encoding encoding, int threads) {
    return new Simulator(m.snn(), encoding, StopRule.quiescent(10_000)).runAll(m.images(), threads,
        SimulationListener.NONE);
  }

  private static int[] predictions(TinyNets m) {
    QannForward f = new QannForward(m.qann());
    return m.images().stream().mapToInt(image -> f.forward(image).predictedClass()).toArray();
  }

  private static EnergyReport report(TinyNets m, List<SampleResult> results, EnergyModel model) {
    return EnergyAccounting.account(results, m.snn().neuronLayers(), DenseOpCount.of(m.config()), model,
        predictions(m), Optional.empty());
  }
}
