package org.spikezip.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.spikezip.data.ImageDataset;
import org.spikezip.model.Activation;
import org.spikezip.model.VitConfig;

/** Small synthetic datasets and configs the training tests build for themselves. */
final class TinyData {
  private TinyData() {}

  /** img 8, patch 4, 1 channel, dim 16, depth 1, 2 heads, MLP ratio 2, 3 classes. */
  static VitConfig tinyConfig() {
    return new VitConfig(8, 4, 1, 16, 1, 2, 2, 3, true, 1e-6, Activation.RELU, false);
  }

  /**
   * {@code n} grey {@code size x size} images of three learnable classes: class c has a bright
   * patch in quadrant c (0 top-left, 1 top-right, 2 bottom-left), over noise.
   */
  static ImageDataset quadrants(int n, int size, long seed) {
    Random r = new Random(seed);
    byte[][] images = new byte[n][size * size];
    int[] labels = new int[n];
    int half = size / 2;
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      labels[i] = c;
      int y0 = c == 2 ? half : 0;
      int x0 = c == 1 ? half : 0;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          boolean bright = y >= y0 && y < y0 + half && x >= x0 && x < x0 + half;
          int v = (bright ? 150 : 0) + r.nextInt(100);
          images[i][y * size + x] = (byte) v;
        }
      }
    }
    return ImageDataset.wrap("quadrants", 1, size, size, 255, images, labels, List.of("tl", "tr", "bl"));
  }

  /** {@code n} random RGB images with random labels among {@code classes}. */
  static ImageDataset noise(int n, int size, int classes, long seed) {
    Random r = new Random(seed);
    byte[][] images = new byte[n][3 * size * size];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      r.nextBytes(images[i]);
      labels[i] = r.nextInt(classes);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("c" + c);
    }
    return ImageDataset.wrap("noise", 3, size, size, 255, images, labels, names);
  }
}
