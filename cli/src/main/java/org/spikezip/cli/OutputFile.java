package org.spikezip.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.spikezip.error.InvalidInputException;

/** Writes an output file, turning an I/O failure into a one-line error that names the file. */
final class OutputFile {
  private OutputFile() {}

  /** Something that writes {@code path}. */
  interface Writer {
    void write(Path path) throws IOException;
  }

  static void write(Path path, Writer writer) throws InvalidInputException {
    try {
      writer.write(path);
    } catch (IOException e) {
      throw new InvalidInputException(path + ": cannot write (" + e + ")", e);
    }
  }
}
