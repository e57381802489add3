package org.spikezip.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for the tests. */
final class IdxFiles {
  private IdxFiles() {}

  /** An IDX images file body: magic 0x803, n, rows, cols, then the pixel bytes of each image. */
  static byte[] images(int rows, int cols, byte[][] images) {
    ByteBuffer b = ByteBuffer.allocate(16 + images.length * rows * cols);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(images.length).putInt(rows).putInt(cols);
    for (byte[] image : images) {
      b.put(image);
    }
    return b.array();
  }

  /** An IDX labels file body: magic 0x801, n, then one byte per label. */
  static byte[] labels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
    for (int label : labels) {
      b.put((byte) label);
    }
    return b.array();
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  static Path write(Path file, byte[] content) throws IOException {
    Files.write(file, content);
    return file;
  }
}
