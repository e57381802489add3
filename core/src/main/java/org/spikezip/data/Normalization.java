package org.spikezip.data;

import java.util.Arrays;

/**
 * Per-channel normalisation of pixel values: {@code out[c] = (x[c] - mean[c]) / std[c]} with
 * {@code x} in [0, 1].
 *
 * <p>{@code mean} and {@code std} have one entry per channel, or one entry that applies to every
 * channel. The original SpikeZIP-TF uses 0.5/0.5 ({@link #HALF}), which maps [0, 1] to [-1, 1].
 *
 * @param mean per-channel means (length 1 or the channel count), finite
 * @param std per-channel standard deviations (same length as {@code mean}), finite and positive
 */
public record Normalization(double[] mean, double[] std) {

  /** Mean 0.5 and std 0.5 on every channel, as the original SpikeZIP-TF: [0, 1] becomes [-1, 1]. */
  public static final Normalization HALF = uniform(0.5, 0.5);

  /** The identity: pixel values stay in [0, 1]. */
  public static final Normalization NONE = uniform(0.0, 1.0);

  /** The ImageNet RGB statistics torchvision and timm models are trained with. */
  public static final Normalization IMAGENET =
      new Normalization(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});

  /** Validates and copies the arrays. */
  public Normalization {
    if (mean == null || std == null) {
      throw new IllegalArgumentException("mean and std must not be null");
    }
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean and std must have the same non-zero length, got "
              + mean.length + " and " + std.length);
    }
    mean = mean.clone();
    std = std.clone();
    for (int c = 0; c < mean.length; c++) {
      if (!Double.isFinite(mean[c])) {
        throw new IllegalArgumentException("mean[" + c + "] must be finite, got " + mean[c]);
      }
      if (!(std[c] > 0) || !Double.isFinite(std[c])) {
        throw new IllegalArgumentException(
            "std[" + c + "] must be finite and positive, got " + std[c]);
      }
    }
  }

  /** The same mean and std on every channel. */
  public static Normalization uniform(double mean, double std) {
    return new Normalization(new double[] {mean}, new double[] {std});
  }

  /** A copy of the means. */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** A copy of the standard deviations. */
  @Override
  public double[] std() {
    return std.clone();
  }

  /** Whether these statistics fit {@code channels} channels (one entry, or one per channel). */
  public boolean fits(int channels) {
    return mean.length == 1 || mean.length == channels;
  }

  /** The mean used for channel {@code c}. */
  public double mean(int c) {
    return mean.length == 1 ? mean[0] : mean[c];
  }

  /** The standard deviation used for channel {@code c}. */
  public double std(int c) {
    return std.length == 1 ? std[0] : std[c];
  }

  /** {@code (x - mean(c)) / std(c)}. */
  public double apply(int c, double x) {
    return (x - mean(c)) / std(c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization
        && Arrays.equals(mean, ((Normalization) o).mean)
        && Arrays.equals(std, ((Normalization) o).std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
