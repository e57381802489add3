package org.spikezip.io.safetensors;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.DType;

/**
 * Parses the JSON text of a safetensors header, strictly (RFC 8259, no comments or trailing
 * values), into its tensor entries in header order and its {@code __metadata__} strings.
 *
 * <p>Each entry must be an object with the keys {@code dtype} (a supported dtype name), {@code
 * shape} (an array of non-negative integers) and {@code data_offsets} (two non-negative integers);
 * other keys are skipped, as the reference implementation does. Names and keys may not repeat.
 * {@code __metadata__} is an object of strings, or null for none. Offsets and sizes are checked
 * later by {@link SafetensorsHeader}.
 */
final class HeaderJson {
  /** One tensor's header entry as written, before its offsets are checked. */
  record RawEntry(String name, DType dtype, long[] dims, long begin, long end) {}

  private static final String SUPPORTED = Arrays.stream(DType.values())
      .map(DType::name)
      .collect(Collectors.joining(", "));

  private final String source;
  private final JsonReader reader;
  private final List<RawEntry> entries = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  /** Parses {@code json}; {@code source} names the file in messages. */
  HeaderJson(String source, String json) throws MalformedWeightsException {
    this.source = source;
    this.reader = new JsonReader(new StringReader(json));
    reader.setStrictness(Strictness.STRICT);
    try {
      parse();
    } catch (IOException e) {
      // Gson's messages end in a second line (a link) and may suggest its lenient mode.
      String message = String.valueOf(e.getMessage());
      int lineEnd = message.indexOf('\n');
      String firstLine = (lineEnd < 0 ? message : message.substring(0, lineEnd))
          .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "syntax error");
      throw fail("header is not valid JSON: " + firstLine);
    }
  }

  List<RawEntry> entries() {
    return Collections.unmodifiableList(entries);
  }

  Map<String, String> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  private void parse() throws IOException, MalformedWeightsException {
    expect(JsonToken.BEGIN_OBJECT, "the header");
    reader.beginObject();
    Set<String> names = new HashSet<>();
    boolean sawMetadata = false;
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (name.equals(SafetensorsHeader.METADATA_KEY)) {
        if (sawMetadata) {
          throw fail("header has two " + SafetensorsHeader.METADATA_KEY + " entries");
        }
        sawMetadata = true;
        readMetadata();
      } else {
        if (!names.add(name)) {
          throw fail("header names tensor " + SafetensorsHeader.quote(name) + " twice");
        }
        entries.add(readEntry(name));
      }
    }
    reader.endObject();
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw fail("header has content after its JSON object");
    }
  }

  private void readMetadata() throws IOException, MalformedWeightsException {
    if (reader.peek() == JsonToken.NULL) {
      reader.nextNull(); // the reference implementation reads null as no metadata
      return;
    }
    expect(JsonToken.BEGIN_OBJECT, SafetensorsHeader.METADATA_KEY + " (an object of strings)");
    reader.beginObject();
    while (reader.hasNext()) {
      String key = reader.nextName();
      expect(JsonToken.STRING, "metadata value of key " + SafetensorsHeader.quote(key));
      if (metadata.put(key, reader.nextString()) != null) {
        throw fail("metadata key " + SafetensorsHeader.quote(key) + " appears twice");
      }
    }
    reader.endObject();
  }

  private RawEntry readEntry(String name) throws IOException, MalformedWeightsException {
    String what = "tensor " + SafetensorsHeader.quote(name);
    expect(JsonToken.BEGIN_OBJECT, what + " (an object with dtype, shape and data_offsets)");
    reader.beginObject();
    DType dtype = null;
    long[] dims = null;
    long[] offsets = null;
    while (reader.hasNext()) {
      String key = reader.nextName();
      boolean repeated;
      switch (key) {
        case "dtype" -> {
          repeated = dtype != null;
          dtype = readDType(what);
        }
        case "shape" -> {
          repeated = dims != null;
          dims = readIntegers(what + " shape");
        }
        case "data_offsets" -> {
          repeated = offsets != null;
          offsets = readIntegers(what + " data_offsets");
        }
        default -> {
          // Ignored, as the reference implementation does: room for future fields.
          repeated = false;
          reader.skipValue();
        }
      }
      if (repeated) {
        throw fail(what + " has key " + key + " twice");
      }
    }
    reader.endObject();
    if (dtype == null || dims == null || offsets == null) {
      throw fail(what + " lacks " + (dtype == null ? "dtype" : dims == null ? "shape" : "data_offsets"));
    }
    if (offsets.length != 2) {
      throw fail(what + ": data_offsets must be [begin, end], found " + offsets.length + " numbers "
          + Arrays.toString(offsets));
    }
    return new RawEntry(name, dtype, dims, offsets[0], offsets[1]);
  }

  private DType readDType(String what) throws IOException, MalformedWeightsException {
    expect(JsonToken.STRING, what + " dtype");
    String text = reader.nextString();
    for (DType t : DType.values()) {
      if (t.name().equals(text)) {
        return t;
      }
    }
    throw fail(what + " has dtype " + SafetensorsHeader.quote(text) + "; supported: " + SUPPORTED);
  }

  /** An array of integers in [0, 2^63), as {@code shape} and {@code data_offsets} hold. */
  private long[] readIntegers(String what) throws IOException, MalformedWeightsException {
    expect(JsonToken.BEGIN_ARRAY, what + " (an array of non-negative integers)");
    reader.beginArray();
    long[] values = new long[4];
    int count = 0;
    while (reader.hasNext()) {
      expect(JsonToken.NUMBER, what + " element " + count);
      String text = reader.nextString();
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw fail(what + " element " + count + " must be an integer in [0, 2^63), found "
            + SafetensorsHeader.quote(text));
      }
      if (value < 0) {
        throw fail(what + " element " + count + " must be non-negative, found " + value);
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, 2 * count);
      }
      values[count++] = value;
    }
    reader.endArray();
    return Arrays.copyOf(values, count);
  }

  private void expect(JsonToken wanted, String what) throws IOException, MalformedWeightsException {
    JsonToken found = reader.peek();
    if (found != wanted) {
      throw fail("expected " + what + " to be " + describe(wanted) + " at JSON path "
          + reader.getPath() + ", found " + describe(found));
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case BEGIN_OBJECT -> "an object";
      case BEGIN_ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case END_DOCUMENT -> "the end of the header";
      case END_OBJECT, END_ARRAY, NAME -> "the token " + token;
    };
  }

  private MalformedWeightsException fail(String detail) {
    return SafetensorsHeader.fail(source, detail);
  }
}
