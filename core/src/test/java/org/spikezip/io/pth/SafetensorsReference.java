package org.spikezip.io.pth;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;

/**
 * Test-only reader of the reference safetensors file that make_pth_fixtures.py writes by hand:
 * 8-byte little-endian header length, JSON header, raw little-endian bytes. Gives each tensor's
 * dtype, shape and raw bytes, so tests compare with what PyTorch wrote without a production reader.
 */
final class SafetensorsReference {
  /** One tensor of the reference: its dtype, shape and contiguous little-endian bytes. */
  record Entry(DType dtype, Shape shape, ByteBuffer bytes) {}

  private SafetensorsReference() {}

  static Map<String, Entry> read(Path file) throws IOException {
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = (int) all.getLong(0);
    String json = new String(all.array(), 8, headerLength, StandardCharsets.UTF_8);
    JsonObject header = JsonParser.parseString(json).getAsJsonObject();
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String name : header.keySet()) {
      JsonObject info = header.getAsJsonObject(name);
      long[] dims = new long[info.getAsJsonArray("shape").size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = info.getAsJsonArray("shape").get(i).getAsLong();
      }
      int begin = 8 + headerLength + info.getAsJsonArray("data_offsets").get(0).getAsInt();
      int end = 8 + headerLength + info.getAsJsonArray("data_offsets").get(1).getAsInt();
      ByteBuffer bytes = all.slice(begin, end - begin).order(ByteOrder.LITTLE_ENDIAN);
      entries.put(name, new Entry(DType.valueOf(info.get("dtype").getAsString()), Shape.ofLongs(dims), bytes));
    }
    return entries;
  }
}
