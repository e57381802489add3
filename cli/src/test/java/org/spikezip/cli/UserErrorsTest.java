package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.Tensor;

/** Every user mistake gives a one-line error, a one-line hint, no stack trace, and its exit code. */
class UserErrorsTest {
  @TempDir Path dir;

  @Test
  void missingConfigFile() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path missing = dir.resolve("nope.json");

    Cli run = simulate("--config", missing, "--checkpoint", m.checkpoint(), "--input", m.input());

    assertError(run, 3, "spikezip: error: " + missing + ": no such file");
  }

  @Test
  void missingCheckpointFile() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path missing = dir.resolve("nope.safetensors");

    Cli run = simulate("--config", m.config(), "--checkpoint", missing, "--input", m.input());

    assertError(run, 3, "spikezip: error: " + missing + ": cannot read safetensors file: "
        + "java.nio.file.NoSuchFileException: " + missing);
  }

  @Test
  void levelThatDiffersFromTheStoredOne() throws Exception {
    TinyQann m = TinyQann.write(dir);

    Cli run = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(), "--level", 8);

    assertError(run, 3, "spikezip: error: level 8 was asked for, but " + m.checkpoint() + " stores level 16");
  }

  @Test
  void levelNeitherStoredNorGiven() throws Exception {
    TinyQann m = TinyQann.write(dir);
    rewrite(m.checkpoint(), tensors -> { }, Map.of());

    Cli run = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input());

    assertError(run, 3, "spikezip: error: the level is not stored in " + m.checkpoint() + "; pass --level L");
  }

  @Test
  void inputOfTheWrongShape() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path input = TinyQann.input(dir, "small.safetensors", new double[2 * 3 * 4 * 4], 2, 3, 4, 4);

    Cli run = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", input);

    assertError(run, 3, "spikezip: error: " + input + ": tensor 'input' has shape [2, 3, 4, 4], expected"
        + " [B, 3, 8, 8] for this model (in_chans 3, img_size 8)");
  }

  @Test
  void nanInInput() throws Exception {
    TinyQann m = TinyQann.write(dir);
    double[] images = TinyQann.images(2);
    images[64 + 2 * 8 + 3] = Double.NaN;
    Path input = TinyQann.input(dir, "nan.safetensors", images, 2, 3, 8, 8);

    Cli run = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", input);

    assertError(run, 3, "spikezip: error: " + input + ": tensor 'input' element [0, 1, 2, 3] is NaN;"
        + " inputs must be finite");
  }

  @Test
  void inputWithoutTheInputTensor() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path input = dir.resolve("other.safetensors");
    SafetensorsWriter.write(input, Map.of("inputs", Tensor.scalar(1)));

    Cli run = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", input);

    assertError(run, 3, "spikezip: error: " + input + ": no tensor named 'input'; nearest names present: inputs");
  }

  @Test
  void unknownOption() throws Exception {
    TinyQann m = TinyQann.write(dir);

    Cli run = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(), "--frobnicate");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("spikezip: error: Unknown option: '--frobnicate'",
        "Try 'spikezip simulate --help' for the options.");
  }

  @Test
  void badOptionValues() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Object[] model = {"--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input()};

    assertThat(simulate(append(model, "--max-steps", 0)).errLines())
        .startsWith("spikezip: error: --max-steps must be positive, got 0");
    assertThat(simulate(append(model, "--encoding", "poisson")).errLines()[0])
        .startsWith("spikezip: error: Invalid value for option '--encoding': ")
        .contains("encoding must be 'analog' or 'rate', got 'poisson'");
    assertThat(simulate(append(model, "--weights", "int99")).code()).isEqualTo(2);
    assertThat(simulate(append(model, "--snn", m.checkpoint())).code()).isEqualTo(2);
    assertThat(Cli.run("simulate", "--input", m.input()).code()).isEqualTo(2);
    assertThat(Cli.run("bench", "--model", "vit-xl").code()).isEqualTo(2);
  }

  @Test
  void geluModel() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Files.writeString(m.config(), Files.readString(m.config()).replace("\"relu\"", "\"gelu\""));

    Cli run = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input());

    assertThat(run.code()).isEqualTo(4);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines()[0]).startsWith("spikezip: error: MLP activation GELU: SpikeZIP-TF conversion needs ReLU");
  }

  @Test
  void missingQuantizerStep() throws Exception {
    TinyQann m = TinyQann.write(dir);
    rewrite(m.checkpoint(), tensors -> tensors.remove("blocks.1.mlp.act.0.s"), Map.of("level", "16"));

    Cli run = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input());

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines()[0])
        .startsWith("spikezip: error: " + m.checkpoint() + ": no tensor named 'blocks.1.mlp.act.0.s'; nearest names");
  }

  @Test
  void corruptCheckpointAndInput() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path garbage = Files.write(dir.resolve("garbage.safetensors"), "this is not a safetensors file".getBytes());

    Cli checkpoint = simulate("--config", m.config(), "--checkpoint", garbage, "--input", m.input());
    Cli input = simulate("--config", m.config(), "--checkpoint", m.checkpoint(), "--input", garbage);
    Cli snn = Cli.run("inspect", "--snn", m.checkpoint());

    for (Cli run : new Cli[] {checkpoint, input}) {
      assertThat(run.code()).isEqualTo(3);
      assertThat(run.errLines()).hasSize(2);
      assertThat(run.errLines()[0]).startsWith("spikezip: error: " + garbage + ": ");
    }
    assertError(snn, 3, "spikezip: error: " + m.checkpoint() + ": not a spikezip SNN file (metadata format is"
        + " absent, expected 'spikezip-snn-v1'; write one with 'spikezip convert')");
  }

  @Test
  void unwritableOutput() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path notAFolder = java.nio.file.Files.writeString(dir.resolve("plain-file"), "x");
    Path output = notAFolder.resolve("out.safetensors");

    Cli run = Cli.run("simulate", "--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(),
        "--output", output);

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines()[0]).startsWith("spikezip: error: " + output + ": cannot write (");
  }

  @Test
  void verbosePrintsTheStackTrace() throws Exception {
    TinyQann m = TinyQann.write(dir);

    Cli run = Cli.run("simulate", "-v", "--config", dir.resolve("nope.json"), "--checkpoint", m.checkpoint(),
        "--input", m.input(), "--output", dir.resolve("out.safetensors"));

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("org.spikezip.error.InvalidInputException: ").contains("\tat org.spikezip.");
  }

  private Cli simulate(Object... args) {
    return Cli.run(append(append(new Object[] {"simulate"}, args), "--output", dir.resolve("out.safetensors")));
  }

  private static Object[] append(Object[] head, Object... tail) {
    Object[] all = new Object[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private static void assertError(Cli run, int code, String message) {
    assertThat(run.code()).as(run.err()).isEqualTo(code);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines()[0]).isEqualTo(message);
    assertThat(run.errLines()[1]).startsWith("See 'spikezip ").endsWith(" --help' for what each file must hold.");
  }

  /** Rewrites a safetensors file with changed tensors and the given metadata. */
  private static void rewrite(Path file, Consumer<Map<String, Tensor>> change, Map<String, String> metadata)
      throws IOException, MalformedWeightsException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    try (SafetensorsReader r = SafetensorsReader.open(file)) {
      for (String name : r.names()) {
        tensors.put(name, r.tensor(name));
      }
    }
    change.accept(tensors);
    SafetensorsWriter.write(file, tensors, metadata);
  }
}
