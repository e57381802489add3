package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class ImageDatasetTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  /** Three images of 2 channels, 1x2 pixels: image i holds bytes 10i+0..3. */
  private static ImageDataset sample() {
    byte[][] images = new byte[3][4];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 4; k++) {
        images[i][k] = (byte) (10 * i + k);
      }
    }
    return ImageDataset.wrap("mem", 2, 1, 2, 255, images, new int[] {2, 0, 2}, NAMES);
  }

  @Test
  void exposesSizesLabelsAndPixels() {
    ImageDataset d = sample();
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.imageShape()).isEqualTo(Shape.of(2, 1, 2));
    assertThat(d.imageSize()).isEqualTo(4);
    assertThat(d.numClasses()).isEqualTo(3);
    assertThat(d.label(0)).isEqualTo(2);
    assertThat(d.labels()).containsExactly(2, 0, 2);
    assertThat(d.labelCounts()).containsExactly(1, 0, 2);
    assertThat(d.rawImage(1)).containsExactly(10, 11, 12, 13);
    assertThat(d.image(1)).containsExactly(10 / 255.0, 11 / 255.0, 12 / 255.0, 13 / 255.0);
    assertThat(d.toString()).contains("mem", "3 images of 2x1x2", "3 classes");
  }

  @Test
  void batchNormalisesPerChannelInIndexOrder() {
    ImageDataset d = sample();
    Normalization n = new Normalization(new double[] {0.0, 0.5}, new double[] {1.0, 0.5});
    Tensor t = d.batch(new int[] {2, 0}, n);
    assertThat(t.shape()).isEqualTo(Shape.of(2, 2, 1, 2));
    assertThat(t.toArray()).containsExactly(
        20 / 255.0, 21 / 255.0, (22 / 255.0 - 0.5) / 0.5, (23 / 255.0 - 0.5) / 0.5,
        0 / 255.0, 1 / 255.0, (2 / 255.0 - 0.5) / 0.5, (3 / 255.0 - 0.5) / 0.5);
    assertThat(d.batch(1, 3, Normalization.HALF).toArray()).startsWith((10 / 255.0 - 0.5) / 0.5);
    assertThat(d.labels(new int[] {2, 0})).containsExactly(2, 2);
    assertThat(d.image(0, Normalization.HALF)[0]).isEqualTo(-1.0);
  }

  @Test
  void subsetAndFirstKeepOrderAndClasses() {
    ImageDataset d = sample();
    ImageDataset s = d.subset(new int[] {1, 1, 0});
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.labels()).containsExactly(0, 0, 2);
    assertThat(s.rawImage(0)).containsExactly(10, 11, 12, 13);
    assertThat(s.classNames()).isEqualTo(NAMES);
    ImageDataset f = d.first(2);
    assertThat(f.labels()).containsExactly(2, 0);
    assertThat(f.rawImage(1)).containsExactly(10, 11, 12, 13);
    assertThat(d.first(10).size()).isEqualTo(3);
    assertThat(d.first(0).size()).isZero();
  }

  @Test
  void smallPixelMaxScalesToUnitInterval() {
    ImageDataset d = ImageDataset.wrap(
        "mem", 1, 1, 2, 16, new byte[][] {{0, 16}}, new int[] {0}, List.of("x"));
    assertThat(d.image(0)).containsExactly(0.0, 1.0);
    assertThat(d.batch(new int[] {0}, Normalization.HALF).toArray()).containsExactly(-1.0, 1.0);
  }

  @Test
  void refusesInconsistentArraysAndBadIndices() {
    assertThatThrownBy(() -> ImageDataset.wrap(
            "mem", 1, 1, 2, 255, new byte[][] {{0, 1, 2}}, new int[] {0}, NAMES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image 0");
    assertThatThrownBy(() -> ImageDataset.wrap(
            "mem", 1, 1, 2, 255, new byte[][] {{0, 1}}, new int[] {3}, NAMES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 0");
    assertThatThrownBy(() -> ImageDataset.wrap(
            "mem", 1, 1, 2, 16, new byte[][] {{0, 17}}, new int[] {0}, NAMES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixelMax 16");
    assertThatThrownBy(() -> ImageDataset.wrap(
            "mem", 1, 1, 2, 255, new byte[][] {{0, 1}}, new int[] {0, 1}, NAMES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same count");
    ImageDataset d = sample();
    assertThatThrownBy(() -> d.image(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> d.batch(2, 4, Normalization.HALF))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> d.batch(new int[] {0}, Normalization.IMAGENET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 channels");
  }

  @Test
  void accessorsDoNotExposeState() {
    ImageDataset d = sample();
    d.labels()[0] = 1;
    d.rawImage(0)[0] = 99;
    d.batch(new int[] {0}, Normalization.NONE).data()[0] = 5;
    assertThat(d.label(0)).isEqualTo(2);
    assertThat(d.rawImage(0)[0]).isZero();
    assertThat(d.image(0)[0]).isZero();
    assertThatThrownBy(() -> d.classNames().add("d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
