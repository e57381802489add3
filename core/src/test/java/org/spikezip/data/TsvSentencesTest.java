package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class TsvSentencesTest {
  @TempDir Path dir;

  @Test
  void readsTheGlueLayout() throws Exception {
    Path tsv = Files.writeString(dir.resolve("train.tsv"),
        "sentence\tlabel\nhide new secretions from the parental units \t0\n"
            + "that loves its characters \t1\n\nremains utterly satisfied \t1\n");
    TextDataset d = TsvSentences.read(tsv);
    assertThat(d.texts()).containsExactly("hide new secretions from the parental units ",
        "that loves its characters ", "remains utterly satisfied ");
    assertThat(d.labels()).containsExactly(0, 1, 1);
    assertThat(d.classNames()).containsExactly("negative", "positive");
    assertThat(d.name()).isEqualTo(tsv.toString());
  }

  @Test
  void findsColumnsByNameInAnyOrder() throws Exception {
    Path tsv = Files.writeString(dir.resolve("dev.tsv"),
        "\uFEFFindex\tlabel\tsentence\r\n7\t2\tthree\r\n8\t0\tzero\r\n");
    TextDataset d = TsvSentences.read(tsv);
    assertThat(d.texts()).containsExactly("three", "zero");
    assertThat(d.labels()).containsExactly(2, 0);
    assertThat(d.classNames()).containsExactly("0", "1", "2");
  }

  @Test
  void errorsNameTheFileAndLine() throws Exception {
    Path tsv = dir.resolve("bad.tsv");
    Files.writeString(tsv, "sentence\tlabel\ngood\t1\nbad\tpositive\n");
    assertFails(tsv).hasMessage(tsv + " line 3: label is 'positive', expected an integer 0..999");
    Files.writeString(tsv, "sentence\tlabel\ngood\t1\n\nbad\t-1\n");
    assertFails(tsv).hasMessage(tsv + " line 4: label is '-1', expected an integer 0..999");
    Files.writeString(tsv, "sentence\tlabel\ngood\t1\nno label here\n");
    assertFails(tsv)
        .hasMessage(tsv + " line 3: expected 2 tab-separated fields as in the header, found 1");
    Files.writeString(tsv, "index\tsentence\n0\tit 's a charming journey\n");
    assertFails(tsv).hasMessage(tsv + " line 1: expected a header with the tab-separated columns "
        + "'sentence' and 'label', found no 'label' in 'index\\x09sentence'");
    Files.writeString(tsv, "hide new secretions\t0\n");
    assertFails(tsv).hasMessageStartingWith(tsv + " line 1: expected a header")
        .hasMessageContaining("found no 'sentence'");
    Files.writeString(tsv, "sentence\tlabel\tsentence\na\t0\tb\n");
    assertFails(tsv).hasMessage(tsv + " line 1: the header names column 'sentence' twice");
  }

  @Test
  void emptyAndMissingFiles() throws Exception {
    Path tsv = Files.writeString(dir.resolve("empty.tsv"), "");
    assertFails(tsv).hasMessage(tsv + ": empty file, expected a header line with the "
        + "tab-separated columns 'sentence' and 'label'");
    Files.writeString(tsv, "sentence\tlabel\n\n");
    assertFails(tsv).hasMessage(tsv + ": expected examples after the header line, found none");
    Path missing = dir.resolve("missing.tsv");
    assertFails(missing).hasMessage(missing + ": file not found");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Path file) {
    return assertThatThrownBy(() -> TsvSentences.read(file))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
