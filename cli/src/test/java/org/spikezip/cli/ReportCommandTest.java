package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.LayerActivity;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.SimulationListener;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class ReportCommandTest {
  /** The bundled example is the golden model of the original release, on the golden inputs. */
  private static final Path EXAMPLE = Path.of("..", "examples", "tiny-vit");
  private static final Path GOLDEN_SIDECAR = Path.of("..", "core", "src", "test", "resources", "golden", "tiny_L16.json");

  @TempDir Path dir;

  @Test
  void writesTheReportWithTheSimulatorsCounts() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path out = dir.resolve("report");

    Cli run = report(m, out, "--threads", 2);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("samples        3, analog encoding, at most 512 steps, 2 threads")
        .contains("predictions    SNN = QANN on 3 of 3 samples (100.00 %)")
        .containsPattern("energy         per sample: SNN [0-9.]+ [pnµm]?J, ANN [0-9.]+ [pnµm]?J, QANN ")
        .contains("wrote          " + out);
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.json",
          "layers.csv", "per_step.csv", "accuracy_vs_steps.png", "energy_vs_accuracy.png", "firing_rate.png",
          "steps_to_quiescence.png", "report.html");
    }

    List<SampleResult> expected = simulate(m);
    JsonObject json = json(out);
    JsonArray layers = json.getAsJsonArray("layers");
    assertThat(layers).hasSize(expected.get(0).layers().size());
    long spikes = 0;
    long acs = 0;
    for (int l = 0; l < layers.size(); l++) {
      JsonObject layer = layers.get(l).getAsJsonObject();
      long pos = 0;
      long neg = 0;
      long layerAcs = 0;
      long macs = 0;
      for (SampleResult s : expected) {
        LayerActivity a = s.layers().get(l);
        pos += a.positive();
        neg += a.negative();
        layerAcs += a.acs();
        macs += a.macs();
      }
      assertThat(layer.get("name").getAsString()).isEqualTo(expected.get(0).layers().get(l).name());
      assertThat(layer.get("spikes_pos").getAsLong()).isEqualTo(pos);
      assertThat(layer.get("spikes_neg").getAsLong()).isEqualTo(neg);
      assertThat(layer.get("acs").getAsLong()).isEqualTo(layerAcs);
      assertThat(layer.get("macs").getAsLong()).isEqualTo(macs);
      assertThat(layer.get("neurons").getAsInt()).isEqualTo(expected.get(0).layers().get(l).neurons());
      spikes += pos + neg;
      acs += layerAcs;
    }
    assertThat(layers.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("patch_embed.proj.1");
    assertThat(layers.get(2).getAsJsonObject().get("name").getAsString()).isEqualTo("blocks.0.attn.quan_q");
    JsonObject totals = json.getAsJsonObject("totals");
    assertThat(totals.get("spikes").getAsLong()).isEqualTo(spikes);
    assertThat(totals.get("acs").getAsLong()).isEqualTo(acs);
    assertThat(json.getAsJsonObject("settings").get("reference").getAsString())
        .isEqualTo("the QANN's predictions (no labels)");
    String[] perStep = Files.readString(out.resolve("per_step.csv")).split("\n");
    String last = perStep[perStep.length - 1];
    assertThat(last).endsWith("," + totals.get("energy_pj").getAsDouble());
    assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,");
  }

  @Test
  void countsAreTheSameBetweenRunsAndThreadCounts() throws Exception {
    TinyQann m = TinyQann.write(dir);

    assertThat(report(m, dir.resolve("one"), "--threads", 1).code()).isZero();
    assertThat(report(m, dir.resolve("two"), "--threads", 2).code()).isZero();
    assertThat(report(m, dir.resolve("again"), "--threads", 2).code()).isZero();

    for (String table : List.of("layers.csv", "per_step.csv")) {
      String one = Files.readString(dir.resolve("one").resolve(table));
      assertThat(Files.readString(dir.resolve("two").resolve(table))).as(table).isEqualTo(one);
      assertThat(Files.readString(dir.resolve("again").resolve(table))).as(table).isEqualTo(one);
    }
    assertThat(Files.readString(dir.resolve("again/report.json")))
        .isEqualTo(Files.readString(dir.resolve("two/report.json")));
    JsonObject one = json(dir.resolve("one"));
    JsonObject two = json(dir.resolve("two"));
    one.getAsJsonObject("settings").remove("threads");
    two.getAsJsonObject("settings").remove("threads");
    assertThat(two).isEqualTo(one);
  }

  @Test
  void labelsInTheInputFileGiveAccuracy() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path input = dir.resolve("labelled.safetensors");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("input", Tensor.wrap(Shape.of(3, 3, 8, 8), TinyQann.images(3)));
    tensors.put("classes", Tensor.ofInts(Shape.of(3), new int[] {0, 1, 2}));
    SafetensorsWriter.write(input, tensors);

    Cli run = Cli.run("report", "--config", m.config(), "--checkpoint", m.checkpoint(), "--input", input,
        "--labels", "classes", "--out", dir.resolve("out"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("accuracy       SNN [0-9.]+ %, QANN [0-9.]+ %");
    assertThat(Files.readString(dir.resolve("out/per_step.csv"))).startsWith("t,agreement,accuracy,spikes,");
    JsonObject json = json(dir.resolve("out"));
    assertThat(json.getAsJsonObject("settings").get("reference").getAsString()).isEqualTo("labels (tensor 'classes')");
    JsonObject accuracy = json.getAsJsonObject("accuracy");
    assertThat(accuracy.get("snn").getAsDouble()).isEqualTo(accuracy.get("qann").getAsDouble());
  }

  @Test
  void theEnergyModelComesFromTheProfileAndTheFlags() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path profile = Files.writeString(dir.resolve("chip.json"),
        "{\"name\": \"test chip\", \"e_mac_pj\": 2.0, \"e_ac_pj\": 0.5}");

    Cli run = report(m, dir.resolve("out"), "--energy-profile", profile, "--e-ac", 0.25);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("energy model   test chip, set on the command line: E_MAC 2.0 pJ, E_AC 0.25 pJ");
    JsonObject json = json(dir.resolve("out"));
    JsonObject model = json.getAsJsonObject("energy_model");
    assertThat(model.get("e_mac_pj").getAsDouble()).isEqualTo(2.0);
    assertThat(model.get("e_ac_pj").getAsDouble()).isEqualTo(0.25);
    JsonObject totals = json.getAsJsonObject("totals");
    assertThat(totals.get("energy_pj").getAsDouble())
        .isEqualTo(totals.get("macs").getAsLong() * 2.0 + totals.get("acs").getAsLong() * 0.25);
  }

  /**
   * On the golden model, each quantizer's spikes in {@code report.json} are the original release's
   * positive and negative spikes of that quantizer (its sidecar's sums of {@code spikes_abs}), and the
   * totals are their sums.
   */
  @Test
  void theGoldenModelsSpikesAreTheReleases() throws Exception {
    Path out = dir.resolve("golden");

    Cli run = Cli.run("report", "--config", EXAMPLE.resolve("config.json"), "--checkpoint",
        EXAMPLE.resolve("qann_L16.safetensors"), "--input", EXAMPLE.resolve("input.safetensors"), "--out", out,
        "--max-steps", 256);

    assertThat(run.code()).as(run.err()).isZero();
    JsonObject sidecar = JsonParser.parseString(Files.readString(GOLDEN_SIDECAR)).getAsJsonObject();
    Map<String, JsonObject> golden = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : sidecar.getAsJsonObject("spike_counts").entrySet()) {
      JsonObject counts = e.getValue().getAsJsonObject();
      golden.put(counts.get("qann_path").getAsString(), counts);
    }
    JsonObject json = json(out);
    long pos = 0;
    long neg = 0;
    int matched = 0;
    for (JsonElement e : json.getAsJsonArray("layers")) {
      JsonObject layer = e.getAsJsonObject();
      JsonObject expected = golden.get(layer.get("name").getAsString());
      if (expected == null) {
        assertThat(layer.get("name").getAsString()).isEqualTo("head");
        continue;
      }
      assertThat(layer.get("spikes_pos").getAsLong()).as(layer.get("name").getAsString())
          .isEqualTo(expected.get("pos_spikes").getAsLong());
      assertThat(layer.get("spikes_neg").getAsLong()).as(layer.get("name").getAsString())
          .isEqualTo(expected.get("neg_spikes").getAsLong());
      assertThat(layer.get("spikes").getAsLong()).isEqualTo(expected.get("total_abs_spikes").getAsLong());
      assertThat(layer.get("neurons").getAsLong() * 4).isEqualTo(expected.get("neurons").getAsLong());
      pos += expected.get("pos_spikes").getAsLong();
      neg += expected.get("neg_spikes").getAsLong();
      matched++;
    }
    assertThat(matched).isEqualTo(golden.size()).isEqualTo(22);
    assertThat(json.getAsJsonObject("totals").get("spikes_pos").getAsLong()).isEqualTo(pos);
    assertThat(json.getAsJsonObject("totals").get("spikes_neg").getAsLong()).isEqualTo(neg);
    assertThat(json.getAsJsonObject("steps").get("max").getAsInt()).isEqualTo(21);
  }

  /** The README's worked example ("Energy and spike report") is what the command writes. */
  @Test
  void theReadmesWorkedExampleHolds() throws Exception {
    Path out = dir.resolve("example");

    Cli run = Cli.run("report", "--config", EXAMPLE.resolve("config.json"), "--checkpoint",
        EXAMPLE.resolve("qann_L16.safetensors"), "--input", EXAMPLE.resolve("input.safetensors"), "--out", out);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("energy         per sample: SNN 4.83 µJ, ANN 3.94 µJ, QANN 4.03 µJ (SNN/ANN 1.226)");
    List<String> rows = Files.readAllLines(out.resolve("layers.csv"));
    assertThat(rows.get(1)).startsWith("patch_embed.proj.1,768,2001,2005,4006,").endsWith(",7270,589824,4748,2719733.4");
    assertThat(rows.get(2)).startsWith("blocks.0.norm1.1,816,2775,2584,5359,").contains(",771696,");
    JsonObject baseline = json(out).getAsJsonObject("baseline");
    assertThat(baseline.getAsJsonObject("ann").get("macs_per_sample").getAsLong()).isEqualTo(855_714);
  }

  private Cli report(TinyQann m, Path out, Object... more) {
    Object[] head = {"report", "--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(),
        "--out", out};
    Object[] all = new Object[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return Cli.run(all);
  }

  private static JsonObject json(Path out) throws Exception {
    return JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
  }

  /** The same model and images, simulated here without the command line. */
  private static List<SampleResult> simulate(TinyQann m) throws Exception {
    SpikingVit snn = Converter.convert(QannCheckpoint.load(m.config(), m.checkpoint(), null, WeightPrecision.grid())
        .model()).network();
    List<double[]> images = SimulationInput.read(m.input(), TinyQann.CONFIG);
    return new Simulator(snn, Encoding.ANALOG, StopRule.quiescent(512)).runAll(images, 1, SimulationListener.NONE);
  }
}
