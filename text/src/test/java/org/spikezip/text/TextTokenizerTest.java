package org.spikezip.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;
import org.spikezip.model.EncoderInput;

class TextTokenizerTest {
  private static final String LONG_TEXT =
      "The quick brown fox jumps over the lazy dog, again and again and again.";

  @TempDir static Path cache;
  @TempDir Path dir;

  private static Path miniLm;

  @BeforeAll
  static void extractMiniLm() throws Exception {
    miniLm = MiniLmFiles.extract(cache).tokenizerJson();
  }

  @Test
  void miniLmGivesTheIdsOfItsVocabulary() throws Exception {
    JsonObject vocab = JsonParser.parseString(Files.readString(miniLm)).getAsJsonObject()
        .getAsJsonObject("model").getAsJsonObject("vocab");
    assertThat(List.of("[CLS]", "hello", "world", "[SEP]"))
        .map(token -> vocab.get(token).getAsInt()).containsExactly(101, 7592, 2088, 102);
    try (TextTokenizer tokenizer = TextTokenizer.open(miniLm, 128)) {
      EncoderInput input = tokenizer.encode("Hello world");
      assertThat(input.ids()).containsExactly(101, 7592, 2088, 102);
      assertThat(input.mask()).containsOnly(1).hasSize(4);
      assertThat(input.tokenTypes()).containsOnly(0).hasSize(4);
      assertThat(tokenizer.encode("").ids()).containsExactly(101, 102);
      assertThat(tokenizer.maxLength()).isEqualTo(128);
      assertThat(tokenizer.file()).isEqualTo(miniLm);
    }
  }

  @Test
  void truncationKeepsClsFirstAndSepLast() throws Exception {
    int[] full;
    try (TextTokenizer tokenizer = TextTokenizer.open(miniLm, 512)) {
      full = tokenizer.encode(LONG_TEXT).ids();
    }
    assertThat(full.length).isGreaterThan(8);
    try (TextTokenizer tokenizer = TextTokenizer.open(miniLm, 6)) {
      EncoderInput cut = tokenizer.encode(LONG_TEXT);
      assertThat(cut.ids()).hasSize(6).startsWith(101).endsWith(102);
      assertThat(Arrays.copyOfRange(cut.ids(), 1, 5))
          .containsExactly(Arrays.copyOfRange(full, 1, 5));
      assertThat(cut.mask()).containsExactly(1, 1, 1, 1, 1, 1);
      assertThat(tokenizer.encode("Hello world").ids()).containsExactly(101, 7592, 2088, 102);
    }
    try (TextTokenizer tokenizer = TextTokenizer.open(miniLm, 2)) {
      assertThat(tokenizer.encode(LONG_TEXT).ids()).containsExactly(101, 102);
    }
  }

  @Test
  void encodeAllEncodesEachTextInOrder() throws Exception {
    try (TextTokenizer tokenizer = TextTokenizer.open(miniLm, 8)) {
      List<String> texts = List.of(LONG_TEXT, "", "Hello world");
      List<EncoderInput> inputs = tokenizer.encodeAll(texts);
      assertThat(inputs).hasSize(3);
      for (int i = 0; i < texts.size(); i++) {
        EncoderInput one = tokenizer.encode(texts.get(i));
        assertThat(inputs.get(i).ids()).containsExactly(one.ids());
        assertThat(inputs.get(i).mask()).containsExactly(one.mask());
      }
      assertThat(inputs.get(0).length()).isEqualTo(8);
    }
  }

  @Test
  void byteLevelBpeWithRobertaSpecialTokens() throws Exception {
    Path json = Files.writeString(dir.resolve("tokenizer.json"), TinyTokenizers.roberta());
    try (TextTokenizer tokenizer = TextTokenizer.open(json, 16)) {
      // "hello" merges whole (14); " world" is Ġwor (17), l (5), d (10).
      assertThat(tokenizer.encode("hello world").ids()).containsExactly(0, 14, 17, 5, 10, 2);
      assertThat(tokenizer.encode("").ids()).containsExactly(0, 2);
    }
    try (TextTokenizer tokenizer = TextTokenizer.open(json, 4)) {
      assertThat(tokenizer.encode("hello world").ids()).containsExactly(0, 14, 17, 2);
    }
  }

  @Test
  void missingAndCorruptFiles() throws Exception {
    Path missing = dir.resolve("missing.json");
    assertFails(missing, 8)
        .hasMessage(missing + ": file not found; expected a Hugging Face tokenizer.json");
    assertFails(dir, 8).hasMessage(dir + ": not a file; expected a Hugging Face tokenizer.json");
    Path truncated =
        Files.writeString(dir.resolve("truncated.json"), "{\"version\": \"1.0\",\n \"model\": ");
    assertFails(truncated, 8).hasMessage(truncated + ": not a tokenizer.json the Hugging Face "
        + "tokenizers library accepts (EOF while parsing a value at line 2 column 10)");
    Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
    assertFails(array, 8).hasMessageStartingWith(array + ": not a tokenizer.json")
        .hasMessageContaining("expected struct Tokenizer");
  }

  @Test
  void tokenizersThatCannotFeedAnEncoder() throws Exception {
    Path bare = Files.writeString(dir.resolve("bare.json"), TinyTokenizers.withoutPostProcessor());
    assertFails(bare, 8).hasMessage(bare + ": the tokenizer puts no special token such as [CLS] "
        + "or <s> first (no post-processor adds one), but an encoder classifies from position 0");
    Path three = Files.writeString(dir.resolve("three.json"), TinyTokenizers.threeSpecialTokens());
    assertFails(three, 2).hasMessage(
        three + ": the tokenizer adds 3 special tokens to every text, more than maxLength 2");
    try (TextTokenizer tokenizer = TextTokenizer.open(three, 3)) {
      assertThat(tokenizer.encode("hello").ids()).containsExactly(0, 0, 2);
    }
    assertThatThrownBy(() -> TextTokenizer.open(miniLm, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLength must be at least 2, got 1");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      Path file, int maxLength) {
    return assertThatThrownBy(() -> TextTokenizer.open(file, maxLength).close())
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
