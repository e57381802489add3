package org.spikezip.data;

/** Which label of a CIFAR-100 record to use: the 100 fine classes or the 20 superclasses. */
public enum Cifar100Labels {
  /** The 100 classes, second byte of each record, names in {@code fine_label_names.txt}. */
  FINE(100, 1, "fine_label_names.txt"),
  /** The 20 superclasses, first byte of each record, names in {@code coarse_label_names.txt}. */
  COARSE(20, 0, "coarse_label_names.txt");

  private final int classes;
  private final int byteOffset;
  private final String namesFile;

  Cifar100Labels(int classes, int byteOffset, String namesFile) {
    this.classes = classes;
    this.byteOffset = byteOffset;
    this.namesFile = namesFile;
  }

  /** Number of classes. */
  public int classes() {
    return classes;
  }

  /** Position of this label within a record's two label bytes. */
  int byteOffset() {
    return byteOffset;
  }

  /** The file of class names, one per line, in the CIFAR-100 binary release. */
  public String namesFile() {
    return namesFile;
  }
}
