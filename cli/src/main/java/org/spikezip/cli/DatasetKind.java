package org.spikezip.cli;

/** The dataset layouts {@code --dataset} reads (see {@code org.spikezip.data}). */
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
  FOLDER;

  /** Parses the option spelling: fashion-mnist, digits, cifar10, cifar100, folder. */
  static DatasetKind parse(String s) {
    for (DatasetKind k : values()) {
      if (k.name().replace('_', '-').equalsIgnoreCase(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown dataset '" + s + "'; known: fashion-mnist, digits, cifar10, cifar100, folder");
  }
}
