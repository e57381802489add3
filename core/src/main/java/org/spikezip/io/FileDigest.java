package org.spikezip.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.spikezip.error.InvalidInputException;

/** The SHA-256 of a file, as lowercase hex, for provenance records. */
public final class FileDigest {
  private static final int BUFFER_BYTES = 1 << 16;

  private FileDigest() {}

  public static String sha256(Path file) throws InvalidInputException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("bug: every Java platform has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      while (in.read(buffer) >= 0) {
        // the stream feeds the digest
      }
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
