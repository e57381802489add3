package org.spikezip.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.spikezip.error.MalformedWeightsException;

/**
 * Mutated and hand-made ONNX files: each opens (and each tensor reads or is refused) or the file is
 * refused, with a one-line MalformedWeightsException naming the file, within a time bound; never
 * another exception, a hang, or an allocation sized by a declared (rather than present) length.
 */
class OnnxReaderFuzzTest {
  private static final Duration TIME_BOUND = Duration.ofSeconds(20);

  @Property(tries = 200)
  void truncatedFilesOpenOrAreRefused(@ForAll @IntRange(max = 99_999) int cut) throws IOException {
    byte[] bytes = Files.readAllBytes(OnnxReaderTest.tinyGraph());
    assertThat(outcome(Arrays.copyOf(bytes, cut % bytes.length))).isNotNull();
  }

  @Property(tries = 400)
  void flippedBytesOpenOrAreRefused(@ForAll @Size(min = 1, max = 8) List<@IntRange(max = 99_999) Integer> positions,
      @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
    byte[] bytes = Files.readAllBytes(OnnxReaderTest.tinyGraph());
    for (int p : positions) {
      bytes[p % bytes.length] ^= (byte) mask;
    }
    assertThat(outcome(bytes)).isNotNull();
  }

  @Property(tries = 200)
  void randomBytesOpenOrAreRefused(@ForAll @Size(max = 300) List<@IntRange(max = 255) Integer> bytes) {
    byte[] file = new byte[bytes.size()];
    for (int i = 0; i < file.length; i++) {
      file[i] = (byte) (int) bytes.get(i);
    }
    assertThat(outcome(file)).isNotNull();
  }

  @Example
  void declaredSizeBeyondTheValuesPresentIsRefusedBeforeAllocating() {
    byte[] tensor = tensor("w", 1, new long[] {Integer.MAX_VALUE}, out -> out.writeFloat(4, 1f));
    assertThat(outcome(model(tensor))).contains("'w' holds 1 values in float_data; its shape [2147483647] needs 2147483647");
  }

  @Example
  void rawDataOfTheWrongLengthIsRefused() {
    byte[] tensor = tensor("w", 1, new long[] {3}, out -> out.writeByteArray(9, new byte[8]));
    assertThat(outcome(model(tensor))).contains("'w' has 8 bytes of raw_data; its shape and F32 need 12");
  }

  @Example
  void dimsBeyondTheElementLimitOrRankAreRefused() {
    assertThat(outcome(model(tensor("w", 1, new long[] {1L << 20, 1L << 20}, out -> { }))))
        .contains("initializer 'w' has dims [1048576, 1048576]");
    assertThat(outcome(model(tensor("w", 1, new long[] {-1}, out -> { })))).contains("has dims [-1]");
    assertThat(outcome(model(tensor("w", 1, new long[65], out -> { })))).contains("at most 64 non-negative dims");
  }

  @Example
  void unpackedTypedValuesAreRead() {
    byte[] floats = tensor("w", 1, new long[] {2}, out -> {
      out.writeFloat(4, 0.5f);
      out.writeFloat(4, -1f);
    });
    byte[] longs = tensor("i", 7, new long[] {2}, out -> {
      out.writeInt64(7, -3);
      out.writeInt64(7, 1L << 53);
    });
    assertThat(outcome(model(floats, longs))).isEqualTo("opened w=[0.5, -1.0] i=[-3.0, 9.007199254740992E15]");
  }

  @Example
  void int64BeyondExactDoublesIsRefusedByName() {
    byte[] longs = tensor("i", 7, new long[] {1}, out -> out.writeInt64(7, (1L << 53) + 1));
    assertThat(outcome(model(longs))).contains("i: refused").contains("'i': integer 9007199254740993 exceeds 2^53");
  }

  @Example
  void duplicateNamesAndMissingGraphAreRefused() {
    byte[] w = tensor("w", 1, new long[] {0}, out -> { });
    assertThat(outcome(model(w, w))).contains("two initializers named 'w'");
    assertThat(outcome(new byte[] {8, 7})).contains("no graph (ModelProto field 7): not an ONNX model");
  }

  @Example
  void deeplyNestedGroupsAreRefused() {
    byte[] file = new byte[200_000];
    Arrays.fill(file, (byte) (1 << 3 | WireFormat.WIRETYPE_START_GROUP));
    assertThat(outcome(file)).startsWith("refused").contains("not a valid ONNX protobuf").contains("levels of nesting");
  }

  /** Writes the fields of a TensorProto after its name, data_type and dims. */
  interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] tensor(String name, int dataType, long[] dims, Fields values) {
    return message(out -> {
      for (long d : dims) {
        out.writeInt64(1, d);
      }
      out.writeInt32(2, dataType);
      out.writeString(8, name);
      values.write(out);
    });
  }

  /** A ModelProto whose graph holds {@code tensors} as initializers. */
  private static byte[] model(byte[]... tensors) {
    byte[] graph = message(out -> {
      for (byte[] t : tensors) {
        out.writeBytes(5, ByteString.copyFrom(t));
      }
    });
    return message(out -> out.writeBytes(7, ByteString.copyFrom(graph)));
  }

  private static byte[] message(Fields fields) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      fields.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * "opened" and {@code name=values} of each initializer (or {@code name: refused: message}), or
   * "refused: message"; fails on any other exception or after {@link #TIME_BOUND}.
   */
  private static String outcome(byte[] bytes) {
    return assertTimeoutPreemptively(TIME_BOUND, () -> {
      Path file = Files.createTempFile("fuzz", ".onnx");
      try {
        Files.write(file, bytes);
        List<String> parts = new ArrayList<>(List.of("opened"));
        try (OnnxTensorStore store = OnnxReader.open(file)) {
          for (String name : store.names()) {
            try {
              parts.add(name + "=" + Arrays.toString(store.tensor(name).toArray()));
            } catch (MalformedWeightsException e) {
              parts.add(name + ": refused: " + oneLine(e, file));
            }
          }
          return String.join(" ", parts);
        } catch (MalformedWeightsException e) {
          return "refused: " + oneLine(e, file);
        }
      } finally {
        Files.delete(file);
      }
    });
  }

  private static String oneLine(MalformedWeightsException e, Path file) {
    assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
    return e.getMessage();
  }
}
