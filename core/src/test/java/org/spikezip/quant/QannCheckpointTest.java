package org.spikezip.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.Activation;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitCheckpoint;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.model.WeightNaming;
import org.spikezip.tensor.Tensor;

class QannCheckpointTest {
  private static final VitConfig CONFIG = RandomVits.config(8, 4, 8, 2, 2, 2.0, 3);
  private static final VitWeights WEIGHTS = RandomVits.weights(CONFIG, 7);
  private static final QuantizerSteps STEPS = StepCalibrator.calibrate(WEIGHTS, 8, RandomVits.images(CONFIG, 2, 8));

  @TempDir Path dir;

  @Test
  void writtenCheckpointLoadsAsTheSameQannInEitherNaming() throws Exception {
    QuantizedVit direct = QuantizedVit.build(WEIGHTS, STEPS, 8, WeightPrecision.grid());
    double[] image = RandomVits.images(CONFIG, 1, 9).get(0);
    QannResult expected = new QannForward(direct).forward(image);
    for (WeightNaming naming : WeightNaming.values()) {
      Path file = dir.resolve(naming + ".safetensors");
      QannCheckpoint.write(file, WEIGHTS, STEPS, 8, naming);

      QannCheckpoint loaded = QannCheckpoint.load(config(CONFIG), file, null, WeightPrecision.grid());

      assertThat(loaded.model().level()).isEqualTo(8);
      assertThat(loaded.warnings()).isEmpty();
      QannResult actual = new QannForward(loaded.model()).forward(image);
      assertThat(actual.logits()).as(naming.name()).isEqualTo(expected.logits());
      assertThat(actual.codes().keySet()).isEqualTo(expected.codes().keySet());
      expected.codes().forEach((name, codes) -> assertThat(actual.codes().get(name)).as(name).isEqualTo(codes));
    }
  }

  @Test
  void aGivenLevelMustMatchTheStoredOne() throws Exception {
    Path file = dir.resolve("q.safetensors");
    QannCheckpoint.write(file, WEIGHTS, STEPS, 8, WeightNaming.ORIGINAL_QANN);

    assertThat(QannCheckpoint.load(config(CONFIG), file, 8, WeightPrecision.grid()).model().level()).isEqualTo(8);
    assertThatThrownBy(() -> QannCheckpoint.load(config(CONFIG), file, 16, WeightPrecision.grid()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("level 16 was asked for, but " + file + " stores level 8");
  }

  @Test
  void withoutAStoredLevelTheCallerMustGiveOne() throws Exception {
    Path file = dir.resolve("nolevel.safetensors");
    SafetensorsWriter.write(file, tensors());

    assertThat(QannCheckpoint.load(config(CONFIG), file, 4, WeightPrecision.grid()).model().level()).isEqualTo(4);
    assertThatThrownBy(() -> QannCheckpoint.load(config(CONFIG), file, null, WeightPrecision.grid()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the level is not stored in " + file + "; pass --level L");
    assertThatThrownBy(() -> QannCheckpoint.load(config(CONFIG), file, 7, WeightPrecision.grid()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("requested level 7 is not an even number from 2 to 65536");
  }

  @Test
  void aStoredLevelThatIsNoNumberIsMalformed() throws Exception {
    Path file = dir.resolve("badlevel.safetensors");
    SafetensorsWriter.write(file, tensors(), Map.of("level", "sixteen"));

    assertThatThrownBy(() -> QannCheckpoint.load(config(CONFIG), file, null, WeightPrecision.grid()))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessage(file + ": metadata 'level' is 'sixteen', expected a whole number");
  }

  @Test
  void aMissingStepIsNamed() throws Exception {
    Map<String, Tensor> t = tensors();
    t.remove("blocks.1.attn.quan_q.s");
    Path file = dir.resolve("nostep.safetensors");
    SafetensorsWriter.write(file, t, Map.of("level", "8"));

    assertThatThrownBy(() -> QannCheckpoint.load(config(CONFIG), file, null, WeightPrecision.grid()))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessageStartingWith(file + ": no tensor named 'blocks.1.attn.quan_q.s'; nearest names present: ")
        .hasMessageEndingWith("(a QANN checkpoint needs every quantizer's step)");
  }

  @Test
  void aGeluModelIsRefusedBeforeItsWeightsAreRead() throws Exception {
    VitConfig gelu = new VitConfig(8, 4, 3, 8, 2, 2, 2.0, 3, true, 1e-6, Activation.GELU, false);
    Path empty = dir.resolve("empty.safetensors");
    SafetensorsWriter.write(empty, Map.of());

    assertThatThrownBy(() -> QannCheckpoint.load(config(gelu), empty, 8, WeightPrecision.grid()))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessageContaining("MLP activation GELU");
  }

  @Test
  void tensorsTheConfigDoesNotUseGiveAWarning() throws Exception {
    Path file = dir.resolve("deeper.safetensors");
    QannCheckpoint.write(file, WEIGHTS, STEPS, 8, WeightNaming.TIMM);
    VitConfig shallower = RandomVits.config(8, 4, 8, 1, 2, 2.0, 3);

    QannCheckpoint loaded = QannCheckpoint.load(config(shallower), file, null, WeightPrecision.grid());

    assertThat(loaded.model().blocks()).hasSize(1);
    // Block 1's 12 weight tensors and 10 steps.
    assertThat(loaded.warnings()).singleElement().asString()
        .startsWith(file + ": 22 tensor(s) not used by this model: blocks.1.norm1.weight, blocks.1.norm1.bias, ")
        .endsWith(", ... (does the config match the checkpoint?)");
  }

  @Test
  void aMissingConfigFileIsNamed() {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> QannCheckpoint.load(missing, dir.resolve("q.safetensors"), 8, WeightPrecision.grid()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(missing + ": no such file");
  }

  private static Map<String, Tensor> tensors() {
    Map<String, Tensor> t = new LinkedHashMap<>(VitCheckpoint.tensors(WEIGHTS, WeightNaming.ORIGINAL_QANN));
    STEPS.steps().forEach((name, s) -> t.put(name + ".s", Tensor.scalar(s)));
    return t;
  }

  private Path config(VitConfig c) throws IOException {
    return Files.writeString(dir.resolve("config-" + c.depth() + c.activation() + ".json"), c.toJson());
  }
}
