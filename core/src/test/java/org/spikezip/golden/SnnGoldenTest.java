package org.spikezip.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikezip.convert.Converter;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.LayerActivity;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.SimulationListener;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;

/**
 * Our SNN against the original release's (float64, Spike-LayerNorm eps set to the model's, analog
 * input, cap 256): the same stop step, the same accumulated logits after every step, the same
 * tracers and per-neuron spike totals, and the same per-layer positive and negative spike counts at
 * every step.
 */
class SnnGoldenTest {
  private static final int TIME_CAP = 256;

  /** Simulates every golden input; the release ran them as one batch. */
  private static List<SampleResult> simulate(GoldenCase g) {
    Simulator sim = new Simulator(Converter.convert(g.qann()).network(), Encoding.ANALOG,
        StopRule.quiescent(TIME_CAP));
    return sim.runAll(g.images(), 1, SimulationListener.NONE);
  }

  /** The batch stops once no sample spikes any more: at the latest of the samples' stop steps. */
  @ParameterizedTest(name = "L={0}")
  @ValueSource(ints = {8, 16})
  void stopsAtTheReleasesStep(int level) throws Exception {
    GoldenCase g = GoldenCase.load(level);
    int expected = g.json().getAsJsonObject("float64").get("snn_stop_step").getAsInt();
    assertThat(expected).isEqualTo(level == 16 ? 21 : 13);
    assertThat(g.tensor("snn_accu_per_step_f64_epsfix").shape().dim(0)).isEqualTo(expected);
    List<SampleResult> results = simulate(g);
    int latest = 0;
    for (SampleResult r : results) {
      assertThat(r.quiescent()).isTrue();
      latest = Math.max(latest, r.stopStep());
    }
    assertThat(latest).isEqualTo(expected);
  }

  @ParameterizedTest(name = "L={0}")
  @ValueSource(ints = {8, 16})
  void accumulatedLogitsEqualTheReleaseAtEveryStep(int level) throws Exception {
    GoldenCase g = GoldenCase.load(level);
    List<SampleResult> results = simulate(g);
    int steps = g.tensor("snn_accu_per_step_f64_epsfix").shape().dim(0);
    for (int b = 0; b < g.batch(); b++) {
      SampleResult r = results.get(b);
      for (int t = 1; t <= steps; t++) {
        double[] expected = g.row("snn_accu_per_step_f64_epsfix", t, b);
        assertThat(r.logitsAt(t)).as("accumulated logits of sample %d after step %d", b, t)
            .containsExactly(expected, within(GoldenCase.LOGIT_TOLERANCE));
      }
    }
  }

  @ParameterizedTest(name = "L={0}")
  @ValueSource(ints = {8, 16})
  void finalLogitsEqualTheQann(int level) throws Exception {
    GoldenCase g = GoldenCase.load(level);
    List<SampleResult> results = simulate(g);
    QannForward qann = new QannForward(g.qann());
    for (int b = 0; b < g.batch(); b++) {
      QannResult ref = qann.forward(g.images().get(b));
      assertThat(results.get(b).logits()).as("final SNN logits of sample %d", b)
          .containsExactly(ref.logits(), within(GoldenCase.LOGIT_TOLERANCE));
      assertThat(results.get(b).logits()).as("final SNN logits of sample %d vs the release's QANN", b)
          .containsExactly(g.row("qann_logits_f64", b), within(GoldenCase.LOGIT_TOLERANCE));
      assertThat(results.get(b).predictedClass()).isEqualTo(ref.predictedClass());
    }
  }

  @ParameterizedTest(name = "L={0}")
  @ValueSource(ints = {8, 16})
  void tracersAndSpikeTotalsEqualTheRelease(int level) throws Exception {
    GoldenCase g = GoldenCase.load(level);
    List<SampleResult> results = simulate(g);
    for (int b = 0; b < g.batch(); b++) {
      SampleResult r = results.get(b);
      assertThat(r.spikeCounts().keySet()).containsExactlyElementsOf(g.quantizerNames());
      for (String name : g.quantizerNames()) {
        assertThat(r.spikeCounts().get(name)).as("tracers of %s, sample %d", name, b)
            .isEqualTo(g.ours("codes.", name, b));
        assertThat(r.spikesAbs().get(name)).as("|spikes| per neuron of %s, sample %d", name, b)
            .isEqualTo(g.ours("spikes_abs.", name, b));
      }
    }
  }

  @ParameterizedTest(name = "L={0}")
  @ValueSource(ints = {8, 16})
  void perStepLayerActivityEqualTheRelease(int level) throws Exception {
    GoldenCase g = GoldenCase.load(level);
    List<SampleResult> results = simulate(g);
    Map<String, String> snnPath = new LinkedHashMap<>();
    for (JsonElement e : g.json().getAsJsonArray("quantizers")) {
      JsonObject q = e.getAsJsonObject();
      snnPath.put(q.get("qann_path").getAsString(), q.get("snn_path").getAsString());
    }
    // The sidecar lists the quantizers in state-dict order (attn_quan after quan_proj).
    assertThat(snnPath.keySet()).containsExactlyInAnyOrderElementsOf(g.quantizerNames());
    JsonObject spikeCounts = g.json().getAsJsonObject("spike_counts");
    for (int l = 0; l < g.quantizerNames().size(); l++) {
      String name = g.quantizerNames().get(l);
      JsonObject expected = spikeCounts.getAsJsonObject(snnPath.get(name));
      assertThat(expected.get("qann_path").getAsString()).isEqualTo(name);
      int[] pos = ints(expected.getAsJsonArray("per_step_pos"));
      int[] neg = ints(expected.getAsJsonArray("per_step_neg"));
      int[] ourPos = new int[pos.length];
      int[] ourNeg = new int[neg.length];
      for (SampleResult r : results) {
        LayerActivity layer = r.layers().get(l);
        assertThat(layer.name()).isEqualTo(name);
        assertThat(layer.positivePerStep().length).isLessThanOrEqualTo(pos.length);
        for (int t = 0; t < layer.positivePerStep().length; t++) {
          ourPos[t] += layer.positivePerStep()[t];
          ourNeg[t] += layer.negativePerStep()[t];
        }
      }
      assertThat(ourPos).as("+1 spikes per step of %s (%s), all samples", name, snnPath.get(name))
          .isEqualTo(pos);
      assertThat(ourNeg).as("-1 spikes per step of %s (%s), all samples", name, snnPath.get(name))
          .isEqualTo(neg);
      assertThat(sumOver(results, l, true)).isEqualTo(expected.get("pos_spikes").getAsLong());
      assertThat(sumOver(results, l, false)).isEqualTo(expected.get("neg_spikes").getAsLong());
    }
  }

  private static long sumOver(List<SampleResult> results, int layer, boolean positive) {
    long s = 0;
    for (SampleResult r : results) {
      s += positive ? r.layers().get(layer).positive() : r.layers().get(layer).negative();
    }
    return s;
  }

  private static int[] ints(JsonArray a) {
    List<Integer> v = new ArrayList<>();
    for (JsonElement e : a) {
      v.add(e.getAsInt());
    }
    return v.stream().mapToInt(Integer::intValue).toArray();
  }
}
