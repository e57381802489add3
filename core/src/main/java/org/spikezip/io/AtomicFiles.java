package org.spikezip.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole or not at all: the content goes to a new temporary file beside the target
 * (same file system), is forced to disk, and is renamed over the target atomically, so a reader
 * never sees half a file and a failure leaves the target as it was.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file to an open channel. */
  public interface Content {
    void writeTo(FileChannel out) throws IOException;
  }

  public static void write(Path path, byte[] bytes) throws IOException {
    write(path, out -> {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    });
  }

  public static void write(Path path, Content content) throws IOException {
    Path target = path.toAbsolutePath();
    Path temporary = createTemporary(target);
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        content.writeTo(out);
        out.force(true);
      }
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
