package org.spikezip.model;

import java.util.List;

/**
 * Labelled token sequences for an encoder classifier: what training, evaluation and simulation of
 * a text model consume once the text is tokenized.
 *
 * @param inputs one unpadded sequence per example
 * @param labels class index per example, in {@code [0, classNames.size())}
 * @param classNames the class names, by index
 */
public record EncoderExamples(List<EncoderInput> inputs, int[] labels, List<String> classNames) {
  public EncoderExamples {
    inputs = List.copyOf(inputs);
    labels = labels.clone();
    classNames = List.copyOf(classNames);
    if (inputs.size() != labels.length) {
      throw new IllegalArgumentException("need one label per sequence, got " + inputs.size() + " sequences and "
          + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside [0, "
            + classNames.size() + ")");
      }
    }
  }

  public int size() {
    return labels.length;
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  public int label(int i) {
    return labels[i];
  }

  /** The examples at {@code indices}, in that order. */
  public EncoderExamples subset(int[] indices) {
    EncoderInput[] in = new EncoderInput[indices.length];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      in[i] = inputs.get(indices[i]);
      l[i] = labels[indices[i]];
    }
    return new EncoderExamples(List.of(in), l, classNames);
  }

  /** The longest sequence's length. */
  public int maxLength() {
    return inputs.stream().mapToInt(EncoderInput::length).max().orElse(0);
  }
}
