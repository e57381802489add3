package org.spikezip.io.pth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;

/**
 * The storages of a legacy checkpoint: after the last pickle, each storage in key-list order is an
 * 8-byte element count followed by its elements. Holds the file offset where each one's data starts.
 */
final class LegacyStorages implements StorageBytes {
  private final FileChannel file;
  private final Map<String, Long> dataStart;
  private final ByteOrder order;
  private final String source;

  LegacyStorages(FileChannel file, Map<String, Long> dataStart, ByteOrder order, String source) {
    this.file = file;
    this.dataStart = Map.copyOf(dataStart);
    this.order = order;
    this.source = source;
  }

  @Override
  public ByteBuffer read(String key, long byteOffset, int length) throws MalformedWeightsException {
    ByteBuffer bytes = ByteBuffer.allocate(length);
    long position = dataStart.get(key) + byteOffset;
    try {
      while (bytes.hasRemaining()) {
        if (file.read(bytes, position + bytes.position()) < 0) {
          throw new MalformedWeightsException(source + ": storage " + PickleRenderer.render(key) + " ends before byte " + (byteOffset + length));
        }
      }
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": cannot read storage " + PickleRenderer.render(key) + ": " + e.getMessage(), e);
    }
    return bytes.flip().order(order);
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
