package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class SimulateCommandTest {
  @TempDir Path dir;

  @Test
  void theSnnReproducesTheQannAndTheOutputHoldsEveryTensor() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path output = dir.resolve("out.safetensors");

    Cli run = Cli.run("simulate", "--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(),
        "--output", output, "--threads", 2);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("predictions    SNN = QANN on 3 of 3 samples (100.00 %)")
        .contains("max |dlogit|   0 (SNN logits bit-identical to the QANN's)")
        .contains("code mismatch  0 in 22 layers (expected 0)")
        .contains("wrote          " + output);
    try (SafetensorsReader r = SafetensorsReader.open(output)) {
      Tensor qann = r.tensor("qann_logits");
      Tensor snn = r.tensor("snn_logits");
      Tensor stop = r.tensor("stop_step");
      Tensor perStep = r.tensor("snn_logits_per_step");
      int steps = (int) Arrays.stream(stop.data()).max().orElseThrow();
      assertThat(qann.shape()).isEqualTo(Shape.of(3, 3));
      assertThat(snn.data()).isEqualTo(qann.data());
      assertThat(stop.dtype()).isEqualTo(DType.I32);
      assertThat(stop.shape()).isEqualTo(Shape.of(3));
      assertThat(steps).isBetween(2, 512);
      assertThat(perStep.shape()).isEqualTo(Shape.of(steps, 3, 3));
      double[] last = Arrays.copyOfRange(perStep.data(), (steps - 1) * 9, steps * 9);
      assertThat(last).isEqualTo(snn.data());
      assertThat(r.metadata()).containsEntry("encoding", "analog").containsEntry("level", "16");
    }
  }

  @Test
  void rateEncodingIsExactToo() throws Exception {
    TinyQann m = TinyQann.write(dir);

    Cli run = Cli.run("simulate", "--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(),
        "--output", dir.resolve("out.safetensors"), "--encoding", "rate", "--threads", 1);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 of 3 samples (100.00 %)").contains("rate encoding");
  }

  @Test
  void tooFewStepsWarnThatTheRunIsLossyAndFailEquivalence() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path output = dir.resolve("out.safetensors");

    Cli run = Cli.run("simulate", "--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(),
        "--output", output, "--max-steps", 2);

    assertThat(run.code()).isEqualTo(5);
    assertThat(run.errLines()[0])
        .isEqualTo("spikezip: warning: lossy: T too small: 3 of 3 samples hit --max-steps 2 before going quiet;"
            + " raise --max-steps");
    assertThat(run.errLines()[1]).startsWith("spikezip: error: SNN and QANN differ: ");
    assertThat(run.out())
        .containsPattern("code mismatch  [1-9][0-9]* in 22 layers")
        .contains("steps          mean 2.00, max 2, 3 samples hit the cap (lossy)");
    try (SafetensorsReader r = SafetensorsReader.open(output)) {
      assertThat(r.shape("snn_logits_per_step")).isEqualTo(Shape.of(2, 3, 3));
    }
  }
}
