package org.spikezip.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikezip.error.InvalidInputException;

/**
 * Reads the handwritten digits of scikit-learn ({@code sklearn/datasets/data/digits.csv.gz}, 1,797
 * images of 8x8), plain or gzip-compressed.
 *
 * <p>Each non-blank line holds 65 comma-separated integers: 64 pixel values 0..16 row by row, then
 * the digit 0..9. Values may be written as {@code 5} or {@code 5.0}. The result has one channel,
 * pixel values {@code v / 16}, and classes "0".."9". A row of another length, a value that is not
 * an integer in range, or a file without rows is an {@link InvalidInputException} naming the file
 * and line.
 */
public final class DigitsCsvReader {
  /** Side of the square images. */
  public static final int SIDE = 8;

  /** The largest pixel value; pixels are divided by it. */
  public static final int PIXEL_MAX = 16;

  /** Number of classes (digits 0..9). */
  public static final int CLASSES = 10;

  private static final int PIXELS = SIDE * SIDE;
  private static final Pattern INTEGRAL = Pattern.compile("([0-9]+)(?:\\.0*)?");

  private DigitsCsvReader() {}

  /** Reads every row of {@code file}. */
  public static ImageDataset read(Path file) throws InvalidInputException {
    List<byte[]> images = new ArrayList<>();
    int[] labels = new int[2048];
    int count = 0;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(DataFiles.open(file), StandardCharsets.US_ASCII))) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != PIXELS + 1) {
          throw new InvalidInputException(
              file + " line " + lineNumber + ": expected " + (PIXELS + 1)
                  + " comma-separated values (" + PIXELS + " pixels 0.." + PIXEL_MAX
                  + " then the label 0.." + (CLASSES - 1) + "), found " + fields.length);
        }
        byte[] row = new byte[PIXELS];
        for (int k = 0; k < PIXELS; k++) {
          row[k] = (byte) parse(fields[k], PIXEL_MAX, file, lineNumber, "pixel " + k);
        }
        if (count == labels.length) {
          labels = Arrays.copyOf(labels, 2 * count);
        }
        labels[count++] = parse(fields[PIXELS], CLASSES - 1, file, lineNumber, "label");
        images.add(row);
      }
    } catch (IOException e) {
      throw DataFiles.failure(file, e);
    }
    if (count == 0) {
      throw new InvalidInputException(
          file + ": expected rows of " + (PIXELS + 1) + " values, found none");
    }
    return ImageDataset.wrap(
        file.toString(), 1, SIDE, SIDE, PIXEL_MAX, images.toArray(new byte[0][]),
        Arrays.copyOf(labels, count), DataFiles.numberedClasses(CLASSES));
  }

  /** Parses an integer 0..max written as digits, optionally followed by {@code .0}. */
  private static int parse(String field, int max, Path file, int lineNumber, String what)
      throws InvalidInputException {
    String text = field.strip();
    Matcher m = INTEGRAL.matcher(text);
    int value = m.matches() && m.group(1).length() <= 9 ? Integer.parseInt(m.group(1)) : -1;
    if (value < 0 || value > max) {
      throw new InvalidInputException(
          file + " line " + lineNumber + ": " + what + " is '" + text + "', expected an integer 0.."
              + max);
    }
    return value;
  }
}
