package org.spikezip.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.energy.DenseOpCount;
import org.spikezip.energy.EnergyAccounting;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.RandomEncoders;
import org.spikezip.quant.EncoderQannForward;
import org.spikezip.quant.EncoderStepCalibrator;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.sim.EncoderSimulator;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.StopRule;

/** A report of a tiny random text encoder run on three sentences of different lengths. */
class EncoderReportTest {
  /** d = 8, 1 layer, 2 heads, m = 12, 2 classes. */
  private static final EncoderConfig CONFIG = RandomEncoders.config(30, 12, 8, 1, 2, 12, 2);
  private static final int LEVEL = 8;

  @TempDir Path dir;

  @Test
  void writesEveryFileWithTheEncodersLayersAndBaseline() throws Exception {
    List<EncoderInput> sentences = new ArrayList<>();
    int[][] lengths = {{4, 4}, {7, 5}, {9, 9}};
    for (int i = 0; i < lengths.length; i++) {
      sentences.add(EncoderInput.of(RandomEncoders.tokens(CONFIG, lengths[i][0], new Random(i)),
          RandomEncoders.mask(lengths[i][0], lengths[i][1])));
    }
    EncoderWeights w = RandomEncoders.weights(CONFIG, 3);
    QuantizedEncoder qann = QuantizedEncoder.build(w, EncoderStepCalibrator.calibrate(w, LEVEL, sentences), LEVEL,
        WeightPrecision.grid());
    List<SampleResult> snn = new EncoderSimulator(SpikingEncoder.convert(qann), StopRule.quiescent(10_000))
        .withoutNeuronDetail().runAll(sentences, 2);
    EncoderQannForward reference = new EncoderQannForward(qann);
    int[] predictions = sentences.stream().mapToInt(s -> reference.forward(s).predictedClass()).toArray();
    List<DenseOpCount> dense = sentences.stream().map(s -> DenseOpCount.of(CONFIG, s.length())).toList();
    EnergyReport r = EnergyAccounting.account(snn, dense, EnergyModel.DEFAULT, predictions, Optional.empty());

    List<Path> written = ReportWriter.write(dir, r, ReportSettings.forEncoder("test", "random encoder",
        CONFIG, LEVEL, "grid", "three sentences", "analog", 10_000, 2,
        "the QANN's predictions (no labels)", List.of()));

    assertThat(written).hasSize(8).allMatch(Files::isRegularFile);
    JsonObject json = JsonParser.parseString(Files.readString(dir.resolve(ReportWriter.JSON), StandardCharsets.UTF_8))
        .getAsJsonObject();
    JsonObject settings = json.getAsJsonObject("settings");
    assertThat(settings.get("samples").getAsInt()).isEqualTo(3);
    assertThat(settings.get("architecture").getAsString()).isEqualTo("encoder");
    assertThat(settings.getAsJsonObject("config").get("hidden_size").getAsInt()).isEqualTo(8);
    assertThat(settings.getAsJsonObject("config").get("model_type").getAsString()).isEqualTo("bert");
    List<String> expected = new ArrayList<>(List.of(EncoderSite.EMBEDDINGS));
    for (EncoderSite s : EncoderSite.values()) {
      expected.add(s.name(0));
    }
    expected.add(DenseOpCount.HEAD);
    assertThat(names(json.getAsJsonArray("layers"))).containsExactlyElementsOf(expected);
    JsonObject baseline = json.getAsJsonObject("baseline");
    assertThat(names(baseline.getAsJsonArray("layers_per_sample"))).containsExactlyElementsOf(expected);
    long annMacs = dense.stream().mapToLong(DenseOpCount::annMacs).sum();
    assertThat(baseline.getAsJsonObject("ann").get("macs").getAsLong()).isEqualTo(annMacs);
    assertThat(baseline.getAsJsonObject("ann").get("macs_per_sample").getAsDouble()).isEqualTo(annMacs / 3.0);
    assertThat(json.getAsJsonObject("accuracy").get("snn_agreement_with_qann").getAsDouble()).isEqualTo(1.0);
    assertThat(Files.readString(dir.resolve(ReportWriter.HTML), StandardCharsets.UTF_8))
        .contains("<td><code>attention.self.attn_quan</code></td>").contains("3·d + 1 = 25");
  }

  private static List<String> names(JsonArray layers) {
    List<String> names = new ArrayList<>();
    for (JsonElement e : layers) {
      names.add(e.getAsJsonObject().get("name").getAsString());
    }
    return names;
  }
}
