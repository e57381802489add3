package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class ImportCommandTest {
  @TempDir Path dir;

  @Test
  void anImportedReleaseCheckpointSimulatesWithoutConfigOrLevel() throws Exception {
    Path model = dir.resolve("models/golden.safetensors");

    Cli imported = Cli.run("import", GoldenFiles.pth(), "-o", model, "--heads", GoldenFiles.HEADS,
        "--level", GoldenFiles.LEVEL);

    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.err()).isEmpty();
    assertThat(imported.out())
        .contains("model    QANN, original QANN naming")
        .contains("config   {\"img_size\":32,\"patch_size\":8,\"in_chans\":3,\"embed_dim\":48,\"depth\":2,\"num_heads\":3,")
        .contains("(inferred from the tensor shapes)")
        .contains("level    16")
        .contains("tensors  54")
        .containsPattern("source   .*tiny_L16_qann_zip\\.pth, sha256 [0-9a-f]{64}")
        .contains("wrote    " + model);
    try (SafetensorsReader r = SafetensorsReader.open(model)) {
      assertThat(r.metadata()).containsEntry("source", "tiny_L16_qann_zip.pth").containsEntry("level", "16");
    }

    Path out = dir.resolve("out.safetensors");
    Cli run = Cli.run("simulate", "--checkpoint", model, "--input", GoldenFiles.expected(), "--output", out);

    assertThat(run.code()).as(run.err()).isZero();
    SimulatePthTest.assertMatchesGolden(out);
  }

  @Test
  void withoutALevelItWarnsAndTheLevelIsAskedForLater() throws Exception {
    Path model = dir.resolve("golden.safetensors");

    Cli imported = Cli.run("import", GoldenFiles.pth(), "--output", model, "--config", GoldenFiles.config());
    Cli inspected = Cli.run("inspect", model);

    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.err()).isEqualTo("spikezip: warning: the level is not known, so it is not recorded: give"
        + " --level when you use the file" + System.lineSeparator());
    assertThat(imported.out()).contains("level    not known (not recorded)").contains("(given)");
    assertThat(inspected.out()).contains("config        stored in the checkpoint: 3 heads")
        .contains("conversion    needs").contains("- the level, which the checkpoint does not store");
  }

  @Test
  void aHeadlessCheckpointIsAnInputErrorThatNamesWhatIsMissing() throws Exception {
    Path headless = dir.resolve("headless.safetensors");
    TinyQann m = TinyQann.write(dir);
    try (SafetensorsReader r = SafetensorsReader.open(m.checkpoint())) {
      Map<String, Tensor> t = new java.util.LinkedHashMap<>();
      for (String name : r.names()) {
        if (!name.startsWith("head.")) {
          t.put(name, r.tensor(name));
        }
      }
      SafetensorsWriter.write(headless, t);
    }

    Cli run = Cli.run("import", headless, "-o", dir.resolve("out.safetensors"), "--heads", 2);

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines()[0]).isEqualTo("spikezip: error: " + headless
        + ": cannot infer the ViT's shape: missing 'head.weight'");
    assertThat(Files.exists(dir.resolve("out.safetensors"))).isFalse();
  }

  @Test
  void anEncoderOrAGlobalPoolViTIsAnUnsupportedModel() throws Exception {
    Path bert = dir.resolve("model.safetensors");
    SafetensorsWriter.write(bert, Map.of("roberta.embeddings.word_embeddings.weight",
        Tensor.wrap(Shape.of(3, 2), new double[6])));
    TinyQann m = TinyQann.write(dir);
    Path pooled = dir.resolve("pooled.safetensors");
    try (SafetensorsReader r = SafetensorsReader.open(m.checkpoint())) {
      Map<String, Tensor> t = new java.util.LinkedHashMap<>();
      for (String name : r.names()) {
        t.put(name, r.tensor(name));
      }
      t.put("fc_norm.weight", Tensor.wrap(Shape.of(8), new double[8]));
      SafetensorsWriter.write(pooled, t);
    }

    Cli encoder = Cli.run("import", bert, "-o", dir.resolve("a.safetensors"));
    Cli globalPool = Cli.run("import", pooled, "-o", dir.resolve("b.safetensors"), "--heads", 2);

    assertThat(encoder.code()).isEqualTo(4);
    assertThat(encoder.errLines()[0]).isEqualTo("spikezip: error: " + bert + ": a Hugging Face BERT-family encoder"
        + " (embeddings.word_embeddings, encoder.layer.N.attention.self.query, ...) is a text encoder, which the ViT"
        + " commands do not read; use train/qat/eval with --dataset sentiment|imdb|tsv, or report --sentences");
    assertThat(globalPool.code()).isEqualTo(4);
    assertThat(globalPool.errLines()[0]).startsWith("spikezip: error: global_pool");
  }
}
