package org.spikezip.io.pth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.spikezip.error.MalformedWeightsException;

/** The storages of a zip-format checkpoint: entry {@code <prefix>data/<key>} holds storage {@code key}. */
final class ZipStorages implements StorageBytes {
  private final ZipFile zip;
  private final String prefix;
  private final ByteOrder order;
  private final String source;

  ZipStorages(ZipFile zip, String prefix, ByteOrder order, String source) {
    this.zip = zip;
    this.prefix = prefix;
    this.order = order;
    this.source = source;
  }

  /** Checks that the archive holds every byte {@code storage} declares. */
  void checkSize(StorageRef storage) throws MalformedWeightsException {
    ZipEntry entry = zip.getEntry(prefix + "data/" + storage.key());
    if (entry == null) {
      throw new MalformedWeightsException(
          source + ": storage " + PickleRenderer.render(storage.key()) + " has no entry "
              + PickleRenderer.render(prefix + "data/" + storage.key()) + " in the archive");
    }
    long needed = byteSize(storage.numel(), storage);
    if (entry.getSize() < needed) {
      throw new MalformedWeightsException(source + ": storage " + PickleRenderer.render(storage.key()) + " declares " + storage.numel()
          + " elements of " + storage.dtype() + " (" + needed + " bytes) but the archive holds " + entry.getSize() + " bytes");
    }
  }

  private long byteSize(long numel, StorageRef storage) throws MalformedWeightsException {
    if (numel > Long.MAX_VALUE / storage.dtype().byteSize()) {
      throw new MalformedWeightsException(
          source + ": storage " + PickleRenderer.render(storage.key()) + " declares " + numel + " elements, beyond any file size");
    }
    return numel * storage.dtype().byteSize();
  }

  @Override
  public ByteBuffer read(String key, long byteOffset, int length) throws MalformedWeightsException {
    ZipEntry entry = zip.getEntry(prefix + "data/" + key);
    try (InputStream in = zip.getInputStream(entry)) {
      in.skipNBytes(byteOffset);
      byte[] bytes = in.readNBytes(length);
      if (bytes.length < length) {
        throw new MalformedWeightsException(source + ": storage " + PickleRenderer.render(key) + " ends before byte " + (byteOffset + length));
      }
      return ByteBuffer.wrap(bytes).order(order);
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": cannot read storage " + PickleRenderer.render(key) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
