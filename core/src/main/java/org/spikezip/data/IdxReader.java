package org.spikezip.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spikezip.error.InvalidInputException;

/**
 * Reads image classification data in the IDX format of MNIST and Fashion-MNIST: an images file and
 * a labels file, each plain or gzip-compressed (detected by the gzip magic number, not the name).
 *
 * <p>Layout (all integers big-endian):
 *
 * <pre>
 *   images: int32 magic 0x00000803, int32 n, int32 rows, int32 cols, n*rows*cols unsigned bytes
 *   labels: int32 magic 0x00000801, int32 n, n unsigned bytes
 * </pre>
 *
 * The result has one channel, pixel values {@code byte / 255}, and the labels of the labels file.
 * Every departure from the layout (magic, truncation, trailing bytes, differing counts, a label
 * outside the class list) is an {@link InvalidInputException} whose message names the file.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /**
   * Reads an images file and its labels file.
   *
   * @param classNames the names of the classes; every label must be below their count
   */
  public static ImageDataset read(Path images, Path labels, List<String> classNames)
      throws InvalidInputException {
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("classNames must not be empty");
    }
    ImageHeader header;
    byte[][] pixels;
    try (InputStream in = DataFiles.open(images)) {
      int[] h = readHeader(in, images, IMAGES_MAGIC, 3, "images");
      header = new ImageHeader(h[0], h[1], h[2]);
      if (header.rows() <= 0 || header.cols() <= 0) {
        throw new InvalidInputException(
            images + ": IDX images must have positive rows and columns, found "
                + header.rows() + "x" + header.cols());
      }
      if ((long) header.rows() * header.cols() > Integer.MAX_VALUE - 8) {
        throw new InvalidInputException(
            images + ": images of " + header.rows() + "x" + header.cols() + " exceed the "
                + Integer.MAX_VALUE + " pixels one image can hold");
      }
      pixels = readImages(in, images, header);
    } catch (IOException e) {
      throw DataFiles.failure(images, e);
    }

    byte[] labelBytes;
    try (InputStream in = DataFiles.open(labels)) {
      int labelCount = readHeader(in, labels, LABELS_MAGIC, 1, "labels")[0];
      if (labelCount != header.count()) {
        throw new InvalidInputException(
            labels + ": holds " + labelCount + " labels, but the images file " + images + " holds "
                + header.count() + " images");
      }
      labelBytes = new byte[labelCount];
      int read = in.readNBytes(labelBytes, 0, labelCount);
      if (read < labelCount) {
        throw new InvalidInputException(
            labels + ": truncated IDX data: expected " + labelCount + " label bytes, found "
                + read);
      }
      checkEnd(in, labels, labelCount + " labels");
    } catch (IOException e) {
      throw DataFiles.failure(labels, e);
    }
    int[] labelValues = new int[labelBytes.length];
    for (int i = 0; i < labelBytes.length; i++) {
      labelValues[i] = labelBytes[i] & 0xff;
      if (labelValues[i] >= classNames.size()) {
        throw new InvalidInputException(
            labels + ": label " + i + " is " + labelValues[i] + ", expected 0.."
                + (classNames.size() - 1) + " (" + classNames.size() + " classes)");
      }
    }
    return ImageDataset.wrap(
        images.toString(), 1, header.rows(), header.cols(), 255, pixels, labelValues, classNames);
  }

  /** Reads the magic number and {@code dims} sizes; returns the sizes. */
  private static int[] readHeader(InputStream in, Path file, int magic, int dims, String what)
      throws IOException, InvalidInputException {
    int headerBytes = 4 * (1 + dims);
    byte[] header = in.readNBytes(headerBytes);
    if (header.length >= 4 && readInt(header, 0) != magic) {
      throw new InvalidInputException(
          file + ": bad magic number for IDX " + what + ": expected " + hex(magic) + " ("
              + describe(magic) + "), found " + hex(readInt(header, 0)) + " ("
              + describe(readInt(header, 0)) + ")");
    }
    if (header.length < headerBytes) {
      throw new InvalidInputException(
          file + ": truncated IDX " + what + " header: expected " + headerBytes + " bytes, found "
              + header.length);
    }
    int[] sizes = new int[dims];
    for (int d = 0; d < dims; d++) {
      sizes[d] = readInt(header, 4 * (1 + d));
      if (sizes[d] < 0) {
        throw new InvalidInputException(
            file + ": IDX " + what + " dimension " + d + " is " + Integer.toUnsignedString(sizes[d])
                + ", more than the " + Integer.MAX_VALUE + " supported");
      }
    }
    return sizes;
  }

  /** Reads the images the header announces, one array each, and checks that nothing follows. */
  private static byte[][] readImages(InputStream in, Path file, ImageHeader header)
      throws IOException, InvalidInputException {
    int size = header.rows() * header.cols();
    // Grown as data arrives, so that corrupt sizes cannot make us allocate gigabytes up front.
    List<byte[]> images = new ArrayList<>(Math.min(header.count(), 1 << 16));
    for (int i = 0; i < header.count(); i++) {
      byte[] image = in.readNBytes(size);
      images.add(image);
      int read = image.length;
      if (read < size) {
        throw new InvalidInputException(
            file + ": truncated IDX data: expected " + (long) header.count() * size
                + " pixel bytes for " + header.count() + " images of " + header.rows() + "x"
                + header.cols() + ", found " + ((long) i * size + read));
      }
    }
    checkEnd(in, file, header.count() + " images");
    return images.toArray(new byte[0][]);
  }

  private static void checkEnd(InputStream in, Path file, String what)
      throws IOException, InvalidInputException {
    if (in.read() != -1) {
      throw new InvalidInputException(
          file + ": trailing bytes after the " + what + " the header announces");
    }
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static String hex(int v) {
    return String.format("0x%08X", v);
  }

  /** What an IDX magic number announces, e.g. "unsigned bytes, 3 dimensions". */
  private static String describe(int magic) {
    if ((magic >>> 16) != 0) {
      return "not an IDX header";
    }
    String type = switch ((magic >>> 8) & 0xff) {
      case 0x08 -> "unsigned bytes";
      case 0x09 -> "signed bytes";
      case 0x0B -> "int16";
      case 0x0C -> "int32";
      case 0x0D -> "float32";
      case 0x0E -> "float64";
      default -> "unknown element type";
    };
    int dims = magic & 0xff;
    return type + ", " + dims + (dims == 1 ? " dimension" : " dimensions");
  }

  private record ImageHeader(int count, int rows, int cols) {}
}
