package org.spikezip.data;

import java.util.Arrays;
import java.util.List;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Labelled images of one size: {@code n} images of {@code [channels, height, width]} with a class
 * index each.
 *
 * <p>Each image is kept as unsigned bytes {@code 0..pixelMax}, row-major {@code [channels, height,
 * width]}, standing for the values {@code byte / pixelMax} in [0, 1] (pixelMax is 255 for 8-bit
 * images and 16 for the sklearn digits). So 60,000 Fashion-MNIST images take 48 MB and 50,000
 * CIFAR images 155 MB, and subsets share the images rather than copy them.
 * {@link #batch(int[], Normalization)} turns a selection into a normalised {@code [B, C, H, W]}
 * tensor.
 *
 * <p>Immutable: the arrays are owned by the dataset (and shared by its subsets), and every accessor
 * hands out copies.
 */
public final class ImageDataset {
  private final String source;
  private final int channels;
  private final int height;
  private final int width;
  private final int pixelMax;
  private final byte[][] images;
  private final int[] labels;
  private final List<String> classNames;

  private ImageDataset(
      String source, int channels, int height, int width, int pixelMax,
      byte[][] images, int[] labels, List<String> classNames) {
    this.source = source;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.pixelMax = pixelMax;
    this.images = images;
    this.labels = labels;
    this.classNames = classNames;
  }

  /**
   * Wraps image and label arrays, which the caller hands over (no copy).
   *
   * @param source where the images come from (a file or directory), for messages
   * @param images one array per image of {@code channels * height * width} unsigned bytes, each at
   *     most {@code pixelMax}, row-major {@code [channels, height, width]}
   * @param pixelMax the byte value that stands for 1.0, in 1..255
   * @param labels class indices, each in {@code [0, classNames.size())}
   * @throws IllegalArgumentException if the sizes or values break these rules (readers check their
   *     input first and report bad files as {@code InvalidInputException})
   */
  public static ImageDataset wrap(
      String source, int channels, int height, int width, int pixelMax,
      byte[][] images, int[] labels, List<String> classNames) {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "channels, height and width must be positive, got "
              + channels + "x" + height + "x" + width);
    }
    if (pixelMax < 1 || pixelMax > 255) {
      throw new IllegalArgumentException("pixelMax must be in 1..255, got " + pixelMax);
    }
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("classNames must not be empty");
    }
    if (images.length != labels.length) {
      throw new IllegalArgumentException(
          "images and labels must have the same count, got "
              + images.length + " and " + labels.length);
    }
    long imageSize = (long) channels * height * width;
    for (int i = 0; i < images.length; i++) {
      if (images[i].length != imageSize) {
        throw new IllegalArgumentException(
            "image " + i + " of " + channels + "x" + height + "x" + width + " needs " + imageSize
                + " bytes, got " + images[i].length);
      }
      if (pixelMax < 255) {
        for (int k = 0; k < images[i].length; k++) {
          if ((images[i][k] & 0xff) > pixelMax) {
            throw new IllegalArgumentException("pixel " + k + " of image " + i
                + " must be at most pixelMax " + pixelMax + ", got " + (images[i][k] & 0xff));
          }
        }
      }
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "label " + i + " must be in [0, " + classNames.size() + "), got " + labels[i]);
      }
    }
    return new ImageDataset(
        source, channels, height, width, pixelMax, images, labels, List.copyOf(classNames));
  }

  /** Where the images come from (a file or directory). */
  public String source() {
    return source;
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** The shape of one image, {@code [channels, height, width]}. */
  public Shape imageShape() {
    return Shape.of(channels, height, width);
  }

  /** Values per image: {@code channels * height * width}. */
  public int imageSize() {
    return channels * height * width;
  }

  /** The stored byte value that stands for 1.0 (255 for 8-bit images, 16 for sklearn digits). */
  public int pixelMax() {
    return pixelMax;
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Class names, indexed by label. */
  public List<String> classNames() {
    return classNames;
  }

  public int numClasses() {
    return classNames.size();
  }

  /** The class index of image {@code i}. */
  public int label(int i) {
    return labels[checkIndex(i)];
  }

  /** All labels, in image order (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /** The labels of the images at {@code indices}. */
  public int[] labels(int[] indices) {
    int[] out = new int[indices.length];
    for (int b = 0; b < indices.length; b++) {
      out[b] = labels[checkIndex(indices[b])];
    }
    return out;
  }

  /** How many images each class has, indexed by label. */
  public int[] labelCounts() {
    int[] counts = new int[classNames.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** The stored bytes of image {@code i} as ints {@code 0..pixelMax}, {@code [C, H, W]}. */
  public int[] rawImage(int i) {
    byte[] image = images[checkIndex(i)];
    int[] out = new int[image.length];
    for (int k = 0; k < image.length; k++) {
      out[k] = image[k] & 0xff;
    }
    return out;
  }

  /** Image {@code i} with values in [0, 1], {@code [C, H, W]} row-major. */
  public double[] image(int i) {
    return image(i, Normalization.NONE);
  }

  /** Image {@code i} normalised per channel, {@code [C, H, W]} row-major. */
  public double[] image(int i, Normalization norm) {
    return batch(new int[] {i}, norm).data();
  }

  /**
   * The images at {@code indices} (repeats allowed), normalised, as an F64 tensor of shape
   * {@code [B, C, H, W]} with {@code B = indices.length}.
   */
  public Tensor batch(int[] indices, Normalization norm) {
    if (!norm.fits(channels)) {
      throw new IllegalArgumentException(
          "normalisation " + norm + " needs 1 or " + channels + " channels' statistics for "
              + source);
    }
    int plane = height * width;
    int size = imageSize();
    double[][] lookup = new double[channels][pixelMax + 1];
    for (int c = 0; c < channels; c++) {
      for (int v = 0; v <= pixelMax; v++) {
        lookup[c][v] = norm.apply(c, (double) v / pixelMax);
      }
    }
    double[] out = new double[Math.multiplyExact(indices.length, size)];
    for (int b = 0; b < indices.length; b++) {
      byte[] image = images[checkIndex(indices[b])];
      int from = 0;
      int to = b * size;
      for (int c = 0; c < channels; c++) {
        double[] values = lookup[c];
        for (int k = 0; k < plane; k++) {
          out[to + k] = values[image[from + k] & 0xff];
        }
        from += plane;
        to += plane;
      }
    }
    return Tensor.wrap(Shape.of(indices.length, channels, height, width), out);
  }

  /** Images {@code from} to {@code to} - 1, normalised, {@code [B, C, H, W]}. */
  public Tensor batch(int from, int to, Normalization norm) {
    return batch(range(from, to), norm);
  }

  /** A dataset of the images at {@code indices} (repeats allowed), in that order. */
  public ImageDataset subset(int[] indices) {
    byte[][] selected = new byte[indices.length][];
    for (int b = 0; b < indices.length; b++) {
      selected[b] = images[checkIndex(indices[b])];
    }
    return new ImageDataset(
        source, channels, height, width, pixelMax, selected, labels(indices), classNames);
  }

  /** The first {@code n} images, or all of them if there are fewer. */
  public ImageDataset first(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be non-negative, got " + n);
    }
    int count = Math.min(n, size());
    return new ImageDataset(
        source, channels, height, width, pixelMax,
        Arrays.copyOf(images, count), Arrays.copyOf(labels, count), classNames);
  }

  @Override
  public String toString() {
    return "ImageDataset[" + source + ": " + size() + " images of " + channels + "x" + height + "x"
        + width + ", " + classNames.size() + " classes]";
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= labels.length) {
      throw new IndexOutOfBoundsException(
          "image index must be in [0, " + labels.length + "), got " + i);
    }
    return i;
  }

  private int[] range(int from, int to) {
    if (from < 0 || to < from || to > labels.length) {
      throw new IndexOutOfBoundsException(
          "range [" + from + ", " + to + ") must lie within [0, " + labels.length + "]");
    }
    int[] indices = new int[to - from];
    for (int k = 0; k < indices.length; k++) {
      indices[k] = from + k;
    }
    return indices;
  }
}
