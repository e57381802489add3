package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline (train, QAT, convert, simulate, report) on a tiny folder dataset. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void runsThePipelineAndWritesItsFiles() throws Exception {
    Path data = dataset(dir.resolve("data"));
    Path out = dir.resolve("demo");

    Cli run = Cli.run("demo", "--dataset", "folder", "--data", data, "--image-size", 8, "--patch", 4, "--dim", 8,
        "--depth", 1, "--heads", 2, "--epochs", 1, "--qat-epochs", 1, "--batch", 8, "--out", out, "--threads", 2);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("ANN top-1 (DJL)", "QANN top-1, L=16", "SNN = QANN prediction",
        "100.00 % of 6 images", "steps to quiescence", "wall time");
    JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
    for (String key : new String[] {"ann_top1", "qann_top1", "snn_top1", "snn_qann_agreement", "steps_mean", "steps_max"}) {
      assertThat(summary.has(key)).as(key).isTrue();
    }
    assertThat(summary.get("snn_qann_agreement").getAsDouble()).isEqualTo(1.0);
    assertThat(summary.get("snn_top1").getAsDouble()).isEqualTo(summary.get("qann_top1").getAsDouble());
    assertThat(out.resolve("qann.safetensors")).exists();
    assertThat(out.resolve("ann.safetensors")).exists();
    assertThat(out.resolve("accuracy_per_step.csv")).exists();
    assertThat(out.resolve("report/report.html")).exists();
    assertThat(out.resolve("report/accuracy_vs_steps.png")).exists();

    Cli eval = Cli.run("eval", "--checkpoint", out.resolve("qann.safetensors"), "--config", out.resolve("config.json"),
        "--dataset", "folder", "--data", data.resolve("test"), "--threads", 1);
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("agreement      SNN = QANN on 100.00 % of images");
  }

  @Test
  void headsThatDoNotDivideTheWidthAreAUsageError() throws Exception {
    Path data = dataset(dir.resolve("data"));
    Cli run = Cli.run("demo", "--dataset", "folder", "--data", data, "--image-size", 8, "--patch", 4, "--dim", 8,
        "--heads", 3, "--out", dir.resolve("x"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("num_heads must divide embed_dim");
  }

  @Test
  void aMissingDatasetIsAnInputError() {
    Cli run = Cli.run("train", "--dataset", "cifar10", "--data", dir.resolve("nothing-here"), "--out", dir.resolve("x"));
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLines()[0]).startsWith("spikezip: error: ").contains("nothing-here");
  }

  /** train/ and test/ folders of 3 classes of 8x8 images whose colour tells the class. */
  private static Path dataset(Path root) throws Exception {
    Random r = new Random(3);
    for (String split : new String[] {"train", "test"}) {
      int perClass = split.equals("train") ? 8 : 2;
      for (int c = 0; c < 3; c++) {
        Path folder = Files.createDirectories(root.resolve(split).resolve("class" + c));
        for (int i = 0; i < perClass; i++) {
          BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
          for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
              int base = 60 + 80 * c;
              int v = Math.max(0, Math.min(255, base + r.nextInt(40) - 20));
              img.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (c * 100));
            }
          }
          ImageIO.write(img, "png", folder.resolve("img" + i + ".png").toFile());
        }
      }
    }
    return root;
  }
}
