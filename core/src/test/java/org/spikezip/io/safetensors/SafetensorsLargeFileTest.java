package org.spikezip.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;

/**
 * A file over 4 GiB, made sparse (only the header and three small tensors are written), with
 * tensors that straddle the 1 GiB and 2 GiB file offsets at odd alignments and one past 4 GiB.
 * Skipped on file systems not known to support sparse files.
 */
class SafetensorsLargeFileTest {
  private static final Set<String> SPARSE_FILE_SYSTEMS =
      Set.of("ext3", "ext4", "xfs", "btrfs", "tmpfs", "zfs", "overlay", "f2fs", "apfs", "bcachefs");
  private static final int HEADER_BYTES = 1024;
  private static final long DATA_START = 8 + HEADER_BYTES;
  private static final long CROSS_1G = (1L << 30) - 6; // F32 x4, 16 bytes
  private static final long CROSS_2G = (1L << 31) - 3; // F64 x4, 32 bytes
  private static final long FAR = (1L << 32) + 5; // F32 x3, 12 bytes
  private static final long END = FAR + 12;

  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void readsTensorsAcrossGibibyteBoundariesAndBeyondFourGib() throws Exception {
    String type = Files.getFileStore(dir).type().toLowerCase(Locale.ROOT);
    assumeTrue(SPARSE_FILE_SYSTEMS.contains(type), "no sparse files known on file system " + type);
    Path file = dir.resolve("large.safetensors");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(END);
      raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(HEADER_BYTES).array());
      raf.write(header());
      raf.seek(CROSS_1G);
      raf.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
          .putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putFloat(Float.MAX_VALUE).array());
      raf.seek(CROSS_2G);
      raf.write(ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN)
          .putDouble(Math.PI).putDouble(-Math.E).putDouble(Double.MIN_VALUE).putDouble(1e300).array());
      raf.seek(FAR);
      raf.write(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
          .putFloat(7f).putFloat(8f).putFloat(9f).array());
    }

    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.names()).containsExactly("pad0", "cross1g", "pad1", "cross2g", "pad2", "far");
      assertThat(reader.tensor("cross1g").data()).containsExactly(1.5, -2, 3.25, Float.MAX_VALUE);
      assertThat(reader.tensor("cross2g").data()).containsExactly(Math.PI, -Math.E, Double.MIN_VALUE, 1e300);
      assertThat(reader.tensor("far").data()).containsExactly(7, 8, 9);
      assertThat(reader.tensor("far").dtype()).isEqualTo(DType.F32);
      assertThat(reader.shape("pad2")).isEqualTo(Shape.of((int) (FAR - CROSS_2G - 32)));
    }
  }

  /** Padding tensors of U8 fill the holes, so that tensors tile the data area as required. */
  private static byte[] header() {
    String json = "{"
        + entry("pad0", "U8", "[" + (CROSS_1G - DATA_START) + "]", DATA_START, CROSS_1G) + ","
        + entry("cross1g", "F32", "[4]", CROSS_1G, CROSS_1G + 16) + ","
        + entry("pad1", "U8", "[" + (CROSS_2G - CROSS_1G - 16) + "]", CROSS_1G + 16, CROSS_2G) + ","
        + entry("cross2g", "F64", "[2,2]", CROSS_2G, CROSS_2G + 32) + ","
        + entry("pad2", "U8", "[" + (FAR - CROSS_2G - 32) + "]", CROSS_2G + 32, FAR) + ","
        + entry("far", "F32", "[3]", FAR, END) + "}";
    byte[] header = new byte[HEADER_BYTES];
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, 0, bytes.length);
    for (int i = bytes.length; i < HEADER_BYTES; i++) {
      header[i] = ' ';
    }
    return header;
  }

  /** A header entry for a tensor at absolute file positions {@code [from, to)}. */
  private static String entry(String name, String dtype, String shape, long from, long to) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
        + ",\"data_offsets\":[" + (from - DATA_START) + "," + (to - DATA_START) + "]}";
  }
}
