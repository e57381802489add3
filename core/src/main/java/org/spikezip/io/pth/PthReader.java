package org.spikezip.io.pth;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.spikezip.error.MalformedWeightsException;

/**
 * Opens a PyTorch checkpoint written by {@code torch.save} as a {@link PthTensorStore}.
 *
 * <p>Two layouts are read. The zip format (torch &ge; 1.6) is an archive with one top folder of any
 * name holding {@code data.pkl}, {@code data/<key>} per storage and optionally {@code byteorder}.
 * The legacy format is five pickles (magic number {@code 0x1950a86a20f9469cfc6c}, protocol 1001,
 * system info, the object, the sorted storage keys) followed, per key, by an 8-byte element count
 * and the raw elements. Pickles are run by {@link Unpickler}, which executes nothing. Every storage
 * is checked against the bytes present before any tensor is read; every problem is reported as a
 * {@link MalformedWeightsException} whose one-line message starts with the file name.
 */
public final class PthReader {
  private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
  private static final long LEGACY_PROTOCOL = 1001;
  private static final int SMALL_ENTRY_BYTES = 64;

  private PthReader() {}

  /** Opens {@code file} with {@link PickleLimits#DEFAULTS}. */
  public static PthTensorStore open(Path file) throws MalformedWeightsException {
    return open(file, PickleLimits.DEFAULTS);
  }

  /** Opens {@code file}, refusing pickles beyond {@code limits}. */
  public static PthTensorStore open(Path file, PickleLimits limits) throws MalformedWeightsException {
    String source = file.toString();
    byte[] head = head(file, source);
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return openZip(file, limits, source);
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x80) {
      return openLegacy(file, limits, source);
    }
    throw new MalformedWeightsException(source + ": not a PyTorch checkpoint: "
        + (head.length == 0 ? "the file is empty" : "it starts with neither a zip header nor a pickle")
        + " (expected a file written by torch.save)");
  }

  private static PthTensorStore openZip(Path file, PickleLimits limits, String source)
      throws MalformedWeightsException {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": unreadable zip archive: " + e.getMessage(), e);
    }
    try {
      String prefix = archivePrefix(zip, source);
      ByteOrder order = byteOrder(zip, prefix, source);
      ZipEntry pickleEntry = zip.getEntry(prefix + "data.pkl");
      if (pickleEntry.getSize() > limits.maxPickleBytes()) {
        throw new MalformedWeightsException(source + ": " + PickleRenderer.render(prefix + "data.pkl") + " has "
            + pickleEntry.getSize() + " bytes, more than the limit of " + limits.maxPickleBytes());
      }
      TorchRebuilds torch = new TorchRebuilds(source);
      Object root;
      try (InputStream in = new BufferedInputStream(zip.getInputStream(pickleEntry))) {
        root = Unpickler.load(new PickleInput(in, source), limits, torch);
      }
      ZipStorages storages = new ZipStorages(zip, prefix, order, source);
      for (StorageRef storage : torch.storages()) {
        storages.checkSize(storage);
      }
      StateDictLocator.Located located = StateDictLocator.locate(root, source);
      return new PthTensorStore(source, PthFormat.ZIP, located.key(), located.tensors(), located.otherEntries(), storages);
    } catch (IOException e) {
      closeQuietly(zip, e);
      throw new MalformedWeightsException(source + ": cannot read archive: " + e.getMessage(), e);
    } catch (MalformedWeightsException | RuntimeException e) {
      closeQuietly(zip, e);
      throw e;
    }
  }

  /** The folder, with its trailing slash, that holds {@code data.pkl}: exactly one must exist. */
  private static String archivePrefix(ZipFile zip, String source) throws MalformedWeightsException {
    List<String> prefixes = new ArrayList<>();
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      int slash = name.indexOf('/');
      if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
        prefixes.add(name.substring(0, slash + 1));
      }
    }
    if (prefixes.size() != 1) {
      throw new MalformedWeightsException(source + ": a torch.save archive holds one <name>/data.pkl, this one holds "
          + (prefixes.isEmpty() ? "none" : prefixes.size() + " (" + PickleRenderer.render(prefixes) + ")"));
    }
    return prefixes.get(0);
  }

  private static ByteOrder byteOrder(ZipFile zip, String prefix, String source)
      throws MalformedWeightsException, IOException {
    ZipEntry entry = zip.getEntry(prefix + "byteorder");
    if (entry == null) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    String text;
    try (InputStream in = zip.getInputStream(entry)) {
      text = new String(in.readNBytes(SMALL_ENTRY_BYTES), StandardCharsets.US_ASCII).trim();
    }
    switch (text) {
      case "little":
        return ByteOrder.LITTLE_ENDIAN;
      case "big":
        return ByteOrder.BIG_ENDIAN;
      default:
        throw new MalformedWeightsException(
            source + ": " + PickleRenderer.render(prefix + "byteorder") + " says " + PickleRenderer.render(text) + ", expected 'little' or 'big'");
    }
  }

  private static PthTensorStore openLegacy(Path file, PickleLimits limits, String source)
      throws MalformedWeightsException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": cannot open: " + e.getMessage(), e);
    }
    try {
      PickleInput in = new PickleInput(new BufferedInputStream(Channels.newInputStream(channel)), source);
      TorchRebuilds torch = new TorchRebuilds(source);
      if (!LEGACY_MAGIC.equals(Unpickler.load(in, limits, torch))) {
        throw new MalformedWeightsException(source + ": a pickle, but not a torch.save checkpoint (no magic number)");
      }
      Object protocol = Unpickler.load(in, limits, torch);
      if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
        throw new MalformedWeightsException(source + ": legacy checkpoint protocol "
            + PickleRenderer.render(protocol) + " is not supported (expected " + LEGACY_PROTOCOL + ")");
      }
      Object sysInfo = Unpickler.load(in, limits, torch);
      ByteOrder order = sysInfo instanceof Map && Boolean.FALSE.equals(((Map<?, ?>) sysInfo).get("little_endian"))
          ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      Object root = Unpickler.load(in, limits, torch);
      Object keys = Unpickler.load(in, limits, torch);
      Map<String, Long> dataStart = locateStorages(channel, in.position(), keys, torch, order, source);
      LegacyStorages storages = new LegacyStorages(channel, dataStart, order, source);
      StateDictLocator.Located located = StateDictLocator.locate(root, source);
      return new PthTensorStore(source, PthFormat.LEGACY, located.key(), located.tensors(), located.otherEntries(), storages);
    } catch (MalformedWeightsException | RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  /**
   * Walks the raw storages that follow the pickles, in the order of the key list, and returns where
   * each one's elements start, checking that each holds the elements its persistent ids declare.
   */
  private static Map<String, Long> locateStorages(FileChannel channel, long start, Object keys,
      TorchRebuilds torch, ByteOrder order, String source) throws MalformedWeightsException {
    Map<String, StorageRef> declared = new HashMap<>();
    for (StorageRef storage : torch.storages()) {
      declared.put(storage.key(), storage);
    }
    if (!(keys instanceof List)) {
      throw new MalformedWeightsException(source + ": the storage key list is " + PickleRenderer.render(keys));
    }
    Map<String, Long> dataStart = new HashMap<>();
    long position = start;
    long fileSize = size(channel, source);
    for (Object key : (List<?>) keys) {
      StorageRef storage = declared.get(key);
      if (storage == null || dataStart.containsKey(key)) {
        throw new MalformedWeightsException(source + ": storage key " + PickleRenderer.render(key)
            + (storage == null ? " is listed but no tensor refers to it" : " is listed twice"));
      }
      ByteBuffer count = ByteBuffer.allocate(Long.BYTES).order(order);
      readFully(channel, count, position, source, storage.key());
      long numel = count.getLong(0);
      long available = fileSize - position - Long.BYTES;
      if (numel < storage.numel() || numel < 0 || numel > available / storage.dtype().byteSize()) {
        throw new MalformedWeightsException(source + ": storage " + PickleRenderer.render(storage.key()) + " declares " + storage.numel()
            + " elements of " + storage.dtype() + ", its data header " + numel + ", but the file holds "
            + available + " bytes after that header");
      }
      dataStart.put(storage.key(), position + Long.BYTES);
      position += Long.BYTES + numel * storage.dtype().byteSize();
    }
    for (String key : declared.keySet()) {
      if (!dataStart.containsKey(key)) {
        throw new MalformedWeightsException(source + ": storage " + PickleRenderer.render(key) + " is used but missing from the key list");
      }
    }
    return dataStart;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position, String source, String key)
      throws MalformedWeightsException {
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          throw new MalformedWeightsException(source + ": truncated before the data of storage " + PickleRenderer.render(key));
        }
      }
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": cannot read storage " + PickleRenderer.render(key) + ": " + e.getMessage(), e);
    }
  }

  private static long size(FileChannel channel, String source) throws MalformedWeightsException {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static byte[] head(Path file, String source) throws MalformedWeightsException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(4);
    } catch (IOException e) {
      throw new MalformedWeightsException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable resource, Exception failure) {
    try {
      resource.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
