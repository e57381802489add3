package org.spikezip.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects texts and their labels as a reader finds them, then makes a {@link TextDataset}. */
final class TextCollector {
  private final List<String> texts = new ArrayList<>();
  private int[] labels = new int[1024];

  void add(String text, int label) {
    if (texts.size() == labels.length) {
      labels = Arrays.copyOf(labels, 2 * labels.length);
    }
    labels[texts.size()] = label;
    texts.add(text);
  }

  int size() {
    return texts.size();
  }

  TextDataset build(String name, List<String> classNames) {
    return new TextDataset(name, texts, Arrays.copyOf(labels, texts.size()), classNames);
  }
}
