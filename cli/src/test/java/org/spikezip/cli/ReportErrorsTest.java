package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/** {@code spikezip report}'s bad inputs: one-line errors, a hint, and the exit code of their kind. */
class ReportErrorsTest {
  @TempDir Path dir;

  @Test
  void anEmptyDatasetIsAnInputError() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path empty = TinyQann.input(dir, "empty.safetensors", new double[0], 0, 3, 8, 8);

    Cli run = report(m, "--input", empty);

    assertError(run, 3, "spikezip: error: " + empty + ": tensor 'input' holds no samples (shape [0, 3, 8, 8])");
  }

  @Test
  void aZeroStepCapIsAUsageError() throws Exception {
    TinyQann m = TinyQann.write(dir);

    Cli run = report(m, "--input", m.input(), "--max-steps", 0);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("spikezip: error: --max-steps must be positive, got 0",
        "Try 'spikezip report --help' for the options.");
  }

  @Test
  void badEnergyFiguresAreUsageErrors() throws Exception {
    TinyQann m = TinyQann.write(dir);

    Cli run = report(m, "--input", m.input(), "--e-mac", -1);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines()[0]).isEqualTo("spikezip: error: --e-mac must be finite and not negative (pJ), got -1.0");
    assertThat(report(m, "--input", m.input(), "--e-ac", "NaN").code()).isEqualTo(2);
    assertThat(report(m, "--input", m.input(), "--e-ac", "lots").code()).isEqualTo(2);
  }

  @Test
  void aMissingProfileIsAnInputError() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path missing = dir.resolve("nope.json");

    Cli run = report(m, "--input", m.input(), "--energy-profile", missing);

    assertError(run, 3, "spikezip: error: " + missing + ": no such file (an energy profile must exist)");
  }

  @Test
  void unknownProfileKeysAreInputErrors() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path profile = Files.writeString(dir.resolve("p.json"), "{\"e_mac_pj\": 4.6, \"e_ac_pj\": 0.9, \"e_add_pj\": 1}");

    Cli run = report(m, "--input", m.input(), "--energy-profile", profile);

    assertError(run, 3, "spikezip: error: " + profile + ": unknown key 'e_add_pj' in energy profile; allowed keys:"
        + " name, e_mac_pj, e_ac_pj");
  }

  @Test
  void labelsOfTheWrongShapeOrRangeAreInputErrors() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path shape = labelled("shape.safetensors", Tensor.ofInts(Shape.of(2), new int[] {0, 1}));
    Path range = labelled("range.safetensors", Tensor.ofInts(Shape.of(3), new int[] {0, 3, 1}));

    assertError(report(m, "--input", shape), 3, "spikezip: error: " + shape + ": tensor 'labels' has shape [2],"
        + " expected [3] (one label per image of 'input')");
    assertError(report(m, "--input", range), 3, "spikezip: error: " + range + ": tensor 'labels' element [1] is 3.0;"
        + " labels must be whole numbers in [0, 3) for this model (num_classes 3)");
    assertError(report(m, "--input", m.input(), "--labels", "classes"), 3, "spikezip: error: " + m.input()
        + ": no tensor named 'classes'; nearest names present: input (--labels names the tensor of labels)");
  }

  @Test
  void anUnwritableFolderIsAnInputError() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");

    Cli run = Cli.run("report", "--config", m.config(), "--checkpoint", m.checkpoint(), "--input", m.input(),
        "--out", notAFolder.resolve("report"));

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines()[0]).startsWith("spikezip: error: " + notAFolder.resolve("report")
        + ": cannot write the report (");
  }

  private Path labelled(String name, Tensor labels) throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("input", Tensor.wrap(Shape.of(3, 3, 8, 8), TinyQann.images(3)));
    tensors.put("labels", labels);
    Path file = dir.resolve(name);
    SafetensorsWriter.write(file, tensors);
    return file;
  }

  private Cli report(TinyQann m, Object... more) {
    Object[] head = {"report", "--config", m.config(), "--checkpoint", m.checkpoint(), "--out", dir.resolve("out")};
    Object[] all = new Object[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return Cli.run(all);
  }

  private static void assertError(Cli run, int code, String message) {
    assertThat(run.code()).as(run.err()).isEqualTo(code);
    assertThat(run.errLines()).hasSize(2);
    assertThat(run.errLines()[0]).isEqualTo(message);
    assertThat(run.errLines()[1]).isEqualTo("See 'spikezip report --help' for what each file must hold.");
  }
}
