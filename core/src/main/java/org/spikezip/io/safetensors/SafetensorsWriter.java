package org.spikezip.io.safetensors;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.spikezip.io.AtomicFiles;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Tensor;

/**
 * Writes named tensors and string metadata as a safetensors file, each tensor in its
 * {@link Tensor#dtype()}, in the map's iteration order, contiguously from data offset 0.
 *
 * <p>The header is compact JSON, {@code __metadata__} first (omitted when empty), padded with
 * spaces to a multiple of 8 bytes as the reference implementation does. Doubles are converted
 * to F32 by Java's cast and to F16 and BF16 directly (both round to nearest, ties to even); integer
 * dtypes and BOOL accept only values they hold exactly (I64 only within &plusmn;2^53, so the file
 * always reads back), otherwise {@link IllegalArgumentException} names the tensor and element.
 * All values are checked before anything is written.
 *
 * <p>The file is written to a temporary file beside {@code path}, forced to disk, then atomically
 * renamed over {@code path}: a failure leaves no partial output. Data are streamed through a small
 * buffer, so memory use does not grow with the file.
 */
public final class SafetensorsWriter {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final double MAX_EXACT_LONG = 0x1p53;

  private SafetensorsWriter() {}

  /** Writes {@code tensors} without metadata; see {@link #write(Path, Map, Map)}. */
  public static void write(Path path, Map<String, Tensor> tensors) throws IOException {
    write(path, tensors, Map.of());
  }

  /**
   * Writes {@code tensors} (in iteration order) and {@code metadata} to {@code path}, replacing it.
   *
   * @throws IllegalArgumentException if a tensor is named {@code __metadata__}, a name is not valid
   *     Unicode, or a value does not fit its tensor's integer or BOOL dtype
   * @throws IOException if the file cannot be written (then {@code path} is left as it was)
   */
  public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      checkValues(e.getKey(), e.getValue());
    }
    byte[] header = header(tensors, metadata);
    Path target = path.toAbsolutePath();
    AtomicFiles.write(target, out -> {
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buffer.putLong(header.length);
      flush(out, buffer);
      writeFully(out, ByteBuffer.wrap(header));
      for (Tensor t : tensors.values()) {
        writeData(out, buffer, t);
      }
    });
  }

  /** The padded UTF-8 header JSON. */
  private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
    StringWriter text = new StringWriter();
    try (JsonWriter json = new JsonWriter(text)) {
      json.beginObject();
      if (!metadata.isEmpty()) {
        json.name(SafetensorsHeader.METADATA_KEY).beginObject();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
          json.name(Objects.requireNonNull(e.getKey(), "metadata key"))
              .value(Objects.requireNonNull(e.getValue(), "metadata value of " + e.getKey()));
        }
        json.endObject();
      }
      long offset = 0;
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        Tensor t = e.getValue();
        long end = offset + (long) t.size() * t.dtype().byteSize();
        json.name(e.getKey()).beginObject();
        json.name("dtype").value(t.dtype().name());
        json.name("shape").beginArray();
        for (int d : t.shape().dims()) {
          json.value(d);
        }
        json.endArray();
        json.name("data_offsets").beginArray().value(offset).value(end).endArray();
        json.endObject();
        offset = end;
      }
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("bug: writing to a StringWriter failed", e);
    }
    ByteBuffer utf8;
    try {
      utf8 = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text.toString()));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "tensor names and metadata must be valid Unicode (no lone surrogates): " + e.getMessage(), e);
    }
    int length = utf8.remaining();
    int padded = (length + 7) / 8 * 8;
    if (padded > SafetensorsHeader.MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("header would be " + padded + " bytes, more than the "
          + SafetensorsHeader.MAX_HEADER_BYTES + " readers accept");
    }
    byte[] header = new byte[padded];
    utf8.get(header, 0, length);
    for (int i = length; i < padded; i++) {
      header[i] = ' ';
    }
    return header;
  }

  /** Refuses a reserved name and any value the tensor's dtype cannot hold exactly. */
  private static void checkValues(String name, Tensor t) {
    if (name.equals(SafetensorsHeader.METADATA_KEY)) {
      throw new IllegalArgumentException(
          "tensor name " + SafetensorsHeader.METADATA_KEY + " is reserved for the metadata");
    }
    DType dtype = t.dtype();
    if (dtype.isFloating()) {
      return;
    }
    double min;
    double max;
    switch (dtype) {
      case I64 -> {
        min = -MAX_EXACT_LONG;
        max = MAX_EXACT_LONG;
      }
      case I32 -> {
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
      }
      case I16 -> {
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
      }
      case I8 -> {
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
      }
      case U8 -> {
        min = 0;
        max = 255;
      }
      case BOOL -> {
        min = 0;
        max = 1;
      }
      default -> throw new IllegalStateException("bug: unhandled integer dtype " + dtype);
    }
    double[] data = t.data();
    for (int i = 0; i < data.length; i++) {
      double v = data[i];
      if (!(v >= min && v <= max && v == Math.rint(v))) {
        throw new IllegalArgumentException("tensor '" + name + "' element " + i + " is " + v
            + ", which " + dtype + " cannot hold: expected an integer in [" + (long) min + ", "
            + (long) max + "]");
      }
    }
  }

  /** Appends the tensor's elements, encoded, through {@code buffer} (left empty). */
  private static void writeData(FileChannel out, ByteBuffer buffer, Tensor t) throws IOException {
    double[] data = t.data();
    DType dtype = t.dtype();
    for (double v : data) {
      if (buffer.remaining() < Long.BYTES) {
        flush(out, buffer);
      }
      switch (dtype) {
        case F64 -> buffer.putDouble(v);
        case F32 -> buffer.putFloat((float) v);
        case F16 -> buffer.putShort((short) HalfFloats.doubleToF16(v));
        case BF16 -> buffer.putShort((short) HalfFloats.doubleToBf16(v));
        case I64 -> buffer.putLong((long) v);
        case I32 -> buffer.putInt((int) v);
        case I16 -> buffer.putShort((short) v);
        case I8, U8, BOOL -> buffer.put((byte) (int) v);
      }
    }
    flush(out, buffer);
  }

  /** Writes the bytes {@code buffer} has accumulated (up to its position) and clears it. */
  private static void flush(FileChannel out, ByteBuffer buffer) throws IOException {
    buffer.flip();
    writeFully(out, buffer);
    buffer.clear();
  }

  private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }
}
