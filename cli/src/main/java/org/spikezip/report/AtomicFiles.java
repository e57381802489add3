package org.spikezip.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole or not at all: the bytes go to a new temporary file beside the target (same
 * file system), which is then renamed over it atomically, so a reader never sees half a file and a
 * failure leaves the target as it was.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path path, byte[] bytes) throws IOException {
    Path target = path.toAbsolutePath();
    Path temporary = createTemporary(target);
    try {
      Files.write(temporary, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** A new empty file beside {@code target}; not {@code Files.createTempFile}, whose owner-only mode would stick. */
  private static Path createTemporary(Path target) throws IOException {
    String base = "." + target.getFileName() + ".";
    while (true) {
      Path candidate = target.resolveSibling(base + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return candidate;
      } catch (FileAlreadyExistsException e) {
        // Try another random name.
      }
    }
  }
}
