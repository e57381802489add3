package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikezip.tensor.Tensor;

/** {@code simulate} on the PyTorch checkpoint of the golden model gives the release's golden outputs. */
class SimulatePthTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "config from {0}")
  @ValueSource(strings = {"--heads", "--config"})
  void givesTheGoldenQannLogitsAndSnnOutputsPerStep(String configOption) throws Exception {
    Path out = dir.resolve("out.safetensors");
    Object config = configOption.equals("--heads") ? GoldenFiles.HEADS : GoldenFiles.config();

    Cli run = Cli.run("simulate", "--checkpoint", GoldenFiles.pth(), configOption, config,
        "--level", GoldenFiles.LEVEL, "--input", GoldenFiles.expected(), "--output", out);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("warning");
    assertThat(run.out()).contains("code mismatch  0 in ");
    assertMatchesGolden(out);
  }

  /** The outputs of {@code simulate} in {@code out} equal the golden float64 ones within 1e-9. */
  static void assertMatchesGolden(Path out) throws Exception {
    Map<String, Tensor> golden = GoldenFiles.read(GoldenFiles.expected());
    Map<String, Tensor> ours = GoldenFiles.read(out);
    Tensor qann = ours.get("qann_logits");
    Tensor perStep = ours.get("snn_logits_per_step");
    assertThat(qann.shape()).isEqualTo(golden.get("qann_logits_f64").shape());
    assertThat(qann.data()).containsExactly(golden.get("qann_logits_f64").data(), within(GoldenFiles.TOLERANCE));
    assertThat(perStep.shape()).isEqualTo(golden.get("snn_accu_per_step_f64_epsfix").shape());
    assertThat(perStep.data())
        .containsExactly(golden.get("snn_accu_per_step_f64_epsfix").data(), within(GoldenFiles.TOLERANCE));
  }
}
