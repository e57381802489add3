package org.spikezip.io.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds raw safetensors bytes by hand, so tests can write files the writer never would. */
final class TestFiles {
  private TestFiles() {}

  /** The bytes of a file: the header length, {@code header} as UTF-8, then {@code data}. */
  static byte[] bytes(String header, byte[] data) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + json.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(json.length)
        .put(json)
        .put(data)
        .array();
  }

  /** Writes {@link #bytes} to {@code dir/name} and returns that path. */
  static Path write(Path dir, String name, String header, byte[] data) throws IOException {
    return Files.write(dir.resolve(name), bytes(header, data));
  }

  /** The header length a file's first eight bytes declare. */
  static long headerLength(byte[] file) {
    return ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /** {@code count} little-endian F32 values 1, 2, 3, ... */
  static byte[] floats(int count) {
    ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      b.putFloat(i + 1);
    }
    return b.array();
  }
}
