package org.spikezip.io.pth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.spikezip.error.MalformedWeightsException;

/**
 * The bytes of one or more consecutive pickles, read with a byte budget per pickle and a count of
 * the bytes consumed so far (the legacy format's storages start where its last pickle ends).
 */
final class PickleInput {
  private static final int MAX_LINE_BYTES = 1024;

  private final InputStream in;
  private final String source;
  private long position;
  private long budgetEnd;

  PickleInput(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  /** Starts a pickle that may read at most {@code maxBytes} more bytes. */
  void beginPickle(long maxBytes) {
    budgetEnd = position + maxBytes;
  }

  /** Bytes consumed since this input was opened. */
  long position() {
    return position;
  }

  String source() {
    return source;
  }

  int readByte() throws MalformedWeightsException {
    require(1);
    int b;
    try {
      b = in.read();
    } catch (IOException e) {
      throw readError(e);
    }
    if (b < 0) {
      throw truncated(1);
    }
    position++;
    return b;
  }

  byte[] readBytes(long count) throws MalformedWeightsException {
    if (count < 0) {
      throw new MalformedWeightsException(
          source + ": pickle byte " + position + ": negative length " + count);
    }
    require(count);
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) count);
    } catch (IOException e) {
      throw readError(e);
    }
    if (bytes.length < count) {
      throw truncated(count);
    }
    position += count;
    return bytes;
  }

  /** A little-endian unsigned integer of {@code width} (1, 2, 4 or 8) bytes. */
  long readLittleEndian(int width) throws MalformedWeightsException {
    byte[] b = readBytes(width);
    long v = 0;
    for (int i = width - 1; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  /** The text up to the next newline (as in GLOBAL's operands), without the newline. */
  String readLine() throws MalformedWeightsException {
    StringBuilder line = new StringBuilder();
    for (int b = readByte(); b != '\n'; b = readByte()) {
      if (line.length() >= MAX_LINE_BYTES) {
        throw new MalformedWeightsException(
            source + ": pickle byte " + position + ": text operand longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.append((char) b);
    }
    return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private void require(long count) throws MalformedWeightsException {
    if (count > budgetEnd - position || count > Integer.MAX_VALUE - 8) {
      throw new MalformedWeightsException(
          source + ": pickle byte " + position + ": reading " + count
              + " more bytes would exceed the pickle size limit");
    }
  }

  private MalformedWeightsException truncated(long count) {
    return new MalformedWeightsException(
        source + ": truncated: pickle byte " + position + " needs " + count + " more bytes than the file holds");
  }

  private MalformedWeightsException readError(IOException e) {
    return new MalformedWeightsException(
        source + ": cannot read pickle byte " + position + ": " + e.getMessage(), e);
  }
}
