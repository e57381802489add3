package org.spikezip.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.TestResources;
import org.spikezip.io.TensorFile;
import org.spikezip.io.TensorFiles;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.CheckpointConfig;
import org.spikezip.model.CheckpointNaming;
import org.spikezip.model.VitConfig;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class CheckpointInspectionTest {
  private static final String QANN = "fixtures/golden_L16_qann_zip.pth";

  @TempDir Path dir;

  @Test
  void theReleaseStyleCheckpointNeedsItsHeadsAndLevel() throws Exception {
    try (TensorFile file = TensorFiles.open(TestResources.path(QANN))) {
      CheckpointInspection in = CheckpointInspection.of(file.store(), null, null, null);

      assertThat(in.tensorCount()).isEqualTo(54);
      assertThat(in.dtypes()).isEqualTo(Map.of("F32", 54));
      assertThat(in.naming().naming()).isEqualTo(CheckpointNaming.ORIGINAL_QANN);
      assertThat(in.architecture()).startsWith("ViT: 32x32 images, 3 channels, patch 8, dim 48, depth 2, mlp 96");
      assertThat(in.config()).isNull();
      assertThat(in.steps()).hasSize(22);
      assertThat(in.steps().get("blocks.0.attn.attn_quan.s")).isCloseTo(0.0303763, within(1e-7));
      assertThat(in.level()).isNull();
      assertThat(in.missing()).containsExactly(
          "the number of heads, which the tensor shapes do not show: give --heads H (or --config C)",
          "the level, which the checkpoint does not store: give --level L (the release's ImageNet checkpoints are"
              + " L = 32)");
    }
  }

  @Test
  void withHeadsAndLevelItIsReadyAndItsConfigIsTheGoldenOne() throws Exception {
    VitConfig golden = VitConfig.read(TestResources.path("golden/tiny_L16.json"));
    try (TensorFile file = TensorFiles.open(TestResources.path(QANN))) {
      CheckpointInspection in = CheckpointInspection.of(file.store(), null, 3, 16);

      assertThat(in.config()).isEqualTo(new CheckpointConfig(golden, CheckpointConfig.Origin.INFERRED));
      assertThat(in.level()).isEqualTo(16);
      assertThat(in.problems()).isEmpty();
      assertThat(in.unexpected()).isEmpty();
      assertThat(in.warnings()).isEmpty();
      assertThat(in.missing()).isEmpty();
    }
  }

  @Test
  void aFloatModelNeedsQuantizationAndNoLevel() throws Exception {
    try (TensorFile file = TensorFiles.open(TestResources.path("fixtures/golden_timm_mixed_legacy.pth"))) {
      CheckpointInspection in = CheckpointInspection.of(file.store(), null, 3, null);

      assertThat(in.dtypes()).isEqualTo(Map.of("F32", 24, "F16", 4, "BF16", 4));
      assertThat(in.naming().naming()).isEqualTo(CheckpointNaming.TIMM);
      assertThat(in.problems()).isEmpty();
      assertThat(in.missing()).containsExactly(
          "quantizer steps: this is a float model (no <quantizer>.s tensors); run QAT first");
    }
  }

  @Test
  void aBertEncoderIsDescribedAndNotConverted() throws Exception {
    Path bert = dir.resolve("model.safetensors");
    SafetensorsWriter.write(bert, Map.of(
        "embeddings.word_embeddings.weight", Tensor.wrap(Shape.of(30, 4), new double[120]),
        "encoder.layer.0.attention.self.query.weight", Tensor.wrap(Shape.of(4, 4), new double[16])));
    try (TensorFile file = TensorFiles.open(bert)) {
      CheckpointInspection in = CheckpointInspection.of(file.store(), null, null, null);

      assertThat(in.naming().naming()).isEqualTo(CheckpointNaming.BERT_ENCODER);
      assertThat(in.architecture()).isEqualTo(
          "BERT-family encoder: dim 4, 1 layers, intermediate ?, vocabulary 30, ? positions, ? token types");
      assertThat(in.missing()).singleElement().asString().endsWith("is a text encoder, which the ViT commands do"
          + " not read; use train/qat/eval with --dataset sentiment|imdb|tsv, or report --sentences");
    }
  }
}
