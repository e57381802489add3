package org.spikezip.io.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.NearNames;
import org.spikezip.io.TensorStore;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * The tensors of one safetensors file, read through read-only memory maps.
 *
 * <p>{@link #open} reads and validates the whole header (see {@link SafetensorsHeader}) and keeps
 * the file open; {@link #tensor} maps that tensor's byte range, in pieces of at most 1 GiB so that
 * files and tensors beyond 2 GiB work, and converts each little-endian element to a double: F64,
 * F32, F16 and BF16 exactly; I64, I32, I16, I8 and U8 as integers (I64 only within &plusmn;2^53,
 * where doubles are exact); BOOL as 0 or 1. The returned {@link Tensor} records the file's dtype.
 *
 * <p>Names come in file (data offset) order. Safe for concurrent reads; {@link #close} releases
 * the file, after which only {@link #names}, {@link #shape} and {@link #metadata} still answer.
 */
public final class SafetensorsReader implements TensorStore {
  private static final int DEFAULT_MAX_MAP_BYTES = 1 << 30;
  private static final long MAX_EXACT_LONG = 1L << 53;

  private final String source;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorEntry> entries;
  private final Map<String, String> metadata;
  private final int maxMapBytes;
  private volatile boolean closed;

  private SafetensorsReader(String source, FileChannel channel, SafetensorsHeader header,
      int maxMapBytes) {
    this.source = source;
    this.channel = channel;
    this.dataStart = header.dataStart;
    Map<String, TensorEntry> byName = new LinkedHashMap<>();
    for (TensorEntry e : header.entries) {
      byName.put(e.name(), e);
    }
    this.entries = Collections.unmodifiableMap(byName);
    this.metadata = header.metadata;
    this.maxMapBytes = maxMapBytes;
  }

  /**
   * Opens {@code path} and validates its header.
   *
   * @throws MalformedWeightsException if the file cannot be read or is not a well-formed
   *     safetensors file of supported dtypes; the one-line message names the file, the tensor or
   *     offset at fault, and what was expected versus found
   */
  public static SafetensorsReader open(Path path) throws MalformedWeightsException {
    return open(path, DEFAULT_MAX_MAP_BYTES);
  }

  /** Like {@link #open(Path)}, mapping at most {@code maxMapBytes} at a time (small in tests). */
  static SafetensorsReader open(Path path, int maxMapBytes) throws MalformedWeightsException {
    if (maxMapBytes < Long.BYTES) {
      throw new IllegalArgumentException("maxMapBytes must be at least 8, got " + maxMapBytes);
    }
    String source = path.toString();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
      SafetensorsReader reader =
          new SafetensorsReader(source, channel, SafetensorsHeader.read(channel, source), maxMapBytes);
      channel = null;
      return reader;
    } catch (IOException e) {
      throw new MalformedWeightsException(
          SafetensorsHeader.oneLine(source + ": cannot read safetensors file: " + e), e);
    } finally {
      closeQuietly(channel);
    }
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Set<String> names() {
    return entries.keySet();
  }

  @Override
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * {@inheritDoc}
   *
   * @throws MalformedWeightsException also if the tensor has more than {@link Integer#MAX_VALUE}
   *     elements or a dimension beyond int range, which this library cannot hold
   */
  @Override
  public Shape shape(String name) throws MalformedWeightsException {
    TensorEntry entry = entry(name);
    if (entry.elementCount() > Integer.MAX_VALUE) {
      throw SafetensorsHeader.fail(source, "tensor " + SafetensorsHeader.quote(name) + " of shape "
          + entry.shapeText() + " has " + entry.elementCount() + " elements, more than the "
          + Integer.MAX_VALUE + " a tensor here can hold");
    }
    for (long d : entry.dims()) {
      if (d > Integer.MAX_VALUE) {
        throw SafetensorsHeader.fail(source, "tensor " + SafetensorsHeader.quote(name) + " of shape "
            + entry.shapeText() + " has a dimension beyond " + Integer.MAX_VALUE);
      }
    }
    return Shape.ofLongs(entry.dims());
  }

  @Override
  public DType dtype(String name) throws MalformedWeightsException {
    return entry(name).dtype();
  }

  @Override
  public Tensor tensor(String name) throws MalformedWeightsException {
    Shape shape = shape(name);
    TensorEntry entry = entries.get(name);
    if (closed) {
      throw new IllegalStateException("reader of " + source + " is closed; cannot read " + name);
    }
    int count = shape.size();
    double[] values = new double[count];
    int elementBytes = entry.dtype().byteSize();
    int perMap = maxMapBytes / elementBytes;
    long position = dataStart + entry.begin();
    try {
      for (int done = 0; done < count; ) {
        int n = Math.min(perMap, count - done);
        ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, position, (long) n * elementBytes)
            .order(ByteOrder.LITTLE_ENDIAN);
        decode(entry, bytes, values, done, n);
        done += n;
        position += (long) n * elementBytes;
      }
    } catch (IOException e) {
      throw new MalformedWeightsException(SafetensorsHeader.oneLine(source + ": cannot read tensor "
          + SafetensorsHeader.quote(name) + " at file bytes " + (dataStart + entry.begin()) + "-"
          + (dataStart + entry.end()) + ": " + e), e);
    }
    return Tensor.wrap(shape, values, entry.dtype());
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Closes the file; the maps already handed out are released by the garbage collector. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(channel);
  }

  @Override
  public String toString() {
    return "SafetensorsReader[" + source + ", " + entries.size() + " tensors]";
  }

  private TensorEntry entry(String name) throws MalformedWeightsException {
    TensorEntry entry = entries.get(name);
    if (entry == null) {
      throw new MalformedWeightsException(
          SafetensorsHeader.oneLine(NearNames.missingMessage(source, name, entries.keySet())));
    }
    return entry;
  }

  /** Converts {@code n} elements of {@code bytes} (from position 0) into {@code out[offset...]}. */
  private void decode(TensorEntry entry, ByteBuffer bytes, double[] out, int offset, int n)
      throws MalformedWeightsException {
    switch (entry.dtype()) {
      case F64 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = bytes.getDouble(8 * i);
        }
      }
      case F32 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = bytes.getFloat(4 * i);
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = HalfFloats.f16ToDouble(bytes.getShort(2 * i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = HalfFloats.bf16ToDouble(bytes.getShort(2 * i));
        }
      }
      case I64 -> {
        for (int i = 0; i < n; i++) {
          long v = bytes.getLong(8 * i);
          if (v > MAX_EXACT_LONG || v < -MAX_EXACT_LONG) {
            throw SafetensorsHeader.fail(source, "tensor " + SafetensorsHeader.quote(entry.name())
                + " element " + (offset + i) + " is the I64 value " + v
                + ", beyond the +-2^53 that a double holds exactly");
          }
          out[offset + i] = v;
        }
      }
      case I32 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = bytes.getInt(4 * i);
        }
      }
      case I16 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = bytes.getShort(2 * i);
        }
      }
      case I8 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = bytes.get(i);
        }
      }
      case U8 -> {
        for (int i = 0; i < n; i++) {
          out[offset + i] = bytes.get(i) & 0xFF;
        }
      }
      case BOOL -> {
        for (int i = 0; i < n; i++) {
          byte b = bytes.get(i);
          if (b != 0 && b != 1) {
            throw SafetensorsHeader.fail(source, "tensor " + SafetensorsHeader.quote(entry.name())
                + " element " + (offset + i) + " is the BOOL byte " + (b & 0xFF) + ", expected 0 or 1");
          }
          out[offset + i] = b;
        }
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Read-only: nothing was written that closing could lose.
    }
  }
}
