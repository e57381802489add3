package org.spikezip.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spikezip.error.InvalidInputException;

/**
 * Fashion-MNIST (Zalando, MIT licence): 28x28 grey images of 10 clothing classes, 60,000 for
 * training and 10,000 for testing, in the IDX files of the original release.
 *
 * <p>{@link #load(Path, Split)} looks in a directory for the standard file names
 * ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code
 * t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}, or the same without {@code .gz})
 * and reads them with {@link IdxReader}. The Debian package {@code dataset-fashion-mnist} installs
 * them in {@link #DEBIAN_DIR}.
 */
public final class FashionMnist {
  /** Where the Debian package {@code dataset-fashion-mnist} installs the IDX files. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** The class names, indexed by label. */
  public static final List<String> CLASS_NAMES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private FashionMnist() {}

  /** Reads one split from {@link #DEBIAN_DIR}. */
  public static ImageDataset load(Split split) throws InvalidInputException {
    return load(DEBIAN_DIR, split);
  }

  /**
   * Reads one split from {@code dir}.
   *
   * @throws InvalidInputException if a file is missing (the message says how to install the data)
   *     or malformed
   */
  public static ImageDataset load(Path dir, Split split) throws InvalidInputException {
    String prefix = split == Split.TRAIN ? "train" : "t10k";
    Path images = find(dir, prefix + "-images-idx3-ubyte", split);
    Path labels = find(dir, prefix + "-labels-idx1-ubyte", split);
    return IdxReader.read(images, labels, CLASS_NAMES);
  }

  private static Path find(Path dir, String baseName, Split split) throws InvalidInputException {
    Path gzipped = dir.resolve(baseName + ".gz");
    if (Files.isRegularFile(gzipped)) {
      return gzipped;
    }
    Path plain = dir.resolve(baseName);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    throw new InvalidInputException(
        gzipped + ": file not found (nor " + baseName + "); the Fashion-MNIST "
            + (split == Split.TRAIN ? "training" : "test") + " split is missing: install the "
            + "Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) "
            + "or give the directory that holds the IDX files");
  }
}
