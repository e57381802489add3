package org.spikezip.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.TestResources;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.io.TensorFile;
import org.spikezip.io.TensorFiles;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.CheckpointConfig;
import org.spikezip.model.VitConfig;
import org.spikezip.model.WeightNaming;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class CheckpointImportTest {
  @TempDir Path dir;

  @Test
  void anImportedReleaseCheckpointLoadsWithoutConfigOrLevelAsTheGoldenQann() throws Exception {
    Path pth = TestResources.path("fixtures/golden_L16_qann_zip.pth");
    Path golden = TestResources.path("golden/tiny_L16_qann_state.safetensors");
    Path json = TestResources.path("golden/tiny_L16.json");
    Path out = dir.resolve("imported.safetensors");

    CheckpointImport imported = CheckpointImport.read(pth, null, 3, 16);
    imported.write(out);

    assertThat(imported.quantized()).isTrue();
    assertThat(imported.naming()).isEqualTo(WeightNaming.ORIGINAL_QANN);
    assertThat(imported.level()).isEqualTo(16);
    assertThat(imported.warnings()).isEmpty();
    try (SafetensorsReader written = SafetensorsReader.open(out);
        SafetensorsReader state = SafetensorsReader.open(golden)) {
      assertThat(written.metadata()).containsEntry("level", "16")
          .containsEntry("config", VitConfig.read(json).toJson())
          .containsEntry("source", "golden_L16_qann_zip.pth")
          .containsEntry("source_format", "PyTorch checkpoint")
          .containsEntry("source_sha256", sha256(pth));
      assertThat(written.names()).containsExactlyInAnyOrderElementsOf(state.names());
      for (String name : state.names()) {
        assertThat(written.dtype(name)).as(name).isEqualTo(DType.F32);
        assertThat(written.tensor(name).data()).as(name).isEqualTo(state.tensor(name).data());
      }
    }
    QuantizedVit fromImport = QannCheckpoint.load(null, null, out, null, WeightPrecision.grid()).model();
    QuantizedVit fromGolden = QannCheckpoint.load(json, null, golden, null, WeightPrecision.grid()).model();
    double[] image = new double[fromGolden.config().patchVolume() * fromGolden.config().numPatches()];
    for (int i = 0; i < image.length; i++) {
      image[i] = Math.sin(i);
    }
    assertThat(new QannForward(fromImport).forward(image).logits())
        .isEqualTo(new QannForward(fromGolden).forward(image).logits());
  }

  @Test
  void withoutALevelTheQannIsImportedWithoutOneAndAWarning() throws Exception {
    CheckpointImport imported = CheckpointImport.read(TestResources.path("fixtures/golden_L16_qann_legacy.pth"),
        null, 3, null);

    assertThat(imported.level()).isNull();
    assertThat(imported.metadata()).doesNotContainKey("level");
    assertThat(imported.warnings()).containsExactly(
        "the level is not known, so it is not recorded: give --level when you use the file");
  }

  @Test
  void aFloatModelIsImportedInTimmNamingWithItsRoundedValues() throws Exception {
    Path pth = TestResources.path("fixtures/golden_timm_mixed_zip.pth");
    CheckpointImport imported = CheckpointImport.read(pth, null, 3, null);

    assertThat(imported.quantized()).isFalse();
    assertThat(imported.naming()).isEqualTo(WeightNaming.TIMM);
    assertThat(imported.config().origin()).isEqualTo(CheckpointConfig.Origin.INFERRED);
    assertThat(imported.metadata()).doesNotContainKey("level");
    try (TensorFile source = TensorFiles.open(pth)) {
      assertThat(imported.tensors().keySet()).containsExactlyElementsOf(source.store().names());
      for (String name : source.store().names()) {
        assertThat(imported.tensors().get(name).dtype()).as(name).isEqualTo(DType.F32);
        assertThat(imported.tensors().get(name).data()).as(name).isEqualTo(source.store().tensor(name).data());
      }
    }
  }

  @Test
  void everyMisfitTensorIsNamedAndNothingIsWritten() throws Exception {
    Map<String, Tensor> t = new LinkedHashMap<>();
    try (SafetensorsReader state = SafetensorsReader.open(TestResources.path("golden/tiny_L16_qann_state.safetensors"))) {
      for (String name : state.names()) {
        t.put(name, state.tensor(name));
      }
    }
    t.remove("blocks.1.attn.proj.bias");
    t.remove("blocks.0.attn.quan_k.s");
    t.put("norm.0.weight", Tensor.wrap(Shape.of(47), new double[47]));
    Path file = dir.resolve("broken.safetensors");
    SafetensorsWriter.write(file, t);

    assertThatThrownBy(() -> CheckpointImport.read(file, null, 3, 16))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessage(file + ": 3 tensor(s) do not fit a ViT with embed_dim 48, depth 2, mlp 96, 17 tokens, 10 classes:"
            + " missing 'blocks.1.attn.proj.bias', expected [48]; 'norm.0.weight' has shape [47], expected [48];"
            + " missing 'blocks.0.attn.quan_k.s', expected a scalar");
  }

  @Test
  void anEncoderIsRefusedAsUnsupported() throws Exception {
    Path bert = dir.resolve("pytorch_model.safetensors");
    SafetensorsWriter.write(bert, Map.of("bert.embeddings.word_embeddings.weight",
        Tensor.wrap(Shape.of(3, 2), new double[6])));

    assertThatThrownBy(() -> CheckpointImport.read(bert, null, null, null))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessageContaining("BERT-family encoder");
    assertThat(List.of(dir.toFile().list())).containsExactly("pytorch_model.safetensors");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
