package org.spikezip.train;

/** Training-time image augmentation. */
public enum Augmentation {
  /** Images as they are (the default: in short runs augmentation costs accuracy). */
  NONE,
  /**
   * Random crop after padding each side by {@code max(1, size/8)} pixels of the normalised value of
   * black, and a horizontal flip with probability one half.
   */
  CROP_FLIP
}
