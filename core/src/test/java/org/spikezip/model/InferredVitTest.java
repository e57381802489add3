package org.spikezip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.TestResources;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.io.TensorFile;
import org.spikezip.io.TensorFiles;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class InferredVitTest {
  @TempDir Path dir;

  @Test
  void theGoldenCheckpointShowsTheGoldenConfigButForTheHeads() throws Exception {
    VitConfig golden = VitConfig.read(TestResources.path("golden/tiny_L16.json"));
    for (String file : new String[] {"fixtures/golden_L16_qann_zip.pth", "fixtures/golden_timm_mixed_legacy.pth"}) {
      try (TensorFile pth = TensorFiles.open(TestResources.path(file))) {
        WeightNaming naming = NamingMatch.requireVit(pth.store());
        InferredVit inferred = InferredVit.infer(pth.store(), naming);

        assertThat(inferred.config(golden.numHeads())).as(file).isEqualTo(golden);
        assertThat(inferred.describe()).isEqualTo("ViT: 32x32 images, 3 channels, patch 8, dim 48, depth 2, mlp 96,"
            + " 10 classes, qkv bias, cls-token head");
        assertThatThrownBy(() -> inferred.config(5)).isInstanceOf(InvalidInputException.class)
            .hasMessage("the config inferred from the tensor shapes is not valid: num_heads must divide embed_dim,"
                + " got embed_dim 48 and num_heads 5");
      }
    }
  }

  @Test
  void aRandomTimmCheckpointInfersItsOwnConfig() throws Exception {
    VitConfig config = new VitConfig(12, 4, 2, 12, 3, 3, 3.0, 7, false, 1e-6, Activation.RELU, false);
    Path file = dir.resolve("timm.safetensors");
    SafetensorsWriter.write(file, VitCheckpoint.tensors(RandomVits.weights(config, 3), WeightNaming.TIMM));
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      assertThat(InferredVit.infer(store, WeightNaming.TIMM).config(3)).isEqualTo(config);
      assertThat(CheckpointConfig.resolve(null, 3, store, WeightNaming.TIMM))
          .isEqualTo(new CheckpointConfig(config, CheckpointConfig.Origin.INFERRED));
    }
  }

  @Test
  void anFcNormMarksAGlobalPoolModel() throws Exception {
    Map<String, Tensor> t = timm();
    t.put("fc_norm.weight", zeros(8));
    try (SafetensorsReader store = SafetensorsReader.open(write(t))) {
      InferredVit inferred = InferredVit.infer(store, WeightNaming.TIMM);
      assertThat(inferred.globalPool()).isTrue();
      assertThat(inferred.describe()).endsWith("mean-pooled head (fc_norm)");
    }
  }

  @Test
  void aPositionEmbeddingWithoutClsSlotIsUnsupported() throws Exception {
    Map<String, Tensor> t = timm();
    t.put("pos_embed", zeros(1, 4, 8));
    Path file = write(t);
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      assertThatThrownBy(() -> InferredVit.infer(store, WeightNaming.TIMM))
          .isInstanceOf(UnsupportedModelException.class)
          .hasMessage(file + ": 'pos_embed' holds 4 tokens, a square number: a ViT without a cls token, which"
              + " SpikeZIP-TF does not convert");
    }
  }

  @Test
  void missingShapeTensorsAreAllNamed() throws Exception {
    Map<String, Tensor> t = timm();
    t.remove("head.weight");
    t.remove("pos_embed");
    Path file = write(t);
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      assertThatThrownBy(() -> InferredVit.infer(store, WeightNaming.TIMM))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessage(file + ": cannot infer the ViT's shape: missing 'pos_embed', 'head.weight'");
    }
  }

  @Test
  void aStoredConfigWinsOverTheShapesAndMustAgreeWithTheHeads() throws Exception {
    VitConfig config = RandomVits.config(8, 4, 8, 1, 2, 2.0, 10);
    Path file = dir.resolve("stored.safetensors");
    SafetensorsWriter.write(file, VitCheckpoint.tensors(RandomVits.weights(config, 4), WeightNaming.TIMM),
        Map.of(CheckpointConfig.METADATA_KEY, config.toJson()));
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      assertThat(CheckpointConfig.resolve(null, null, store, WeightNaming.TIMM))
          .isEqualTo(new CheckpointConfig(config, CheckpointConfig.Origin.STORED));
      assertThatThrownBy(() -> CheckpointConfig.resolve(null, 4, store, WeightNaming.TIMM))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("--heads 4 differs from num_heads 2 of " + file + "'s stored config");
    }
  }

  /** A depth-1 timm ViT: dim 8, patch 4, image 8, mlp 16, 10 classes. */
  private static Map<String, Tensor> timm() {
    return new LinkedHashMap<>(VitCheckpoint.tensors(
        RandomVits.weights(RandomVits.config(8, 4, 8, 1, 2, 2.0, 10), 5), WeightNaming.TIMM));
  }

  private static Tensor zeros(int... dims) {
    return Tensor.wrap(Shape.of(dims), new double[Shape.of(dims).size()]);
  }

  private Path write(Map<String, Tensor> tensors) throws Exception {
    Path file = dir.resolve("vit.safetensors");
    SafetensorsWriter.write(file, tensors);
    return file;
  }
}
