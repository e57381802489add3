package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.spikezip.data.IdxFiles.gzip;
import static org.spikezip.data.IdxFiles.write;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class FashionMnistTest {
  private static final byte[][] TWO_IMAGES = {{1, 2, 3, 4}, {5, 6, 7, (byte) 255}};

  @TempDir Path dir;

  @Test
  void findsTheStandardGzipNames() throws Exception {
    write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(IdxFiles.images(2, 2, TWO_IMAGES)));
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(IdxFiles.labels(9, 0)));
    ImageDataset test = FashionMnist.load(dir, Split.TEST);
    assertThat(test.labels()).containsExactly(9, 0);
    assertThat(test.rawImage(1)).containsExactly(5, 6, 7, 255);
    assertThat(test.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
    assertThat(test.classNames().get(test.label(0))).isEqualTo("Ankle boot");
  }

  @Test
  void fallsBackToUncompressedNames() throws Exception {
    write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(2, 2, TWO_IMAGES));
    write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(3, 4));
    ImageDataset train = FashionMnist.load(dir, Split.TRAIN);
    assertThat(train.labels()).containsExactly(3, 4);
    assertThat(train.rawImage(0)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void missingFilesTellHowToInstallThePackage() throws Exception {
    write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(IdxFiles.images(2, 2, TWO_IMAGES)));
    assertThatThrownBy(() -> FashionMnist.load(dir, Split.TRAIN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(dir.resolve("train-labels-idx1-ubyte.gz") + ": file not found")
        .hasMessageContaining("training split")
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> FashionMnist.load(dir.resolve("absent"), Split.TEST))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte.gz")
        .hasMessageContaining("test split");
  }

  /** The real test split, when the Debian package dataset-fashion-mnist is installed. */
  @Test
  void realTestSplitWhenInstalled() throws Exception {
    assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR), "dataset-fashion-mnist not installed");
    ImageDataset test = FashionMnist.load(Split.TEST);
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(test.imageShape().dims()).containsExactly(1, 28, 28);
    assertThat(test.labelCounts()).containsOnly(1000);
  }
}
