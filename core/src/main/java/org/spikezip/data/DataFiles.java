package org.spikezip.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.spikezip.error.InvalidInputException;

/** File helpers the readers share: gzip detection by magic number, one-line I/O errors. */
final class DataFiles {
  private static final int BUFFER_BYTES = 1 << 16;

  private DataFiles() {}

  /**
   * Opens {@code file} for reading, decompressing it if it starts with the gzip magic number
   * {@code 1f 8b} (whatever its name).
   */
  static InputStream open(Path file) throws InvalidInputException {
    InputStream raw = null;
    try {
      raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
      }
      return raw;
    } catch (IOException e) {
      closeQuietly(raw);
      throw failure(file, e);
    }
  }

  /** The whole content of {@code file}, decompressed if it is gzip. */
  static byte[] readAll(Path file) throws InvalidInputException {
    try (InputStream in = open(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /** The non-blank lines of a text file, trimmed (for class-name lists). */
  static List<String> nonBlankLines(Path file) throws InvalidInputException {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw failure(file, e);
    }
    return out;
  }

  /** Class names "0", "1", ..., for datasets whose classes have no names. */
  static List<String> numberedClasses(int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(Integer.toString(i));
    }
    return List.copyOf(names);
  }

  /** An {@link InvalidInputException} for an I/O failure: a one-line message naming the file. */
  static InvalidInputException failure(Path file, IOException e) {
    String what;
    if (e instanceof NoSuchFileException) {
      what = "file not found";
    } else if (e instanceof AccessDeniedException) {
      what = "permission denied";
    } else if (e instanceof ZipException || e instanceof EOFException) {
      what = "corrupt or truncated gzip data (" + oneLine(e.getMessage()) + ")";
    } else {
      what = "cannot read (" + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()) + ")";
    }
    return new InvalidInputException(file + ": " + what, e);
  }

  /** {@code message} with line breaks replaced, so that errors stay on one line. */
  static String oneLine(String message) {
    return message == null ? "no detail" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // already failing; the first error is the one to report
      }
    }
  }
}
