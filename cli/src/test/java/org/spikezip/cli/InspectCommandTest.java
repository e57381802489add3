package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
