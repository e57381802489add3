package org.spikezip.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.spikezip.error.InvalidInputException;
import org.spikezip.io.TextQuoting;

/**
 * Reads sentence classification data in the tab-separated layout of GLUE (SST-2's {@code
 * train.tsv} and {@code dev.tsv}), plain or gzip.
 *
 * <p>The first line is a header naming the columns; the columns {@value #TEXT_COLUMN} and
 * {@value #LABEL_COLUMN} are found by name, in any order, and others are ignored. Every following
 * non-blank line is one example with as many tab-separated fields as the header, the label an
 * integer {@code 0..k-1}. The classes are "0".."k-1" where k is the largest label plus one, or
 * "negative", "positive" when k is 2. Errors name the file and the 1-based line.
 */
public final class TsvSentences {
  /** The header name of the text column. */
  public static final String TEXT_COLUMN = "sentence";

  /** The header name of the label column. */
  public static final String LABEL_COLUMN = "label";

  /** The most classes a file may have (labels up to {@code MAX_CLASSES - 1}). */
  public static final int MAX_CLASSES = 1000;

  private static final List<String> BINARY_CLASS_NAMES = List.of("negative", "positive");
  private static final String BYTE_ORDER_MARK = "\uFEFF";
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private TsvSentences() {}

  /** Reads every example of {@code tsv}. */
  public static TextDataset read(Path tsv) throws InvalidInputException {
    TextCollector out = new TextCollector();
    int classCount = 0;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(DataFiles.open(tsv), StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      if (header == null) {
        throw new InvalidInputException(tsv + ": empty file, expected a header line with the "
            + "tab-separated columns '" + TEXT_COLUMN + "' and '" + LABEL_COLUMN + "'");
      }
      String[] columns =
          fields(header.startsWith(BYTE_ORDER_MARK) ? header.substring(1) : header);
      int textColumn = column(columns, TEXT_COLUMN, tsv, header);
      int labelColumn = column(columns, LABEL_COLUMN, tsv, header);
      int lineNumber = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String[] values = fields(line);
        if (values.length != columns.length) {
          throw new InvalidInputException(tsv + " line " + lineNumber + ": expected "
              + columns.length + " tab-separated fields as in the header, found " + values.length);
        }
        String label = values[labelColumn].strip();
        if (!DIGITS.matcher(label).matches() || Integer.parseInt(label) >= MAX_CLASSES) {
          throw new InvalidInputException(tsv + " line " + lineNumber + ": label is "
              + TextQuoting.quote(label) + ", expected an integer 0.." + (MAX_CLASSES - 1));
        }
        int value = Integer.parseInt(label);
        classCount = Math.max(classCount, value + 1);
        out.add(values[textColumn], value);
      }
    } catch (IOException e) {
      throw DataFiles.failure(tsv, e);
    }
    if (out.size() == 0) {
      throw new InvalidInputException(
          tsv + ": expected examples after the header line, found none");
    }
    List<String> classNames =
        classCount == 2 ? BINARY_CLASS_NAMES : DataFiles.numberedClasses(classCount);
    return out.build(tsv.toString(), classNames);
  }

  /** The tab-separated fields of a line, without a trailing carriage return. */
  private static String[] fields(String line) {
    String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    return content.split("\t", -1);
  }

  private static int column(String[] columns, String name, Path tsv, String header)
      throws InvalidInputException {
    int found = -1;
    for (int c = 0; c < columns.length; c++) {
      if (columns[c].strip().equals(name)) {
        if (found >= 0) {
          throw new InvalidInputException(
              tsv + " line 1: the header names column '" + name + "' twice");
        }
        found = c;
      }
    }
    if (found < 0) {
      throw new InvalidInputException(tsv + " line 1: expected a header with the tab-separated "
          + "columns '" + TEXT_COLUMN + "' and '" + LABEL_COLUMN + "', found no '" + name + "' in "
          + TextQuoting.quote(header));
    }
    return found;
  }
}
