package org.spikezip.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.spikezip.error.InvalidInputException;

/**
 * Writes an output file, creating its folder if needed, and turns an I/O failure into a one-line
 * error that names the file.
 */
final class OutputFile {
  private OutputFile() {}

  /** Something that writes {@code path}. */
  interface Writer {
    void write(Path path) throws IOException;
  }

  static void write(Path path, Writer writer) throws InvalidInputException {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
      writer.write(path);
    } catch (IOException e) {
      throw new InvalidInputException(path + ": cannot write (" + e + ")", e);
    }
  }
}
