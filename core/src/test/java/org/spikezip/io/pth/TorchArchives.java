package org.spikezip.io.pth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test-only writers and readers of the two torch.save layouts around a given pickle. */
final class TorchArchives {
  private TorchArchives() {}

  /** A zip-format checkpoint: {@code <prefix>/data.pkl}, {@code <prefix>/data/<key>} and byteorder entries. */
  static void writeZip(Path file, String prefix, byte[] pickle, Map<String, byte[]> storages, String byteOrder)
      throws IOException {
    try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
      put(zip, prefix + "/data.pkl", pickle);
      put(zip, prefix + "/byteorder", byteOrder.getBytes(StandardCharsets.US_ASCII));
      for (Map.Entry<String, byte[]> e : storages.entrySet()) {
        put(zip, prefix + "/data/" + e.getKey(), e.getValue());
      }
      put(zip, prefix + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** The data.pkl and storages of a zip-format checkpoint, by storage key. */
  static Map<String, byte[]> readZipEntries(Path file) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        entries.put(e.getName().substring(e.getName().indexOf('/') + 1), zip.getInputStream(e).readAllBytes());
      }
    }
    return entries;
  }

  /**
   * A legacy checkpoint: the magic, protocol and system-info pickles, {@code pickle}, the key list,
   * then per key an 8-byte little-endian element count from {@code counts} and the storage bytes.
   */
  static byte[] legacy(byte[] pickle, Map<String, byte[]> storages, Map<String, Long> counts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new PickleBuilder().proto()
        .op(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.').bytes());
    out.writeBytes(new PickleBuilder().proto().op('M', 0xe9, 0x03, '.').bytes());
    out.writeBytes(new PickleBuilder().proto().op('}').str("little_endian").op(0x88, 's', '.').bytes());
    out.writeBytes(pickle);
    PickleBuilder keys = new PickleBuilder().proto().op(']', '(');
    storages.keySet().forEach(keys::str);
    out.writeBytes(keys.op('e', '.').bytes());
    for (Map.Entry<String, byte[]> e : storages.entrySet()) {
      out.writeBytes(new PickleBuilder().littleEndian(counts.get(e.getKey()), 8).bytes());
      out.writeBytes(e.getValue());
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }
}
