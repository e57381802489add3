package org.spikezip.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikezip.error.InvalidInputException;

/**
 * Reads the binary batches of CIFAR-10 and CIFAR-100 (the "binary version" of the releases):
 * 32x32 RGB images, pixel values {@code byte / 255}.
 *
 * <p>A batch file is a sequence of records with no header:
 *
 * <pre>
 *   CIFAR-10:  1 label byte (0..9),                              3072 pixel bytes
 *   CIFAR-100: 1 coarse label byte (0..19), 1 fine label byte (0..99), 3072 pixel bytes
 * </pre>
 *
 * The pixel bytes are the red, then green, then blue 32x32 planes, row-major: already
 * {@code [C, H, W]}. Class names come from the text files beside the first batch when present
 * ({@code batches.meta.txt} for CIFAR-10, {@code fine_label_names.txt} or {@code
 * coarse_label_names.txt} for CIFAR-100), otherwise {@link #CIFAR10_CLASS_NAMES} or "0", "1", ....
 * A file that is not a whole number of records, a label out of range, or a names file with the
 * wrong number of names is an {@link InvalidInputException} naming the file.
 */
public final class CifarReader {
  /** Side of the square images. */
  public static final int SIDE = 32;

  /** Colour channels (red, green, blue). */
  public static final int CHANNELS = 3;

  /** Pixel bytes per record. */
  public static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;

  /** CIFAR-10's classes, indexed by label, used when no {@code batches.meta.txt} is found. */
  public static final List<String> CIFAR10_CLASS_NAMES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private static final int CIFAR10_TRAIN_BATCHES = 5;

  private CifarReader() {}

  /**
   * Reads the standard CIFAR-10 files of a split from {@code dir}: {@code data_batch_1.bin} to
   * {@code data_batch_5.bin}, or {@code test_batch.bin}.
   */
  public static ImageDataset loadCifar10(Path dir, Split split) throws InvalidInputException {
    List<Path> files = new ArrayList<>();
    if (split == Split.TRAIN) {
      for (int b = 1; b <= CIFAR10_TRAIN_BATCHES; b++) {
        files.add(dir.resolve("data_batch_" + b + ".bin"));
      }
    } else {
      files.add(dir.resolve("test_batch.bin"));
    }
    return readCifar10(files);
  }

  /** Reads one CIFAR-100 split from {@code dir}: {@code train.bin} or {@code test.bin}. */
  public static ImageDataset loadCifar100(Path dir, Split split, Cifar100Labels labels)
      throws InvalidInputException {
    Path file = dir.resolve(split == Split.TRAIN ? "train.bin" : "test.bin");
    return readCifar100(List.of(file), labels);
  }

  /** Reads CIFAR-10 batch files, in the order given, into one dataset. */
  public static ImageDataset readCifar10(List<Path> batches) throws InvalidInputException {
    List<String> names = classNames(batches, "batches.meta.txt", 10, CIFAR10_CLASS_NAMES);
    return read(batches, 1, 0, names, "label");
  }

  /** Reads CIFAR-100 batch files, in the order given, labelled by {@code labels}. */
  public static ImageDataset readCifar100(List<Path> batches, Cifar100Labels labels)
      throws InvalidInputException {
    List<String> names = classNames(batches, labels.namesFile(), labels.classes(),
        DataFiles.numberedClasses(labels.classes()));
    String what = labels == Cifar100Labels.FINE ? "fine label" : "coarse label";
    return read(batches, 2, labels.byteOffset(), names, what);
  }

  private static ImageDataset read(
      List<Path> batches, int labelBytes, int labelOffset, List<String> names, String labelName)
      throws InvalidInputException {
    int recordBytes = labelBytes + IMAGE_BYTES;
    List<byte[]> images = new ArrayList<>();
    int[] labels = new int[0];
    for (Path file : batches) {
      byte[] content = DataFiles.readAll(file);
      if (content.length == 0 || content.length % recordBytes != 0) {
        throw new InvalidInputException(
            file + ": expected a whole number of " + recordBytes + "-byte records (" + labelBytes
                + " label " + (labelBytes == 1 ? "byte" : "bytes") + " + " + IMAGE_BYTES
                + " pixel bytes), found " + content.length + " bytes ("
                + content.length / recordBytes + " records and "
                + plural(content.length % recordBytes, "byte") + ")");
      }
      int records = content.length / recordBytes;
      labels = Arrays.copyOf(labels, Math.addExact(labels.length, records));
      for (int r = 0; r < records; r++) {
        int at = r * recordBytes;
        int label = content[at + labelOffset] & 0xff;
        if (label >= names.size()) {
          throw new InvalidInputException(
              file + ": record " + r + " has " + labelName + " " + label + ", expected 0.."
                  + (names.size() - 1));
        }
        labels[images.size()] = label;
        images.add(Arrays.copyOfRange(content, at + labelBytes, at + recordBytes));
      }
    }
    String source = batches.size() == 1 ? batches.get(0).toString() : batches.toString();
    return ImageDataset.wrap(
        source, CHANNELS, SIDE, SIDE, 255, images.toArray(new byte[0][]), labels, names);
  }

  /** The names in {@code namesFile} beside the first batch, or {@code fallback} without one. */
  private static List<String> classNames(
      List<Path> batches, String namesFile, int classes, List<String> fallback)
      throws InvalidInputException {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("at least one batch file is needed");
    }
    Path dir = batches.get(0).toAbsolutePath().getParent();
    Path file = dir == null ? null : dir.resolve(namesFile);
    if (file == null || !Files.isRegularFile(file)) {
      return fallback;
    }
    List<String> names = DataFiles.nonBlankLines(file);
    if (names.size() != classes) {
      throw new InvalidInputException(
          file + ": expected " + classes + " class names, one per line, found " + names.size());
    }
    return names;
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
