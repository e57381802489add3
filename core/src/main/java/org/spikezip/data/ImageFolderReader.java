package org.spikezip.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.spikezip.error.InvalidInputException;

/**
 * Reads a class-per-folder image tree (the ImageNet / torchvision {@code ImageFolder} layout):
 * {@code root/<class>/<image>.png|jpg|jpeg}, decoded with {@code javax.imageio}.
 *
 * <p>Classes are the subdirectories of {@code root} sorted by name (label 0 is the first); images
 * within a class are sorted by file name. Files of other extensions and names starting with "." are
 * skipped. Every image becomes RGB (grey images are copied to three channels, alpha is dropped),
 * is resized so that its shorter side is {@code shorterSide} and cropped to the centre {@code
 * cropSize x cropSize} (see {@link ResizeCrop}: bilinear, no anti-aliasing), with pixel values
 * {@code byte / 255}. An image that cannot be decoded, a class folder without images, or a root
 * without class folders is an {@link InvalidInputException} naming the file or folder.
 *
 * <p>Images are decoded in parallel on the common fork-join pool. All are held in memory: 3 *
 * cropSize^2 bytes each (150 KB at 224, so 7.5 GB for the 50,000 ImageNet validation images).
 */
public final class ImageFolderReader {
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  private ImageFolderReader() {}

  /** Reads the tree at {@code root}, resizing the shorter side to {@code size}, then cropping. */
  public static ImageDataset read(Path root, int size) throws InvalidInputException {
    return read(root, size, size);
  }

  /**
   * Reads the tree at {@code root}.
   *
   * @param shorterSide length the shorter side of each image is resized to (e.g. 256)
   * @param cropSize side of the centre square kept (e.g. 224), at most {@code shorterSide}
   */
  public static ImageDataset read(Path root, int shorterSide, int cropSize)
      throws InvalidInputException {
    checkSizes(shorterSide, cropSize);
    if (!Files.isDirectory(root)) {
      throw new InvalidInputException(
          root + ": expected a directory with one subdirectory of images per class, "
              + (Files.exists(root) ? "found a file" : "found nothing"));
    }
    List<Path> classDirs =
        list(root).stream().filter(Files::isDirectory).collect(Collectors.toList());
    if (classDirs.isEmpty()) {
      throw new InvalidInputException(
          root + ": expected one subdirectory of images per class, found none");
    }
    List<String> classNames = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Path dir : classDirs) {
      List<Path> classFiles = list(dir).stream()
          .filter(f -> Files.isRegularFile(f) && isImageName(f))
          .collect(Collectors.toList());
      if (classFiles.isEmpty()) {
        throw new InvalidInputException(
            dir + ": expected images of class '" + dir.getFileName()
                + "' (.png, .jpg, .jpeg), found none");
      }
      for (Path file : classFiles) {
        files.add(file);
        labels.add(classNames.size());
      }
      classNames.add(dir.getFileName().toString());
    }
    byte[][] images = readAll(files, shorterSide, cropSize);
    int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
    return ImageDataset.wrap(root.toString(), 3, cropSize, cropSize, 255,
        images, labelArray, classNames);
  }

  /**
   * Decodes the files in parallel (one task per image); if any fail, reports the first failing
   * file in list order, so the error does not depend on thread timing.
   */
  private static byte[][] readAll(List<Path> files, int shorterSide, int cropSize)
      throws InvalidInputException {
    byte[][] images = new byte[files.size()][];
    InvalidInputException[] failures = new InvalidInputException[files.size()];
    IntStream.range(0, files.size()).parallel().forEach(i -> {
      try {
        images[i] = readImage(files.get(i), shorterSide, cropSize);
      } catch (InvalidInputException e) {
        failures[i] = e;
      }
    });
    for (InvalidInputException failure : failures) {
      if (failure != null) {
        throw failure;
      }
    }
    return images;
  }

  /**
   * Reads one PNG or JPEG image as RGB, resized and centre-cropped as by
   * {@link #read(Path, int, int)}.
   *
   * @return {@code [3, cropSize, cropSize]} unsigned bytes
   */
  public static byte[] readImage(Path file, int shorterSide, int cropSize)
      throws InvalidInputException {
    checkSizes(shorterSide, cropSize);
    BufferedImage image = decode(file);
    return ResizeCrop.apply(
        toRgb(image), 3, image.getHeight(), image.getWidth(), shorterSide, cropSize);
  }

  /**
   * Decodes {@code file} with the first javax.imageio reader that accepts its content. Decoder
   * warnings (such as a truncated JPEG, which would otherwise come back partly grey) are errors.
   */
  private static BufferedImage decode(Path file) throws InvalidInputException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new InvalidInputException(file + ": cannot open the image file");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new InvalidInputException(
            file + ": not a readable image: expected PNG or JPEG data javax.imageio can decode");
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      try {
        reader.setInput(in, true, true);
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new InvalidInputException(
              file + ": damaged image (" + DataFiles.oneLine(String.join("; ", warnings)) + ")");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          file + ": cannot decode image (" + DataFiles.oneLine(e.getMessage()) + ")", e);
    }
  }

  /** The image as {@code [3, height, width]} bytes: sRGB values, or grey copied to each channel. */
  static byte[] toRgb(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int plane = width * height;
    byte[] out = new byte[3 * plane];
    ColorModel model = image.getColorModel();
    boolean grey = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(model instanceof IndexColorModel);
    if (grey) {
      // getRGB would pass grey through a linear-to-sRGB conversion; keep the stored samples.
      Raster raster = image.getRaster();
      int bits = model.getComponentSize(0);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int v = raster.getSample(x, y, 0);
          int v8 = bits == 8 ? v : bits > 8 ? v >> (bits - 8) : v * 255 / ((1 << bits) - 1);
          int k = y * width + x;
          out[k] = (byte) v8;
          out[plane + k] = (byte) v8;
          out[2 * plane + k] = (byte) v8;
        }
      }
      return out;
    }
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int k = y * width + x;
        out[k] = (byte) (row[x] >> 16);
        out[plane + k] = (byte) (row[x] >> 8);
        out[2 * plane + k] = (byte) row[x];
      }
    }
    return out;
  }

  private static void checkSizes(int shorterSide, int cropSize) {
    if (cropSize <= 0 || shorterSide < cropSize) {
      throw new IllegalArgumentException(
          "cropSize must be positive and at most shorterSide, got cropSize " + cropSize
              + " and shorterSide " + shorterSide);
    }
  }

  private static boolean isImageName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** The entries of {@code dir} not starting with ".", sorted by name. */
  private static List<Path> list(Path dir) throws InvalidInputException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw DataFiles.failure(dir, e);
    }
  }
}
