package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spikezip.data.IdxFiles.gzip;
import static org.spikezip.data.IdxFiles.write;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class IdxReaderTest {
  private static final List<String> CLASSES = List.of("zero", "one", "two");
  /** Three 2x3 images; image i has pixels 100i, 100i+1, ..., except pixel 5 of image 2: 255. */
  private static final byte[][] IMAGES = {
    {0, 1, 2, 3, 4, 5},
    {100, 101, 102, 103, 104, 105},
    {(byte) 200, (byte) 201, (byte) 202, (byte) 203, (byte) 204, (byte) 255}
  };

  @TempDir Path dir;

  @Test
  void readsPlainFilesExactly() throws Exception {
    Path images = write(dir.resolve("images-idx3-ubyte"), IdxFiles.images(2, 3, IMAGES));
    Path labels = write(dir.resolve("labels-idx1-ubyte"), IdxFiles.labels(2, 0, 1));
    ImageDataset d = IdxReader.read(images, labels, CLASSES);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.channels()).isEqualTo(1);
    assertThat(d.height()).isEqualTo(2);
    assertThat(d.width()).isEqualTo(3);
    assertThat(d.labels()).containsExactly(2, 0, 1);
    assertThat(d.rawImage(1)).containsExactly(100, 101, 102, 103, 104, 105);
    assertThat(d.rawImage(2)).containsExactly(200, 201, 202, 203, 204, 255);
    assertThat(d.image(2)[5]).isEqualTo(1.0);
    assertThat(d.image(0)[1]).isEqualTo(1 / 255.0);
    assertThat(d.batch(new int[] {2}, Normalization.HALF).get(5)).isEqualTo(1.0);
    assertThat(d.classNames()).isEqualTo(CLASSES);
    assertThat(d.source()).isEqualTo(images.toString());
  }

  @Test
  void readsGzipFilesByMagicWhateverTheirNames() throws Exception {
    Path images = write(dir.resolve("images.gz"), gzip(IdxFiles.images(2, 3, IMAGES)));
    Path labels = write(dir.resolve("labels.idx"), gzip(IdxFiles.labels(2, 0, 1)));
    ImageDataset d = IdxReader.read(images, labels, CLASSES);
    assertThat(d.labels()).containsExactly(2, 0, 1);
    assertThat(d.rawImage(2)).containsExactly(200, 201, 202, 203, 204, 255);
  }

  @Test
  void readsAnEmptyPairOfFiles() throws Exception {
    Path images = write(dir.resolve("i"), IdxFiles.images(2, 3, new byte[0][]));
    Path labels = write(dir.resolve("l"), IdxFiles.labels());
    assertThat(IdxReader.read(images, labels, CLASSES).size()).isZero();
  }

  @Test
  void badMagicNamesFileAndBothNumbers() throws Exception {
    Path labels = write(dir.resolve("l"), IdxFiles.labels(2, 0, 1));
    // A labels file given as the images file.
    assertFails(labels, labels, labels)
        .hasMessageContaining("bad magic number for IDX images")
        .hasMessageContaining("expected 0x00000803 (unsigned bytes, 3 dimensions)")
        .hasMessageContaining("found 0x00000801 (unsigned bytes, 1 dimension)");
    Path images = write(dir.resolve("i"), IdxFiles.images(2, 3, IMAGES));
    assertFails(images, images, images)
        .hasMessageContaining("bad magic number for IDX labels")
        .hasMessageContaining("found 0x00000803");
    byte[] hello = "hello world, not IDX".getBytes(StandardCharsets.US_ASCII);
    Path text = write(dir.resolve("t.txt"), hello);
    assertFails(text, text, labels).hasMessageContaining("not an IDX header");
  }

  @Test
  void truncatedHeaderAndData() throws Exception {
    Path labels = write(dir.resolve("l"), IdxFiles.labels(2, 0, 1));
    byte[] full = IdxFiles.images(2, 3, IMAGES);
    Path shortHeader = write(dir.resolve("h"), Arrays.copyOf(full, 10));
    assertFails(shortHeader, shortHeader, labels)
        .hasMessageContaining("truncated IDX images header: expected 16 bytes, found 10");
    Path shortData = write(dir.resolve("d"), Arrays.copyOf(full, full.length - 4));
    assertFails(shortData, shortData, labels)
        .hasMessageContaining("truncated IDX data: expected 18 pixel bytes")
        .hasMessageContaining("for 3 images of 2x3, found 14");
    Path shortGzipData = write(dir.resolve("d.gz"), gzip(Arrays.copyOf(full, full.length - 4)));
    assertFails(shortGzipData, shortGzipData, labels).hasMessageContaining("found 14");
    byte[] gz = gzip(full);
    Path cutGzip = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));
    assertFails(cutGzip, cutGzip, labels).hasMessageContaining("corrupt or truncated gzip data");
    Path images = write(dir.resolve("i"), full);
    byte[] fullLabels = IdxFiles.labels(2, 0, 1);
    Path shortLabels = write(dir.resolve("sl"), Arrays.copyOf(fullLabels, fullLabels.length - 1));
    assertFails(shortLabels, images, shortLabels)
        .hasMessageContaining("expected 3 label bytes, found 2");
  }

  @Test
  void trailingBytesAreRefused() throws Exception {
    byte[] full = IdxFiles.images(2, 3, IMAGES);
    Path images = write(dir.resolve("i"), Arrays.copyOf(full, full.length + 1));
    Path labels = write(dir.resolve("l"), IdxFiles.labels(2, 0, 1));
    assertFails(images, images, labels).hasMessageContaining("trailing bytes after the 3 images");
  }

  @Test
  void countMismatchNamesBothFiles() throws Exception {
    Path images = write(dir.resolve("i"), IdxFiles.images(2, 3, IMAGES));
    Path labels = write(dir.resolve("l"), IdxFiles.labels(2, 0));
    assertFails(labels, images, labels)
        .hasMessageContaining("holds 2 labels, but the images file " + images + " holds 3 images");
  }

  @Test
  void labelOutOfRange() throws Exception {
    Path images = write(dir.resolve("i"), IdxFiles.images(2, 3, IMAGES));
    Path labels = write(dir.resolve("l"), IdxFiles.labels(2, 3, 1));
    assertFails(labels, images, labels)
        .hasMessageContaining("label 1 is 3, expected 0..2 (3 classes)");
  }

  @Test
  void zeroSizedImagesAndHugeCounts() throws Exception {
    Path labels = write(dir.resolve("l"), IdxFiles.labels());
    Path flat = write(dir.resolve("flat"), IdxFiles.images(0, 3, new byte[0][]));
    assertFails(flat, flat, labels).hasMessageContaining("positive rows and columns, found 0x3");
    Path huge = write(dir.resolve("huge"),
        ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(-1).putInt(28).putInt(28)
            .array());
    assertFails(huge, huge, labels).hasMessageContaining("dimension 0 is 4294967295");
  }

  @Test
  void missingFile() throws Exception {
    Path labels = write(dir.resolve("l"), IdxFiles.labels(2, 0, 1));
    Path missing = dir.resolve("nope-idx3-ubyte.gz");
    assertFails(missing, missing, labels).hasMessageContaining("file not found");
  }

  /** Reading fails with a one-line InvalidInputException that names {@code culprit}. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      Path culprit, Path images, Path labels) {
    return assertThatThrownBy(() -> IdxReader.read(images, labels, CLASSES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(culprit.toString() + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
