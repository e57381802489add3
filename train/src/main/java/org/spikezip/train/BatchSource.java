package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.Normalization;
import org.spikezip.model.VitConfig;

/**
 * Mini-batches of a dataset as DJL arrays: a seeded shuffle per epoch, normalisation, optional
 * augmentation ({@link Augmentation}).
 */
final class BatchSource {
  private final ImageDataset data;
  private final Normalization norm;
  private final int batchSize;
  private final Augmentation augmentation;
  private final long seed;

  BatchSource(ImageDataset data, VitConfig config, Normalization norm, int batchSize, Augmentation augmentation,
      long seed) {
    checkFits(data, config);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException("dataset " + data.source() + " has no images");
    }
    this.data = data;
    this.norm = norm;
    this.batchSize = batchSize;
    this.augmentation = augmentation;
    this.seed = seed;
  }

  /** Throws if the dataset's images are not the model's input size or its classes exceed the head. */
  static void checkFits(ImageDataset data, VitConfig config) {
    if (data.channels() != config.inChans() || data.height() != config.imgSize()
        || data.width() != config.imgSize()) {
      throw new IllegalArgumentException("images of " + data.source() + " are " + data.channels() + "x"
          + data.height() + "x" + data.width() + ", the model takes " + config.inChans() + "x"
          + config.imgSize() + "x" + config.imgSize());
    }
    if (data.numClasses() > config.numClasses()) {
      throw new IllegalArgumentException(data.source() + " has " + data.numClasses()
          + " classes, the model's head only " + config.numClasses());
    }
  }

  int size() {
    return data.size();
  }

  /** Batches per epoch (the last one may be smaller). */
  int batches() {
    return (data.size() + batchSize - 1) / batchSize;
  }

  /** The image indices of every batch of epoch {@code epoch} (1-based), shuffled from the seed. */
  List<int[]> epoch(int epoch) {
    int n = data.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return split(order);
  }

  /** The indices in order, split into batches (evaluation). */
  List<int[]> sequential() {
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return split(order);
  }

  private List<int[]> split(int[] order) {
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += batchSize) {
      int[] b = new int[Math.min(batchSize, order.length - from)];
      System.arraycopy(order, from, b, 0, b.length);
      batches.add(b);
    }
    return batches;
  }

  /**
   * The normalised images {@code [B, C, H, W]}; augmented (from a seed derived from the first
   * index and {@code salt}) when {@code train} and the source augments.
   */
  NDArray images(NDManager m, int[] indices, DataType type, boolean train, long salt) {
    double[] values = data.batch(indices, norm).data();
    if (train && augmentation == Augmentation.CROP_FLIP) {
      values = cropFlip(values, indices.length, new SplittableRandom(seed ^ (salt * 0x9E3779B97F4A7C15L)));
    }
    Shape shape = new Shape(indices.length, data.channels(), data.height(), data.width());
    if (type == DataType.FLOAT64) {
      return m.create(values, shape);
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return m.create(f, shape);
  }

  /** The labels {@code [B]} as int64. */
  NDArray labels(NDManager m, int[] indices) {
    int[] labels = data.labels(indices);
    long[] l = new long[labels.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels[i];
    }
    return m.create(l);
  }

  int[] labelArray(int[] indices) {
    return data.labels(indices);
  }

  private double[] cropFlip(double[] images, int count, SplittableRandom r) {
    int c = data.channels();
    int h = data.height();
    int w = data.width();
    int pad = Math.max(1, Math.min(h, w) / 8);
    double[] out = new double[images.length];
    for (int b = 0; b < count; b++) {
      int dy = r.nextInt(2 * pad + 1) - pad;
      int dx = r.nextInt(2 * pad + 1) - pad;
      boolean flip = r.nextBoolean();
      for (int ch = 0; ch < c; ch++) {
        double black = norm.apply(ch, 0.0);
        int plane = (b * c + ch) * h * w;
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int sy = y + dy;
            int sx = (flip ? w - 1 - x : x) + dx;
            out[plane + y * w + x] = sy < 0 || sy >= h || sx < 0 || sx >= w ? black : images[plane + sy * w + sx];
          }
        }
      }
    }
    return out;
  }
}
