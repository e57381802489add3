package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spikezip.data.IdxFiles.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class CifarReaderTest {
  @TempDir Path dir;

  /** Pixel k of record r: (7r + k) mod 256, so planes and records are told apart. */
  private static int pixel(int record, int k) {
    return (7 * record + k) & 0xff;
  }

  /** Records with the given label bytes (one or two each) and the pixels of {@link #pixel}. */
  private static byte[] batch(int[][] labelBytes, int firstRecord) {
    int labelCount = labelBytes[0].length;
    int recordBytes = labelCount + 3072;
    byte[] out = new byte[labelBytes.length * recordBytes];
    for (int r = 0; r < labelBytes.length; r++) {
      for (int j = 0; j < labelCount; j++) {
        out[r * recordBytes + j] = (byte) labelBytes[r][j];
      }
      for (int k = 0; k < 3072; k++) {
        out[r * recordBytes + labelCount + k] = (byte) pixel(firstRecord + r, k);
      }
    }
    return out;
  }

  private static void assertPixels(ImageDataset d, int image, int record) {
    int[] raw = d.rawImage(image);
    for (int k = 0; k < 3072; k++) {
      assertThat(raw[k]).as("pixel %d of image %d", k, image).isEqualTo(pixel(record, k));
    }
  }

  @Test
  void readsCifar10WithMetaNames() throws Exception {
    Path file = write(dir.resolve("test_batch.bin"), batch(new int[][] {{3}, {9}, {0}}, 0));
    Files.writeString(dir.resolve("batches.meta.txt"),
        "plane\ncar\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
    ImageDataset d = CifarReader.readCifar10(List.of(file));
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.imageShape().dims()).containsExactly(3, 32, 32);
    assertThat(d.labels()).containsExactly(3, 9, 0);
    assertThat(d.classNames()).startsWith("plane", "car").hasSize(10);
    for (int r = 0; r < 3; r++) {
      assertPixels(d, r, r);
    }
    // Red plane first, then green at 1024, blue at 2048.
    assertThat(d.image(1)[1024]).isEqualTo(pixel(1, 1024) / 255.0);
    assertThat(d.source()).isEqualTo(file.toString());
  }

  @Test
  void cifar10WithoutMetaUsesTheStandardNamesAndLoadsTrainingBatchesInOrder() throws Exception {
    for (int b = 1; b <= 5; b++) {
      byte[] records = batch(new int[][] {{b}, {b + 1}, {b + 2}}, 3 * (b - 1));
      write(dir.resolve("data_batch_" + b + ".bin"), records);
    }
    ImageDataset d = CifarReader.loadCifar10(dir, Split.TRAIN);
    assertThat(d.size()).isEqualTo(15);
    assertThat(d.classNames()).isEqualTo(CifarReader.CIFAR10_CLASS_NAMES);
    assertThat(d.labels()).startsWith(1, 2, 3, 2, 3, 4).endsWith(5, 6, 7);
    assertPixels(d, 14, 14);
    assertPixels(d, 4, 4);
  }

  @Test
  void readsCifar100FineAndCoarse() throws Exception {
    Path file = write(dir.resolve("test.bin"), batch(new int[][] {{19, 99}, {0, 42}, {7, 0}}, 0));
    ImageDataset fine = CifarReader.loadCifar100(dir, Split.TEST, Cifar100Labels.FINE);
    assertThat(fine.labels()).containsExactly(99, 42, 0);
    assertThat(fine.classNames()).hasSize(100).startsWith("0", "1");
    assertPixels(fine, 2, 2);
    ImageDataset coarse = CifarReader.readCifar100(List.of(file), Cifar100Labels.COARSE);
    assertThat(coarse.labels()).containsExactly(19, 0, 7);
    assertThat(coarse.classNames()).hasSize(20);
    assertPixels(coarse, 0, 0);

    StringBuilder names = new StringBuilder();
    for (int c = 0; c < 20; c++) {
      names.append("super").append(c).append('\n');
    }
    Files.writeString(dir.resolve("coarse_label_names.txt"), names);
    assertThat(CifarReader.readCifar100(List.of(file), Cifar100Labels.COARSE).classNames())
        .startsWith("super0").endsWith("super19");
  }

  @Test
  void sizeNotAWholeNumberOfRecords() throws Exception {
    byte[] three = batch(new int[][] {{1}, {2}, {3}}, 0);
    Path extra = write(dir.resolve("extra.bin"), Arrays.copyOf(three, three.length + 1));
    assertFails(extra, () -> CifarReader.readCifar10(List.of(extra)))
        .hasMessageContaining("expected a whole number of 3073-byte records")
        .hasMessageContaining("(1 label byte + 3072 pixel bytes)")
        .hasMessageContaining("found 9220 bytes (3 records and 1 byte)");
    byte[] hundred = batch(new int[][] {{1, 1}, {2, 2}}, 0);
    Path cut = write(dir.resolve("cut.bin"), Arrays.copyOf(hundred, hundred.length - 10));
    assertFails(cut, () -> CifarReader.readCifar100(List.of(cut), Cifar100Labels.FINE))
        .hasMessageContaining("3074-byte records (2 label bytes + 3072 pixel bytes)");
    Path empty = write(dir.resolve("empty.bin"), new byte[0]);
    assertFails(empty, () -> CifarReader.readCifar10(List.of(empty)))
        .hasMessageContaining("found 0 bytes");
  }

  @Test
  void labelsOutOfRange() throws Exception {
    Path ten = write(dir.resolve("ten.bin"), batch(new int[][] {{1}, {10}, {3}}, 0));
    assertFails(ten, () -> CifarReader.readCifar10(List.of(ten)))
        .hasMessageContaining("record 1 has label 10, expected 0..9");
    Path fine = write(dir.resolve("fine.bin"), batch(new int[][] {{1, 1}, {2, 2}, {3, 100}}, 0));
    assertFails(fine, () -> CifarReader.readCifar100(List.of(fine), Cifar100Labels.FINE))
        .hasMessageContaining("record 2 has fine label 100, expected 0..99");
    Path coarse = write(dir.resolve("coarse.bin"), batch(new int[][] {{20, 1}}, 0));
    assertFails(coarse, () -> CifarReader.readCifar100(List.of(coarse), Cifar100Labels.COARSE))
        .hasMessageContaining("record 0 has coarse label 20, expected 0..19");
  }

  @Test
  void namesFileWithTheWrongCount() throws Exception {
    Path file = write(dir.resolve("b.bin"), batch(new int[][] {{1}}, 0));
    Path meta = dir.resolve("batches.meta.txt");
    Files.write(meta, "a\nb\nc\n".getBytes(StandardCharsets.US_ASCII));
    assertFails(meta, () -> CifarReader.readCifar10(List.of(file)))
        .hasMessageContaining("expected 10 class names, one per line, found 3");
  }

  @Test
  void missingBatch() {
    Path missing = dir.resolve("data_batch_1.bin");
    assertFails(missing, () -> CifarReader.loadCifar10(dir, Split.TRAIN))
        .hasMessageContaining("file not found");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      Path file, Executable read) {
    return assertThatThrownBy(read::execute)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file.toString() + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
