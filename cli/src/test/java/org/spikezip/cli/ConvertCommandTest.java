package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.io.safetensors.SafetensorsReader;

class ConvertCommandTest {
  @TempDir Path dir;

  @Test
  void aConvertedSnnSimulatesExactlyAsTheQann() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path snn = dir.resolve("snn.safetensors");

    Cli convert = Cli.run("convert", "--config", m.config(), "--checkpoint", m.checkpoint(), "--output", snn);

    assertThat(convert.code()).as(convert.err()).isZero();
    assertThat(convert.out())
        .contains("blocks.1.attn.quan_q -> ST-BIF+ [5x8], threshold ")
        .contains("neurons: ")
        .contains("wrote " + snn);

    Path fromQann = dir.resolve("from-qann.safetensors");
    Path fromSnn = dir.resolve("from-snn.safetensors");
    assertThat(Cli.run("simulate", "--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(),
        "--output", fromQann).code()).isZero();
    Cli simulate = Cli.run("simulate", "--snn", snn, "--input", m.input(), "--output", fromSnn);

    assertThat(simulate.code()).as(simulate.err()).isZero();
    assertThat(simulate.out()).contains("SNN file " + snn).contains("3 of 3 samples (100.00 %)");
    try (SafetensorsReader a = SafetensorsReader.open(fromQann); SafetensorsReader b = SafetensorsReader.open(fromSnn)) {
      for (String name : a.names()) {
        assertThat(b.tensor(name).shape()).as(name).isEqualTo(a.tensor(name).shape());
        assertThat(b.tensor(name).data()).as(name).isEqualTo(a.tensor(name).data());
      }
    }
  }

  @Test
  void integerWeightsTravelWithTheSnnFile() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path snn = dir.resolve("snn.safetensors");

    assertThat(Cli.run("convert", "--config", m.config(), "--checkpoint", m.checkpoint(), "--weights", "int8",
        "--output", snn).code()).isZero();
    Cli inspect = Cli.run("inspect", "--snn", snn);

    assertThat(inspect.code()).as(inspect.err()).isZero();
    assertThat(inspect.out()).contains("weights     int8");
  }
}
