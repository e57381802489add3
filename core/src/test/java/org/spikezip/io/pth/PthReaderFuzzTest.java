package org.spikezip.io.pth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.Tensor;

/**
 * Mutated and hostile checkpoints: every one either loads (and reads every tensor) or ends in a
 * one-line MalformedWeightsException naming the file, within a time bound; never another exception,
 * a hang or an out-of-memory error.
 */
class PthReaderFuzzTest {
  private static final Duration TIME_BOUND = Duration.ofSeconds(20);
  private static final List<String> FIXTURES =
      List.of("vit_tiny_zip.pth", "vit_tiny_legacy.pth", "vit_tiny_wrapped.pth", "hostile_wrapped.pth");

  @Provide
  Arbitrary<String> fixtures() {
    return Arbitraries.of(FIXTURES);
  }

  @Property(tries = 150)
  void truncatedFilesAreRefused(@ForAll("fixtures") String fixture, @ForAll @IntRange(max = 99_999) int cut)
      throws IOException {
    byte[] bytes = Files.readAllBytes(Fixtures.path(fixture));
    byte[] truncated = Arrays.copyOf(bytes, cut % bytes.length);
    assertThat(outcome(truncated)).startsWith("refused");
  }

  @Property(tries = 300)
  void flippedBytesLoadOrAreRefused(@ForAll("fixtures") String fixture,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(max = 99_999) Integer> positions,
      @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
    byte[] bytes = Files.readAllBytes(Fixtures.path(fixture));
    for (int p : positions) {
      bytes[p % bytes.length] ^= (byte) mask;
    }
    assertThat(outcome(bytes)).isNotNull();
  }

  @Property(tries = 300)
  void flippedPickleBytesInAValidArchiveLoadOrAreRefused(
      @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 99_999) Integer> positions,
      @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
    Map<String, byte[]> entries = TorchArchives.readZipEntries(Fixtures.path("vit_tiny_wrapped.pth"));
    byte[] pickle = entries.remove("data.pkl");
    for (int p : positions) {
      pickle[p % pickle.length] ^= (byte) mask;
    }
    Map<String, byte[]> storages = new LinkedHashMap<>();
    entries.forEach((name, data) -> {
      if (name.startsWith("data/")) {
        storages.put(name.substring("data/".length()), data);
      }
    });
    assertThat(outcome(zip(pickle, storages))).isNotNull();
  }

  @Property(tries = 200)
  void randomOpcodeStreamsAreRefused(@ForAll @Size(max = 200) List<@IntRange(max = 255) Integer> ops) {
    PickleBuilder pickle = new PickleBuilder().proto();
    ops.forEach(pickle::op);
    assertThat(outcome(zip(pickle.op('.').bytes(), Map.of()))).startsWith("refused");
  }

  /** Random views of a storage of {@code bytes} bytes: read exactly when in bounds, refused otherwise. */
  @Property(tries = 500)
  void viewsAreReadWhenInBoundsAndRefusedOtherwise(@ForAll("counts") long numel, @ForAll("counts") long offset,
      @ForAll @Size(max = 3) List<@IntRange(max = 6) Integer> size,
      @ForAll @Size(max = 3) List<@IntRange(max = 6) Integer> stride,
      @ForAll @IntRange(max = 64) int bytes, @ForAll("storageTypes") String storageType) {
    ByteBuffer data = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= bytes; i += 4) {
      data.putFloat(i, i / 4);
    }
    long[] sizes = size.stream().mapToLong(Integer::longValue).toArray();
    long[] strides = stride.stream().mapToLong(Integer::longValue).toArray();
    byte[] pickle = PickleBuilder.oneTensorDict(storageType, numel, offset, sizes, strides);
    String result = outcome(zip(pickle, Map.of("0", data.array())));
    boolean valid = storageType.equals("FloatStorage") && sizes.length == strides.length
        && numel >= 0 && offset >= 0 && numel <= bytes / 4 && product(sizes) <= Math.max(numel, 1L << 24)
        && (product(sizes) == 0 || lastIndex(sizes, strides) < numel - offset);
    assertThat(result).isEqualTo(valid ? "loaded " + expectedValues(offset, sizes, strides) : result);
    assertThat(result).startsWith(valid ? "loaded" : "refused");
  }

  @Provide
  Arbitrary<Long> counts() {
    return Arbitraries.oneOf(Arbitraries.longs().between(0, 20),
        Arbitraries.of(-1L, 1L << 31, 1L << 40, 1_000_000_000_000L, Long.MAX_VALUE / 2, Long.MAX_VALUE));
  }

  @Provide
  Arbitrary<String> storageTypes() {
    return Arbitraries.of("FloatStorage", "FloatStorage", "FloatStorage", "ComplexFloatStorage", "QInt8Storage", "zeros");
  }

  @Example
  void hugeDeclaredStorageIsRefusedWithBothSizes() {
    byte[] pickle = PickleBuilder.oneTensorDict("FloatStorage", 1_000_000_000_000L, 0, new long[] {2}, new long[] {1});
    assertThat(outcome(zip(pickle, Map.of("0", new byte[400]))))
        .contains(": storage '0' declares 1000000000000 elements of F32 (4000000000000 bytes) but the archive holds 400 bytes");
  }

  @Example
  void expandedViewsAreReadButNotBeyondTheLimit() {
    byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(2f).array();
    byte[] expanded = PickleBuilder.oneTensorDict("FloatStorage", 1, 0, new long[] {2, 3}, new long[] {0, 0});
    assertThat(outcome(zip(expanded, Map.of("0", data)))).isEqualTo("loaded [2.0, 2.0, 2.0, 2.0, 2.0, 2.0]");
    byte[] huge = PickleBuilder.oneTensorDict("FloatStorage", 1, 0, new long[] {Integer.MAX_VALUE}, new long[] {0});
    assertThat(outcome(zip(huge, Map.of("0", data))))
        .contains("repeats the 1 elements of storage '0' (zero or overlapping strides) into 2147483647 elements");
  }

  @Example
  void hugeLegacyStorageHeaderIsRefused() {
    byte[] pickle = PickleBuilder.oneTensorDict("FloatStorage", 2, 0, new long[] {2}, new long[] {1});
    byte[] file = TorchArchives.legacy(pickle, Map.of("0", new byte[8]), Map.of("0", Long.MAX_VALUE / 2));
    assertThat(outcome(file)).contains("storage '0' declares 2 elements of F32, its data header 4611686018427387903");
  }

  @Example
  void legacyLayoutBuiltByHandLoads() {
    ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(3f).putFloat(4f);
    byte[] pickle = PickleBuilder.oneTensorDict("FloatStorage", 2, 1, new long[] {1}, new long[] {1});
    assertThat(outcome(TorchArchives.legacy(pickle, Map.of("0", data.array()), Map.of("0", 2L)))).isEqualTo("loaded [4.0]");
  }

  @Example
  void bigEndianArchiveIsRead() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(3f).putFloat(-4f);
    byte[] pickle = PickleBuilder.oneTensorDict("FloatStorage", 2, 0, new long[] {2}, new long[] {1});
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("0", data.array());
    Path file = Files.createTempFile("big", ".pth");
    try {
      TorchArchives.writeZip(file, "archive", pickle, entries, "big");
      assertThat(outcome(Files.readAllBytes(file))).isEqualTo("loaded [3.0, -4.0]");
    } finally {
      Files.delete(file);
    }
  }

  @Example
  void deepMarksAreRefused() {
    PickleBuilder pickle = new PickleBuilder().proto();
    for (int i = 0; i < 100_000; i++) {
      pickle.op('(');
    }
    assertThat(outcome(zip(pickle.bytes(), Map.of()))).contains("more than 1000 nested marks");
  }

  @Example
  void deepListsAndCyclesRenderWithoutRecursingForever() {
    PickleBuilder pickle = new PickleBuilder().proto().op('}').str("deep");
    int depth = 200_000;
    for (int i = 0; i < depth; i++) {
      pickle.op(']');
    }
    for (int i = 1; i < depth; i++) {
      pickle.op('a');
    }
    pickle.op('s').str("cycle").op(']', 'q', 0, 'h', 0, 'a', 's', '.');
    assertThat(outcome(zip(pickle.bytes(), Map.of())))
        .contains("no tensors found").contains("deep: [[[[…]]]]").contains("cycle: [[[[…]]]]");
  }

  @Example
  void deeplyNestedTupleKeysAreRefused() {
    PickleBuilder pickle = new PickleBuilder().proto().op('}', 'N');
    for (int i = 0; i < 5000; i++) {
      pickle.op(0x85);
    }
    assertThat(outcome(zip(pickle.op('N', 's', '.').bytes(), Map.of()))).contains("dict key nests tuples deeper than 1000");
  }

  @Example
  void unhashableKeysAreRefused() {
    assertThat(outcome(zip(new PickleBuilder().proto().op('}', ']', 'N', 's', '.').bytes(), Map.of())))
        .contains("unhashable dict key []");
  }

  @Example
  void declaredStringLongerThanTheLimitIsRefusedBeforeAllocating() {
    byte[] pickle = new PickleBuilder().proto().op(0x8d).littleEndian(1L << 40, 8).bytes();
    assertThat(outcome(zip(pickle, Map.of()))).contains("would exceed the pickle size limit");
  }

  @Example
  void valueAndMemoLimitsHold() {
    PickleLimits small = new PickleLimits(1 << 20, 1000, 10, 100);
    PickleBuilder values = new PickleBuilder().proto().op(']');
    PickleBuilder memo = new PickleBuilder().proto().op('N');
    for (int i = 0; i < 2000; i++) {
      values.op('N', 'a');
      memo.op('r').littleEndian(i, 4);
    }
    assertThat(outcome(zip(values.op('.').bytes(), Map.of()), small)).contains("more than 1000 values pushed");
    assertThat(outcome(zip(memo.op('.').bytes(), Map.of()), small)).contains("more than 10 memo entries");
  }

  private static byte[] zip(byte[] pickle, Map<String, byte[]> storages) {
    try {
      Path file = Files.createTempFile("fuzz", ".pth");
      try {
        TorchArchives.writeZip(file, "archive", pickle, storages, "little");
        return Files.readAllBytes(file);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String outcome(byte[] file) {
    return outcome(file, PickleLimits.DEFAULTS);
  }

  /**
   * "loaded" and the values of the tensor named weight (if any), or "refused: message"; fails on
   * any other exception or after {@link #TIME_BOUND}.
   */
  private static String outcome(byte[] bytes, PickleLimits limits) {
    return assertTimeoutPreemptively(TIME_BOUND, () -> {
      Path file = Files.createTempFile("fuzz", ".pth");
      try {
        Files.write(file, bytes);
        try (PthTensorStore store = PthReader.open(file, limits)) {
          String values = "";
          for (String name : store.names()) {
            Tensor t = store.tensor(name);
            values = name.equals("weight") ? " " + Arrays.toString(t.toArray()) : values;
          }
          return "loaded" + values;
        } catch (MalformedWeightsException e) {
          assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
          return "refused: " + e.getMessage();
        }
      } finally {
        Files.delete(file);
      }
    });
  }

  private static long product(long[] sizes) {
    return Arrays.stream(sizes).reduce(1, (a, b) -> a * b);
  }

  private static long lastIndex(long[] sizes, long[] strides) {
    long last = 0;
    for (int k = 0; k < sizes.length; k++) {
      last += (sizes[k] - 1) * strides[k];
    }
    return last;
  }

  /** The storage holds 0, 1, 2, ... so element [i0, i1, ...] of the view is offset + sum(ik * stride[k]). */
  private static String expectedValues(long offset, long[] sizes, long[] strides) {
    int n = (int) product(sizes);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      long rest = i;
      long position = offset;
      for (int k = sizes.length - 1; k >= 0; k--) {
        position += (rest % sizes[k]) * strides[k];
        rest /= sizes[k];
      }
      values[i] = position;
    }
    return Arrays.toString(values);
  }
}
