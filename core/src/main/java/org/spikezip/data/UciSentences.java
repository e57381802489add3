package org.spikezip.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spikezip.error.InvalidInputException;

/**
 * The UCI "Sentiment Labelled Sentences" (Kotzias et al., 2015): 3,000 short review sentences,
 * 1,000 each from Amazon, Yelp and IMDb, half negative (0) and half positive (1).
 *
 * <p>{@link #read(Path)} takes the copy shipped by the npm package {@code sentiment@5.0.2} in
 * {@code package/test/fixtures/{amazon,yelp,imdb}.json}: each a JSON array of {@code {"text":
 * "...", "class": 0|1}} that ends with the placeholder {@code {"text": "", "class": null}}, which
 * is skipped (a null class anywhere else is an error). The sentences come in the order amazon,
 * yelp, imdb, each file in its own order.
 */
public final class UciSentences {
  /** The fixture files, in reading order, without {@code .json}. */
  public static final List<String> SOURCES = List.of("amazon", "yelp", "imdb");

  /** The class names, indexed by label. */
  public static final List<String> CLASS_NAMES = List.of("negative", "positive");

  private static final JsonTextArray.Format FORMAT =
      new JsonTextArray.Format("text", "class", CLASS_NAMES.size(), true);

  private UciSentences() {}

  /**
   * Reads the three fixture files.
   *
   * @param dir the fixtures directory itself, or the npm package root ({@code .../package} or
   *     {@code .../node_modules/sentiment}) with {@code test/fixtures} below it
   * @throws InvalidInputException if the directory or a file is missing, a file is not a JSON array
   *     of such items, or a file holds no sentence
   */
  public static TextDataset read(Path dir) throws InvalidInputException {
    Path fixtures = fixtures(dir);
    TextCollector out = new TextCollector();
    for (String source : SOURCES) {
      Path file = fixtures.resolve(source + ".json");
      int before = out.size();
      JsonTextArray.read(file, FORMAT, 0, out);
      if (out.size() == before) {
        throw new InvalidInputException(
            file + ": expected labelled sentences " + FORMAT.describe() + ", found none");
      }
    }
    return out.build(fixtures.toString(), CLASS_NAMES);
  }

  private static Path fixtures(Path dir) throws InvalidInputException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": "
          + (Files.exists(dir) ? "not a directory" : "directory not found")
          + "; expected the fixtures of the npm package sentiment@5.0.2 or the package itself");
    }
    for (String source : SOURCES) {
      if (Files.exists(dir.resolve(source + ".json"))) {
        return dir;
      }
    }
    Path below = dir.resolve("test").resolve("fixtures");
    if (Files.isDirectory(below)) {
      return below;
    }
    throw new InvalidInputException(dir + ": expected amazon.json, yelp.json and imdb.json of the "
        + "npm package sentiment@5.0.2 in it or in test/fixtures below it");
  }
}
