package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spikezip.data.IdxFiles.gzip;
import static org.spikezip.data.IdxFiles.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class DigitsCsvReaderTest {
  @TempDir Path dir;

  /** A row whose pixel k is (k + shift) % 17, then the label. */
  private static String row(int shift, String label) {
    List<String> values = new ArrayList<>();
    for (int k = 0; k < 64; k++) {
      values.add(Integer.toString((k + shift) % 17));
    }
    values.add(label);
    return String.join(",", values);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void readsRowsExactly() throws Exception {
    Path file = write(dir.resolve("digits.csv"), ascii(row(0, "7") + "\n" + row(5, "0") + "\n\n"));
    ImageDataset d = DigitsCsvReader.read(file);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.imageShape().dims()).containsExactly(1, 8, 8);
    assertThat(d.pixelMax()).isEqualTo(16);
    assertThat(d.labels()).containsExactly(7, 0);
    assertThat(d.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    int[] raw = d.rawImage(1);
    for (int k = 0; k < 64; k++) {
      assertThat(raw[k]).isEqualTo((k + 5) % 17);
    }
    assertThat(d.image(0)[16]).isEqualTo(1.0);
    assertThat(d.image(0)[4]).isEqualTo(0.25);
    assertThat(d.batch(new int[] {0}, Normalization.HALF).get(8)).isEqualTo(0.0);
  }

  @Test
  void readsGzipAndIntegralDecimals() throws Exception {
    String decimals = row(1, "3.0").replace(",16,", ",16.0,");
    Path file = write(dir.resolve("digits.csv.gz"), gzip(ascii(decimals + "\r\n" + row(2, "9"))));
    ImageDataset d = DigitsCsvReader.read(file);
    assertThat(d.labels()).containsExactly(3, 9);
    assertThat(d.rawImage(0)[15]).isEqualTo(16);
  }

  @Test
  void wrongRowLength() throws Exception {
    Path file = write(dir.resolve("digits.csv"), ascii(row(0, "1") + "\n" + row(0, "1") + ",4\n"));
    assertFails(file).hasMessageContaining("line 2: expected 65 comma-separated values")
        .hasMessageContaining("found 66");
  }

  @Test
  void valuesOutOfRangeOrNotIntegers() throws Exception {
    Path pixel = write(dir.resolve("p.csv"), ascii(row(0, "1").replaceFirst("^0,", "17,")));
    assertFails(pixel).hasMessageContaining("line 1: pixel 0 is '17', expected an integer 0..16");
    Path label = write(dir.resolve("l.csv"), ascii(row(0, "10")));
    assertFails(label).hasMessageContaining("label is '10', expected an integer 0..9");
    Path text = write(dir.resolve("t.csv"), ascii(row(0, "1").replaceFirst("^0,", "x,")));
    assertFails(text).hasMessageContaining("pixel 0 is 'x'");
    Path fraction = write(dir.resolve("f.csv"), ascii(row(0, "1").replaceFirst("^0,", "0.5,")));
    assertFails(fraction).hasMessageContaining("pixel 0 is '0.5'");
    Path negative = write(dir.resolve("n.csv"), ascii(row(0, "-1")));
    assertFails(negative).hasMessageContaining("label is '-1'");
  }

  @Test
  void emptyAndMissingFiles() throws Exception {
    Path empty = write(dir.resolve("empty.csv"), ascii("\n \n"));
    assertFails(empty).hasMessageContaining("expected rows of 65 values, found none");
    assertFails(dir.resolve("missing.csv.gz")).hasMessageContaining("file not found");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Path file) {
    return assertThatThrownBy(() -> DigitsCsvReader.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
