package org.spikezip.data;

/**
 * A dataset divided into a training part and a disjoint test part, as {@link
 * TextDataset#holdOut(int, long)} makes it.
 */
public record TextSplit(TextDataset train, TextDataset test) {
  public TextSplit {
    if (train == null || test == null) {
      throw new IllegalArgumentException("train and test must not be null");
    }
  }
}
