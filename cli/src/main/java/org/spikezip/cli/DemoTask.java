package org.spikezip.cli;

import java.util.Locale;

/** What {@code spikezip demo --task} runs the pipeline on. */
enum DemoTask {
  /** A ViT trained from scratch on images (Fashion-MNIST by default). */
  VISION,
  /** The pretrained all-MiniLM-L6-v2 (BERT) fine-tuned with ReLU on labelled sentences (UCI sentiment by default). */
  SENTIMENT;

  static DemoTask parse(String s) {
    for (DemoTask t : values()) {
      if (t.name().equalsIgnoreCase(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task '" + s + "'; known: vision, sentiment");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
