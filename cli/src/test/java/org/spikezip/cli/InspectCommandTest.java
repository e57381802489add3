package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class InspectCommandTest {
  @TempDir Path dir;

  @Test
  void showsLayersQuantizersAndSize() throws Exception {
    TinyQann m = TinyQann.write(dir);

    Cli run = Cli.run("inspect", "--config", m.config(), "--checkpoint", m.checkpoint());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("model       ViT: 8x8 images, 3 channels, patch 4, dim 8, depth 2, 2 heads, mlp 16, 3 classes")
        .contains("parameters  " + String.format("%,d", TinyQann.CONFIG.parameterCount()))
        .contains("level       16")
        .contains("weights     grid")
        .containsPattern("blocks\\.1\\.mlp\\.fc1 +Linear +8 -> 16, weight scale ")
        .contains("quantizers (22)")
        .containsPattern("blocks\\.1\\.attn\\.quan_q +[0-9.e+-]+ +yes +\\[-8, 7\\]")
        .containsPattern("blocks\\.0\\.attn\\.attn_quan +[0-9.e+-]+ +no +\\[0, 15\\]");
  }

  @Test
  void anSnnFileShowsTheSameQuantizersAsItsQann() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path snn = dir.resolve("snn.safetensors");
    assertThat(Cli.run("convert", "--config", m.config(), "--checkpoint", m.checkpoint(), "--output", snn).code())
        .isZero();

    Cli fromQann = Cli.run("inspect", "--config", m.config(), "--checkpoint", m.checkpoint());
    Cli fromSnn = Cli.run("inspect", "--snn", snn);

    assertThat(fromSnn.code()).as(fromSnn.err()).isZero();
    assertThat(fromSnn.out()).startsWith("source      SNN file " + snn);
    assertThat(fromSnn.out().substring(fromSnn.out().indexOf("model")))
        .isEqualTo(fromQann.out().substring(fromQann.out().indexOf("model")));
  }

  @Test
  void aReleaseCheckpointShowsItsWrapperArchitectureStepsAndWhatItLacks() {
    Cli run = Cli.run("inspect", GoldenFiles.pth());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("format        PyTorch checkpoint: torch.save zip archive, state dict under 'model'")
        .contains("tensors       54, 194,624 bytes (F32 54)")
        .containsPattern("other entries optimizer: \\{'state': ")
        .containsPattern("\\n {14}args: argparse.Namespace\\(model='vit_tiny_golden', input_size=32, ")
        .contains("naming        SpikeZIP-TF QANN (timm names, quantized modules wrapped")
        .contains("architecture  ViT: 32x32 images, 3 channels, patch 8, dim 48, depth 2, mlp 96, 10 classes,"
            + " qkv bias, cls-token head")
        .contains("steps         22 quantizer steps (<quantizer>.s)")
        .containsPattern("  blocks\\.0\\.attn\\.attn_quan\\.s +0\\.03037")
        .contains("level         not known")
        .contains("conversion    needs")
        .contains("- the number of heads, which the tensor shapes do not show: give --heads H (or --config C)")
        .contains("- the level, which the checkpoint does not store: give --level L")
        .doesNotContain("layers");
  }

  @Test
  void withHeadsAndLevelTheCheckpointIsReadyAndShownAsAModel() {
    Cli run = Cli.run("inspect", GoldenFiles.pth(), "--heads", GoldenFiles.HEADS, "--level", GoldenFiles.LEVEL);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("config        inferred from the tensor shapes: 3 heads, LayerNorm eps 1.0E-6, relu")
        .contains("steps         22 of 22 quantizer steps (<quantizer>.s)")
        .contains("conversion    ready: spikezip simulate --checkpoint " + GoldenFiles.pth() + " --heads 3 --level 16"
            + " --input IN --output OUT")
        .contains("source      QANN checkpoint " + GoldenFiles.pth())
        .contains("model       ViT: 32x32 images, 3 channels, patch 8, dim 48, depth 2, 3 heads, mlp 96, 10 classes")
        .contains("quantizers (22)")
        .doesNotContain("  blocks.0.attn.attn_quan.s ");
  }

  @Test
  void missingAndUnexpectedTensorsAreListedOneByOne() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Map<String, Tensor> t = new LinkedHashMap<>();
    try (SafetensorsReader r = SafetensorsReader.open(m.checkpoint())) {
      for (String name : r.names()) {
        t.put(name, r.tensor(name));
      }
    }
    t.remove("blocks.0.mlp.fc1.bias");
    t.remove("blocks.1.attn.quan_v.s");
    t.put("head.weight", Tensor.wrap(Shape.of(3, 7), new double[21]));
    t.put("fc_norm.bias", Tensor.wrap(Shape.of(8), new double[8]));
    Path broken = dir.resolve("broken.safetensors");
    SafetensorsWriter.write(broken, t, Map.of("level", "16"));

    Cli run = Cli.run("inspect", broken, "--config", m.config());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("problems      missing 'blocks.0.mlp.fc1.bias', expected [16]\n"
            + "              'head.weight' has shape [3, 7], expected [3, 8]\n"
            + "              missing 'blocks.1.attn.quan_v.s', expected a scalar\n")
        .contains("unexpected    'fc_norm.bias' [8]\n")
        .contains("steps         21 of 22 quantizer steps")
        .contains("level         16")
        .contains("- the 3 missing or mis-shaped tensor(s) listed under problems");
  }

  @Test
  void aFileAndAnotherModelOptionAreAUsageError() throws Exception {
    TinyQann m = TinyQann.write(dir);

    Cli both = Cli.run("inspect", m.checkpoint(), "--checkpoint", m.checkpoint());
    Cli none = Cli.run("inspect");

    assertThat(both.code()).isEqualTo(2);
    assertThat(both.errLines()[0]).isEqualTo("spikezip: error: give FILE or --checkpoint, not both");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.errLines()[0]).isEqualTo("spikezip: error: missing FILE, --checkpoint Q or --snn FILE");
  }

  @Test
  void aFileOfNoKnownFormatIsAnInputError() throws Exception {
    Path text = java.nio.file.Files.writeString(dir.resolve("model.pth"), "hello");

    Cli run = Cli.run("inspect", text);

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLines()[0]).startsWith("spikezip: error: " + text + ": not a tensor file: neither safetensors");
  }
}
