package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class UciSentencesTest {
  private static final String PLACEHOLDER = "{\"text\":\"\",\"class\":null}";

  @TempDir Path dir;

  /** Writes the three fixture files below {@code root/test/fixtures}, each with the placeholder. */
  private Path writePackage(Path root) throws IOException {
    Path fixtures = Files.createDirectories(root.resolve("test").resolve("fixtures"));
    write(fixtures, "amazon", "[{\"text\":\"Great phone.\",\"class\":1},"
        + "{\"text\":\"Broke in a day.\",\"class\":0}," + PLACEHOLDER + "]");
    write(fixtures, "yelp", "[ {\"class\": 0, \"text\": \"Cold \\\"food\\\".\", \"id\": [1]},\n "
        + PLACEHOLDER + " ]\n");
    write(fixtures, "imdb", "[{\"text\":\"A fine film \\u00e9\",\"class\":1}," + PLACEHOLDER + "]");
    return fixtures;
  }

  private static Path write(Path fixtures, String source, String json) throws IOException {
    return Files.writeString(fixtures.resolve(source + ".json"), json);
  }

  @Test
  void readsTheThreeFilesInOrderAndSkipsThePlaceholders() throws Exception {
    Path root = dir.resolve("package");
    Path fixtures = writePackage(root);
    TextDataset d = UciSentences.read(root);
    assertThat(d.texts()).containsExactly(
        "Great phone.", "Broke in a day.", "Cold \"food\".", "A fine film \u00e9");
    assertThat(d.labels()).containsExactly(1, 0, 0, 1);
    assertThat(d.classNames()).containsExactly("negative", "positive");
    assertThat(d.name()).isEqualTo(fixtures.toString());
    assertThat(UciSentences.read(fixtures)).isEqualTo(d);
  }

  @Test
  void acceptsFilesWithoutThePlaceholder() throws Exception {
    Path fixtures = writePackage(dir);
    write(fixtures, "imdb", "[{\"text\":\"Dull.\",\"class\":0}]");
    assertThat(UciSentences.read(dir).texts()).endsWith("Dull.");
  }

  @Test
  void aNullClassBeforeTheEndIsAnError() throws Exception {
    Path fixtures = writePackage(dir);
    Path yelp = write(fixtures, "yelp",
        "[{\"text\":\"a\",\"class\":1}," + PLACEHOLDER + ",{\"text\":\"b\",\"class\":0}]");
    assertFails(dir, yelp)
        .hasMessage(yelp + " item 1: 'class' is null, which only the placeholder last item may be");
  }

  @Test
  void wrongFieldTypesAndValuesNameTheItem() throws Exception {
    Path fixtures = writePackage(dir);
    Path amazon = write(fixtures, "amazon", "[{\"text\":5,\"class\":1}]");
    assertFails(dir, amazon)
        .hasMessage(amazon + " item 0: 'text' must be a string, found the number 5");
    write(fixtures, "amazon", "[{\"text\":\"a\",\"class\":\"1\"}]");
    assertFails(dir, amazon)
        .hasMessage(amazon + " item 0: 'class' must be an integer 0..1, found the string '1'");
    write(fixtures, "amazon", "[{\"text\":\"a\",\"class\":1},{\"text\":\"b\",\"class\":2}]");
    assertFails(dir, amazon)
        .hasMessage(amazon + " item 1: 'class' must be an integer 0..1, found 2");
    write(fixtures, "amazon", "[{\"text\":\"a\",\"class\":1.5}]");
    assertFails(dir, amazon).hasMessageEndingWith("found 1.5");
    write(fixtures, "amazon", "[{\"text\":\"a\",\"class\":-1}]");
    assertFails(dir, amazon).hasMessageEndingWith("found -1");
    write(fixtures, "amazon", "[{\"text\":\"a\"}]");
    assertFails(dir, amazon).hasMessage(amazon + " item 0: missing field 'class'");
    write(fixtures, "amazon", "[{\"class\":0,\"text\":\"a\",\"text\":\"b\"}]");
    assertFails(dir, amazon).hasMessage(amazon + " item 0: field 'text' appears twice");
    write(fixtures, "amazon", "[[\"a\", 1]]");
    assertFails(dir, amazon).hasMessage(amazon
        + " item 0: expected an object {\"text\": string, \"class\": 0..1}, found an array");
    write(fixtures, "amazon", "{\"text\":\"a\",\"class\":1}");
    assertFails(dir, amazon).hasMessage(amazon + ": expected a JSON array of "
        + "{\"text\": string, \"class\": 0..1} objects, found an object");
  }

  @Test
  void malformedTruncatedAndEmptyFiles() throws Exception {
    Path fixtures = writePackage(dir);
    Path imdb = write(fixtures, "imdb", "[{\"text\":\"a\",\"class\":1} {\"text\":\"b\"}]");
    assertFails(dir, imdb).hasMessageStartingWith(imdb + ": malformed JSON (");
    write(fixtures, "imdb", "[{text:\"a\",\"class\":1}]");
    assertFails(dir, imdb)
        .hasMessage(imdb + ": malformed JSON (syntax error at line 1 column 4 path $[0].)");
    write(fixtures, "imdb", "[{\"text\":\"a\",\"class\":1},{\"text\":\"b\",\"cla");
    assertFails(dir, imdb).hasMessageStartingWith(imdb + ": truncated JSON (Unterminated string")
        .hasMessageEndingWith("column 41 path $[1].text)");
    write(fixtures, "imdb", "[{\"text\":\"a\",\"class\":1},{\"text\":\"b\",");
    assertFails(dir, imdb)
        .hasMessage(imdb + ": truncated JSON (End of input at line 1 column 37 path $[1].text)");
    write(fixtures, "imdb", "[{\"text\":\"a\",\"class\":1}] [");
    assertFails(dir, imdb).hasMessage(imdb + ": expected the end of the file after the JSON array "
        + "(syntax error at line 1 column 27 path $)");
    write(fixtures, "imdb", "");
    assertFails(dir, imdb).hasMessage(imdb
        + ": empty file, expected a JSON array of {\"text\": string, \"class\": 0..1} objects");
    write(fixtures, "imdb", "[" + PLACEHOLDER + "]");
    assertFails(dir, imdb).hasMessage(imdb
        + ": expected labelled sentences {\"text\": string, \"class\": 0..1}, found none");
  }

  @Test
  void missingDirectoryOrFiles() throws Exception {
    Path missing = dir.resolve("nowhere");
    assertFails(missing, missing).hasMessageContaining("directory not found");
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    assertFails(file, file).hasMessageContaining("not a directory");
    assertFails(dir, dir).hasMessage(dir + ": expected amazon.json, yelp.json and imdb.json of the "
        + "npm package sentiment@5.0.2 in it or in test/fixtures below it");
    Path fixtures = writePackage(dir);
    Files.delete(fixtures.resolve("yelp.json"));
    Path yelp = fixtures.resolve("yelp.json");
    assertFails(dir, yelp).hasMessage(yelp + ": file not found");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Path dir, Path named) {
    return assertThatThrownBy(() -> UciSentences.read(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(named.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
