package org.spikezip.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.Normalization;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.QuantizerSteps;

/**
 * QAT on a small random ViT, checkpoint written and read back, then the core's QANN
 * ({@code QuantizedVit.build} + {@code QannForward}) and the DJL QANN compared on it: the same
 * predictions, logits within float32 rounding, the same codes (float32: nearly all; float64: all).
 */
class QannAgreementTest {

  @ParameterizedTest(name = "weight bits {0}")
  @ValueSource(ints = {0, 8})
  void coreAndDjlAgreeOnTheCheckpoint(int weightBits, @TempDir Path dir) throws Exception {
    VitConfig config = RandomVits.config(16, 4, 32, 2, 4, 2, 10);
    ImageDataset data = TinyData.noise(24, 16, 10, 5);
    QatOptions options = QatOptions.builder().optLevel(16).optWeightBits(weightBits).optBatchSize(8)
        .optLearningRate(1e-3).build();
    QatResult qat = QatTrainer.run(RandomVits.weights(config, 11), data, null, options, TrainingListener.NONE);
    assertThat(qat.epochs()).hasSize(1);

    Path file = dir.resolve("qann.safetensors");
    CheckpointFiles.saveQann(file, qat);
    QannState checkpoint = CheckpointFiles.loadQann(file);
    assertThat(checkpoint.level()).isEqualTo(16);
    assertThat(checkpoint.weightBits()).isEqualTo(weightBits);
    assertThat(checkpoint.steps().steps().keySet()).containsExactlyElementsOf(QuantizerSteps.names(config));
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      QannCheckpoint cli = QannCheckpoint.load(config, store, null, checkpoint.precision());
      assertThat(cli.warnings()).as("the command line's loader uses every tensor").isEmpty();
      assertThat(cli.model().level()).isEqualTo(16);
      assertThat(cli.model().precision()).isEqualTo(checkpoint.precision());
    }

    List<double[]> images = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      images.add(data.image(i, Normalization.HALF));
    }
    AgreementReport f32 = QannAgreement.compare(checkpoint, images, DataType.FLOAT32);
    assertThat(f32.samePredictions()).as("float32: same predictions, %s", f32).isEqualTo(images.size());
    assertThat((double) f32.differingCodes() / f32.codes()).as("float32: fraction of differing codes, %s", f32)
        .isLessThan(1e-3);
    if (f32.differingCodes() == 0) {
      assertThat(f32.maxAbsLogitDifference()).as("float32 logits, %s", f32)
          .isLessThan(1e-5 * Math.max(1, f32.maxLogitMagnitude()));
    }

    AgreementReport f64 = QannAgreement.compare(checkpoint, images, DataType.FLOAT64);
    assertThat(f64.differingCodes()).as("float64: differing codes, %s", f64).isZero();
    assertThat(f64.samePredictions()).isEqualTo(images.size());
    assertThat(f64.maxAbsLogitDifference()).as("float64 logits, %s", f64)
        .isLessThan(1e-9 * Math.max(1, f64.maxLogitMagnitude()));
  }
}
