package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class ImageFolderReaderTest {
  @TempDir Path root;

  /** A 4x4 RGB image whose pixel (y, x) is (r0 + 4y + x, 10x, 20y). */
  private static BufferedImage rgb(int r0) {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        image.setRGB(x, y, ((r0 + 4 * y + x) << 16) | ((10 * x) << 8) | (20 * y));
      }
    }
    return image;
  }

  private static BufferedImage grey(int width, int height, int value) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, value + x);
      }
    }
    return image;
  }

  private static BufferedImage uniform(int width, int height, int rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  private Path save(BufferedImage image, String format, String relative) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    return file;
  }

  @Test
  void readsClassesInNameOrderWithExactPngPixels() throws Exception {
    save(rgb(100), "png", "zebra/b.png");
    save(rgb(50), "png", "zebra/a.PNG");
    save(grey(4, 4, 30), "png", "ant/only.png");
    Files.writeString(root.resolve("zebra/notes.txt"), "not an image");
    Files.createDirectories(root.resolve(".hidden"));
    Files.writeString(root.resolve("README"), "a file at the root is not a class");

    ImageDataset d = ImageFolderReader.read(root, 4);
    assertThat(d.classNames()).containsExactly("ant", "zebra");
    assertThat(d.labels()).containsExactly(0, 1, 1);
    assertThat(d.imageShape().dims()).containsExactly(3, 4, 4);
    int[] ant = d.rawImage(0);
    for (int c = 0; c < 3; c++) {
      assertThat(Arrays.copyOfRange(ant, 16 * c, 16 * c + 4)).containsExactly(30, 31, 32, 33);
    }
    int[] a = d.rawImage(1); // zebra/a.PNG sorts before zebra/b.png
    assertThat(a[4 * 2 + 3]).isEqualTo(50 + 8 + 3); // red at (2, 3)
    assertThat(a[16 + 4 * 2 + 3]).isEqualTo(30); // green
    assertThat(a[32 + 4 * 2 + 3]).isEqualTo(40); // blue
    assertThat(d.rawImage(2)[0]).isEqualTo(100);
    assertThat(d.image(2)[15]).isEqualTo((100 + 15) / 255.0);
    assertThat(d.source()).isEqualTo(root.toString());
  }

  @Test
  void resizesTheShorterSideThenCropsTheCentre() throws Exception {
    // 8 wide, 4 high, red = 10 * column: shorter side 2 gives 2 x 4, crop 2 keeps columns 1..2.
    BufferedImage wide = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 8; x++) {
        wide.setRGB(x, y, (10 * x) << 16);
      }
    }
    save(wide, "png", "only/wide.png");
    ImageDataset d = ImageFolderReader.read(root, 2, 2);
    // New column k samples source column (k + 0.5) * 2 - 0.5: column 1 reads 2.5 (value 25),
    // column 2 reads 4.5 (value 45).
    assertThat(d.rawImage(0)).startsWith(25, 45, 25, 45);
    assertThat(d.height()).isEqualTo(2);
  }

  @Test
  void readsJpegApproximately() throws Exception {
    save(uniform(16, 12, 0xC86432), "jpg", "cls/x.jpg");
    save(uniform(12, 16, 0x3264C8), "jpeg", "cls/y.JPEG");
    ImageDataset d = ImageFolderReader.read(root, 8, 6);
    assertThat(d.size()).isEqualTo(2);
    double[] x = d.image(0);
    assertThat(x[0]).isCloseTo(0xC8 / 255.0, within(4 / 255.0));
    assertThat(x[36]).isCloseTo(0x64 / 255.0, within(4 / 255.0));
    assertThat(x[72 + 35]).isCloseTo(0x32 / 255.0, within(4 / 255.0));
    assertThat(d.image(1)[72]).isCloseTo(0xC8 / 255.0, within(4 / 255.0));
  }

  @Test
  void readImageGivesOneCroppedRgbImage() throws Exception {
    Path file = save(rgb(0), "png", "c/one.png");
    byte[] image = ImageFolderReader.readImage(file, 4, 2);
    // Crop of the 4x4 image at (1, 1): red values 5, 6, 9, 10.
    assertThat(Arrays.copyOf(image, 4)).containsExactly(5, 6, 9, 10);
  }

  @Test
  void unreadableImagesNameTheFile() throws Exception {
    Path garbage = root.resolve("c/garbage.png");
    Files.createDirectories(garbage.getParent());
    Files.write(garbage, "definitely not a PNG".getBytes(StandardCharsets.US_ASCII));
    assertFails(garbage, () -> ImageFolderReader.read(root, 4))
        .hasMessageContaining("not a readable image");

    Files.delete(garbage);
    byte[] png = Files.readAllBytes(save(rgb(0), "png", "c/cut.png"));
    Files.write(root.resolve("c/cut.png"), Arrays.copyOf(png, png.length / 2));
    assertFails(root.resolve("c/cut.png"), () -> ImageFolderReader.read(root, 4))
        .hasMessageContaining("cannot decode image");

    Files.delete(root.resolve("c/cut.png"));
    // A JPEG cut inside its scan data decodes with warnings (the rest would come back grey).
    BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(1);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        noise.setRGB(x, y, random.nextInt());
      }
    }
    byte[] jpeg = Files.readAllBytes(save(noise, "jpg", "c/cut.jpg"));
    Files.write(root.resolve("c/cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 8 / 10));
    assertFails(root.resolve("c/cut.jpg"), () -> ImageFolderReader.read(root, 4))
        .hasMessageContaining("damaged image");
  }

  @Test
  void badTreeLayouts() throws Exception {
    assertFails(root, () -> ImageFolderReader.read(root, 4))
        .hasMessageContaining("expected one subdirectory of images per class, found none");
    Files.createDirectories(root.resolve("empty"));
    Files.writeString(root.resolve("empty/readme.txt"), "no images here");
    assertFails(root.resolve("empty"), () -> ImageFolderReader.read(root, 4))
        .hasMessageContaining("expected images of class 'empty' (.png, .jpg, .jpeg), found none");
    Path missing = root.resolve("missing");
    assertFails(missing, () -> ImageFolderReader.read(missing, 4))
        .hasMessageContaining("found nothing");
    Path file = Files.writeString(root.resolve("file"), "x");
    assertFails(file, () -> ImageFolderReader.read(file, 4)).hasMessageContaining("found a file");
    assertThatThrownBy(() -> ImageFolderReader.read(root, 4, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cropSize");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      Path file, Executable read) {
    return assertThatThrownBy(read::execute)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file.toString() + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
