package org.spikezip.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.energy.DenseOpCount;
import org.spikezip.energy.EnergyAccounting;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.energy.LayerTotals;
import org.spikezip.quant.QannForward;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.SimulationListener;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;

/**
 * The energy report on the golden model (L=16, the release's four inputs): per quantizer, its spikes
 * are the sum of the release's per-neuron {@code spikes_abs.<name>}, its cancelled spikes the sum of
 * {@code spikes_abs - |codes|}, its saturated codes those at the sidecar's bounds; the totals are the
 * sums over quantizers.
 */
class EnergyGoldenTest {
  @Test
  void spikeCountsPerQuantizerAreTheReleases() throws Exception {
    GoldenCase g = GoldenCase.load(16);
    SpikingVit snn = Converter.convert(g.qann()).network();
    List<SampleResult> results = new Simulator(snn, Encoding.ANALOG, StopRule.quiescent(256))
        .runAll(g.images(), 2, SimulationListener.NONE);
    QannForward qann = new QannForward(g.qann());
    int[] predictions = g.images().stream().mapToInt(image -> qann.forward(image).predictedClass()).toArray();

    EnergyReport r = EnergyAccounting.account(results, snn.neuronLayers(), DenseOpCount.of(g.config()),
        EnergyModel.DEFAULT, predictions, Optional.empty());

    List<String> names = g.quantizerNames();
    assertThat(r.layers()).extracting(LayerTotals::name).startsWith(names.toArray(new String[0]));
    long spikes = 0;
    long cancelled = 0;
    long saturated = 0;
    for (int l = 0; l < names.size(); l++) {
      String name = names.get(l);
      int[] abs = g.tensor("spikes_abs." + name).toIntArray();
      int[] codes = g.tensor("codes." + name).toIntArray();
      JsonObject q = quantizer(g, name);
      int max = (int) q.get("pos_max").getAsDouble();
      int min = (int) q.get("neg_min").getAsDouble();
      long layerSpikes = 0;
      long layerCancelled = 0;
      long layerSaturated = 0;
      for (int i = 0; i < abs.length; i++) {
        layerSpikes += abs[i];
        layerCancelled += abs[i] - Math.abs(codes[i]);
        layerSaturated += codes[i] == max || (min < 0 && codes[i] == min) ? 1 : 0;
      }
      LayerTotals layer = r.layers().get(l);
      assertThat(layer.spikes()).as("spikes of %s", name).isEqualTo(layerSpikes);
      assertThat(layer.cancelled()).as("cancelled spikes of %s", name).isEqualTo(layerCancelled);
      assertThat(layer.saturated()).as("saturated codes of %s", name).isEqualTo(layerSaturated);
      assertThat((long) layer.neurons() * g.batch()).isEqualTo(abs.length);
      spikes += layerSpikes;
      cancelled += layerCancelled;
      saturated += layerSaturated;
    }
    assertThat(r.total().spikes()).isEqualTo(spikes);
    assertThat(r.total().cancelled()).isEqualTo(cancelled);
    assertThat(r.total().saturated()).isEqualTo(saturated);
    assertThat(r.last().agreeing()).isEqualTo(g.batch());
    assertThat(r.maxSteps()).isEqualTo(21);
  }

  private static JsonObject quantizer(GoldenCase g, String name) {
    for (JsonElement e : g.json().getAsJsonArray("quantizers")) {
      if (e.getAsJsonObject().get("qann_path").getAsString().equals(name)) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError("no quantizer " + name + " in the sidecar");
  }
}
