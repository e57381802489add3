package org.spikezip.io.pth;

import java.nio.ByteBuffer;
import org.spikezip.error.MalformedWeightsException;

/** Random access to the raw bytes of a checkpoint's storages, by storage key. */
interface StorageBytes extends AutoCloseable {

  /**
   * Bytes {@code [byteOffset, byteOffset + length)} of storage {@code key}, in the checkpoint's byte
   * order. The range was checked against the storage's size when the checkpoint was opened.
   */
  ByteBuffer read(String key, long byteOffset, int length) throws MalformedWeightsException;

  @Override
  void close();
}
