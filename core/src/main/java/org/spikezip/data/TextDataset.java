package org.spikezip.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Labelled texts: {@code n} strings with a class index each, for sentence classification.
 *
 * <p>{@link #holdOut(int, long)} splits the dataset into training and test parts, stratified by
 * class and reproducible from a seed; {@link #limit(int)} draws a smaller stratified sample for
 * quick runs. Both keep the examples in dataset order.
 *
 * <p>Immutable: the constructor copies its lists and array, and {@link #labels()} hands out a copy.
 *
 * @param name where the texts come from (a file or directory), for messages and reports
 * @param texts the examples, in dataset order
 * @param labels the class index of each text, each in {@code [0, classNames.size())}
 * @param classNames class names, indexed by label; at least one
 */
public record TextDataset(String name, List<String> texts, int[] labels, List<String> classNames) {
  /** The seed of {@link #limit(int)}, so that the same {@code n} always picks the same examples. */
  public static final long LIMIT_SEED = 0;

  public TextDataset {
    if (name == null) {
      throw new IllegalArgumentException("name must not be null");
    }
    texts = copyWithoutNulls(texts, "text");
    labels = labels.clone();
    classNames = copyWithoutNulls(classNames, "class name");
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("classNames must not be empty");
    }
    if (texts.size() != labels.length) {
      throw new IllegalArgumentException("texts and labels must have the same count, got "
          + texts.size() + " and " + labels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "label " + i + " must be in [0, " + classNames.size() + "), got " + labels[i]);
      }
    }
  }

  /** Number of texts. */
  public int size() {
    return labels.length;
  }

  public int numClasses() {
    return classNames.size();
  }

  /** Text {@code i}. */
  public String text(int i) {
    return texts.get(checkIndex(i));
  }

  /** The class index of text {@code i}. */
  public int label(int i) {
    return labels[checkIndex(i)];
  }

  /** All labels, in dataset order (a copy). */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** How many texts each class has, indexed by label. */
  public int[] labelCounts() {
    int[] counts = new int[classNames.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** A dataset of the texts at {@code indices} (repeats allowed), in that order. */
  public TextDataset subset(int[] indices) {
    List<String> selectedTexts = new ArrayList<>(indices.length);
    int[] selectedLabels = new int[indices.length];
    for (int b = 0; b < indices.length; b++) {
      selectedTexts.add(texts.get(checkIndex(indices[b])));
      selectedLabels[b] = labels[indices[b]];
    }
    return new TextDataset(name, selectedTexts, selectedLabels, classNames);
  }

  /**
   * Splits off {@code testCount} texts for testing, stratified by class; the rest is for training.
   *
   * <p>Class {@code c} with {@code n_c} of the {@code n} texts gives {@code floor(testCount * n_c /
   * n)} test texts, and the texts still missing go one each to the classes with the largest
   * remainders (ties to the lower label), so every class keeps its proportion as well as integer
   * counts allow. Which texts of a class go to the test part is decided by shuffling the class's
   * indices with {@code new Random(seed)}, class by class in label order, so the same seed always
   * gives the same split. Both parts keep dataset order, and no text is in both.
   *
   * @param testCount the size of the test part, in {@code [1, size() - 1]}
   */
  public TextSplit holdOut(int testCount, long seed) {
    if (testCount < 1 || testCount > size() - 1) {
      throw new IllegalArgumentException("testCount must be in [1, size - 1] = [1, " + (size() - 1)
          + "] for " + size() + " texts, got " + testCount);
    }
    boolean[] inTest = stratifiedSample(testCount, seed);
    int[] train = new int[size() - testCount];
    int[] test = new int[testCount];
    int trainCount = 0;
    int testIndex = 0;
    for (int i = 0; i < size(); i++) {
      if (inTest[i]) {
        test[testIndex++] = i;
      } else {
        train[trainCount++] = i;
      }
    }
    return new TextSplit(subset(train), subset(test));
  }

  /**
   * A stratified sample of {@code n} texts for quick runs: the test part of {@code holdOut(n,
   * LIMIT_SEED)}, in dataset order, so class proportions are kept and the same {@code n} always
   * gives the same texts. The whole dataset if {@code n >= size()}.
   *
   * @param n the number of texts, non-negative
   */
  public TextDataset limit(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be non-negative, got " + n);
    }
    if (n >= size()) {
      return this;
    }
    if (n == 0) {
      return subset(new int[0]);
    }
    return holdOut(n, LIMIT_SEED).test();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TextDataset d && name.equals(d.name) && texts.equals(d.texts)
        && Arrays.equals(labels, d.labels) && classNames.equals(d.classNames);
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + texts.hashCode()) * 31 + Arrays.hashCode(labels)) * 31
        + classNames.hashCode();
  }

  @Override
  public String toString() {
    return "TextDataset[" + name + ": " + size() + " texts, " + classNames.size() + " classes]";
  }

  /** Marks the texts of a stratified sample of {@code count}, as {@link #holdOut} describes. */
  private boolean[] stratifiedSample(int count, long seed) {
    int[] classCounts = labelCounts();
    int[] quota = new int[classCounts.length];
    long[] remainder = new long[classCounts.length];
    int assigned = 0;
    for (int c = 0; c < classCounts.length; c++) {
      long share = (long) count * classCounts[c];
      quota[c] = (int) (share / size());
      remainder[c] = share % size();
      assigned += quota[c];
    }
    for (; assigned < count; assigned++) {
      int best = 0;
      for (int c = 1; c < classCounts.length; c++) {
        if (remainder[c] > remainder[best]) {
          best = c;
        }
      }
      quota[best]++;
      remainder[best] = -1;
    }
    List<List<Integer>> members = new ArrayList<>(classCounts.length);
    for (int c = 0; c < classCounts.length; c++) {
      members.add(new ArrayList<>(classCounts[c]));
    }
    for (int i = 0; i < size(); i++) {
      members.get(labels[i]).add(i);
    }
    Random random = new Random(seed);
    boolean[] chosen = new boolean[size()];
    for (int c = 0; c < classCounts.length; c++) {
      Collections.shuffle(members.get(c), random);
      for (int k = 0; k < quota[c]; k++) {
        chosen[members.get(c).get(k)] = true;
      }
    }
    return chosen;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= labels.length) {
      throw new IndexOutOfBoundsException(
          "text index must be in [0, " + labels.length + "), got " + i);
    }
    return i;
  }

  private static List<String> copyWithoutNulls(List<String> values, String what) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new IllegalArgumentException(what + " " + i + " must not be null");
      }
    }
    return List.copyOf(values);
  }
}
