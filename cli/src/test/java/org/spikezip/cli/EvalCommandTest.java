package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  @TempDir Path dir;

  @Test
  void evaluatesAFolderDatasetWithFullAgreement() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path data = imageFolder(dir.resolve("images"), 3, 4);
    Path csv = dir.resolve("out/accuracy.csv");

    Cli run = Cli.run("eval", "--config", m.config(), "--checkpoint", m.checkpoint(), "--dataset", "folder",
        "--data", data, "--csv", csv, "--threads", 2);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("data           " + data, "12 images",
        "agreement      SNN = QANN on 100.00 % of images", "QANN top-1", "SNN top-1 at");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("t,snn_top1,snn_qann_agreement");
    assertThat(lines.get(lines.size() - 1)).endsWith(",1.000000");
  }

  @Test
  void sameAccuracyLineWithOneOrTwoThreads() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path data = imageFolder(dir.resolve("images"), 3, 3);
    Cli one = Cli.run("eval", "--config", m.config(), "--checkpoint", m.checkpoint(), "--dataset", "folder",
        "--data", data, "--threads", 1);
    Cli two = Cli.run("eval", "--config", m.config(), "--checkpoint", m.checkpoint(), "--dataset", "folder",
        "--data", data, "--threads", 2);
    assertThat(lines(one, "SNN top-1 at")).isEqualTo(lines(two, "SNN top-1 at"));
    assertThat(lines(one, "QANN top-1")).isEqualTo(lines(two, "QANN top-1"));
  }

  @Test
  void folderDatasetNeedsData() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Cli run = Cli.run("eval", "--config", m.config(), "--checkpoint", m.checkpoint(), "--dataset", "folder");
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLines()[0]).isEqualTo("spikezip: error: --data is needed for --dataset folder");
  }

  @Test
  void unknownDatasetIsAUsageError() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Cli run = Cli.run("eval", "--config", m.config(), "--checkpoint", m.checkpoint(), "--dataset", "imagenet");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("unknown dataset 'imagenet'");
  }

  @Test
  void imagesOfTheWrongSizeAreRefused() throws Exception {
    TinyQann m = TinyQann.write(dir);
    Path digits = dir.resolve("digits.csv");
    Files.writeString(digits, "0,".repeat(64) + "3\n");
    Cli run = Cli.run("eval", "--config", m.config(), "--checkpoint", m.checkpoint(), "--dataset", "digits",
        "--data", digits);
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.errLines()[0]).contains("images are 1x8x8, the model expects 3x8x8");
  }

  private static String lines(Cli run, String prefix) {
    return run.out().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  private static Path imageFolder(Path root, int classes, int perClass) throws Exception {
    Random r = new Random(5);
    for (int c = 0; c < classes; c++) {
      Path folder = Files.createDirectories(root.resolve("class" + c));
      for (int i = 0; i < perClass; i++) {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
          for (int x = 0; x < 8; x++) {
            img.setRGB(x, y, r.nextInt(1 << 24));
          }
        }
        ImageIO.write(img, "png", folder.resolve("img" + i + ".png").toFile());
      }
    }
    return root;
  }
}
