package org.spikezip.io.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;

/**
 * Reads and validates the header of a safetensors file: an 8-byte little-endian length {@code N},
 * then {@code N} bytes of UTF-8 JSON {@code {"__metadata__": {str: str}, name: {"dtype": "F32",
 * "shape": [..], "data_offsets": [begin, end]}, ...}}, offsets counted from byte {@code 8 + N}.
 *
 * <p>Like the reference implementation it requires strict JSON, supported dtypes, non-negative
 * integer dims, and byte ranges that match the shapes and tile the data area exactly (no overlaps,
 * no holes, no trailing bytes); unlike it, it also refuses repeated names and keys, which the
 * reference resolves silently (last one wins). Every failure is a one-line {@link
 * MalformedWeightsException} naming the file, the tensor and what was expected versus found.
 * Nothing is allocated from a declared size before it is checked against the real file size.
 */
final class SafetensorsHeader {
  /** The largest header the reference implementation accepts. */
  static final long MAX_HEADER_BYTES = 100_000_000L;
  static final String METADATA_KEY = "__metadata__";
  private static final int MAX_NAME_CHARS_IN_MESSAGES = 120;

  /** The tensors, ordered by their data offsets. */
  final List<TensorEntry> entries;
  final Map<String, String> metadata;
  /** File position of data offset 0, i.e. {@code 8 + N}. */
  final long dataStart;

  private SafetensorsHeader(List<TensorEntry> entries, Map<String, String> metadata, long dataStart) {
    this.entries = entries;
    this.metadata = metadata;
    this.dataStart = dataStart;
  }

  /** Reads the header of the file open on {@code channel}; {@code source} names it in messages. */
  static SafetensorsHeader read(FileChannel channel, String source)
      throws MalformedWeightsException, IOException {
    long fileSize = channel.size();
    if (fileSize < 8) {
      throw fail(source, "file is " + fileSize
          + " bytes, shorter than the 8-byte header length that starts a safetensors file");
    }
    ByteBuffer prefix = readFully(channel, 0, 8, source).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = prefix.getLong(0);
    if (Long.compareUnsigned(headerLength, fileSize - 8) > 0) {
      throw fail(source, "header length " + Long.toUnsignedString(headerLength)
          + " (bytes 0-7) is larger than the " + (fileSize - 8) + " bytes that follow it (file size "
          + fileSize + ")");
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw fail(source, "header length " + headerLength + " (bytes 0-7) exceeds the limit of "
          + MAX_HEADER_BYTES + " bytes");
    }
    ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength, source);
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(headerBytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw fail(source, "header (bytes 8-" + (8 + headerLength) + ") is not valid UTF-8");
    }
    long dataStart = 8 + headerLength;
    HeaderJson parsed = new HeaderJson(source, json);
    List<TensorEntry> entries = validate(source, parsed.entries(), fileSize - dataStart, fileSize);
    return new SafetensorsHeader(entries, parsed.metadata(), dataStart);
  }

  /** {@code name} in quotes, cut if long, for messages (which {@link #fail} makes one line). */
  static String quote(String name) {
    return name.length() <= MAX_NAME_CHARS_IN_MESSAGES
        ? "'" + name + "'"
        : "'" + name.substring(0, MAX_NAME_CHARS_IN_MESSAGES) + "...' (" + name.length() + " chars)";
  }

  /** A one-line exception about {@code source}. */
  static MalformedWeightsException fail(String source, String detail) {
    return new MalformedWeightsException(oneLine(source + ": " + detail));
  }

  /** {@code text} with line breaks and other control characters escaped. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length, String source)
      throws IOException, MalformedWeightsException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw fail(source, "file ended at byte " + (position + buffer.position())
            + " while reading bytes " + position + "-" + (position + length) + " (was it truncated?)");
      }
    }
    buffer.flip();
    return buffer;
  }

  /**
   * Checks each entry's sizes and range, then that the ranges, sorted, tile {@code [0,
   * dataSize)}; returns the entries in offset order (header order among equal ranges).
   */
  private static List<TensorEntry> validate(String source, List<HeaderJson.RawEntry> raw,
      long dataSize, long fileSize) throws MalformedWeightsException {
    List<TensorEntry> entries = new ArrayList<>(raw.size());
    for (HeaderJson.RawEntry r : raw) {
      String what = "tensor " + quote(r.name());
      String shape = Arrays.toString(r.dims());
      if (r.begin() > r.end()) {
        throw fail(source, what + ": data_offsets [" + r.begin() + ", " + r.end()
            + "] must have begin <= end");
      }
      long count = elementCount(r.dims());
      long needed = count < 0 || count > Long.MAX_VALUE / r.dtype().byteSize()
          ? -1 : count * r.dtype().byteSize();
      if (needed != r.end() - r.begin()) {
        throw fail(source, what + ": data_offsets [" + r.begin() + ", " + r.end() + "] span "
            + (r.end() - r.begin()) + " bytes but shape " + shape + " of " + r.dtype() + " needs "
            + (needed < 0 ? "more than 2^63" : String.valueOf(needed)));
      }
      if (r.end() > dataSize) {
        throw fail(source, what + ": data_offsets [" + r.begin() + ", " + r.end()
            + "] end beyond the data area of " + dataSize + " bytes (file size " + fileSize + ")");
      }
      entries.add(new TensorEntry(r.name(), r.dtype(), r.dims(), count, r.begin(), r.end()));
    }
    entries.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
    long covered = 0;
    TensorEntry previous = null;
    for (TensorEntry e : entries) {
      if (e.begin() < covered) {
        throw fail(source, "tensors " + quote(previous.name()) + " at data_offsets ["
            + previous.begin() + ", " + previous.end() + "] and " + quote(e.name()) + " at ["
            + e.begin() + ", " + e.end() + "] overlap");
      }
      if (e.begin() > covered) {
        throw fail(source, "data bytes [" + covered + ", " + e.begin() + ") before tensor "
            + quote(e.name()) + " belong to no tensor; tensors must cover the data area without gaps");
      }
      covered = e.end();
      previous = e;
    }
    if (covered != dataSize) {
      throw fail(source, "tensors cover " + covered + " bytes but the data area after the header holds "
          + dataSize + " (" + (dataSize - covered) + " trailing bytes belong to no tensor)");
    }
    return Collections.unmodifiableList(entries);
  }

  /** The product of {@code dims}, or -1 if it exceeds a long. */
  private static long elementCount(long[] dims) {
    for (long d : dims) {
      if (d == 0) {
        return 0;
      }
    }
    long count = 1;
    for (long d : dims) {
      if (count > Long.MAX_VALUE / d) {
        return -1;
      }
      count *= d;
    }
    return count;
  }
}
