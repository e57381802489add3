package org.spikezip.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Corrupted files (flipped bits, JSON-significant bytes written anywhere, changed header lengths,
 * inserted bytes, truncations) either load or fail with {@link MalformedWeightsException}: never
 * another exception, and never slower than a few seconds.
 */
class SafetensorsFuzzTest {
  private static final String JSON_BYTES = "0123456789-.eE[]{}:,\" \\ufFU";
  private static Path dir;
  private static ExecutorService executor;
  private static byte[][] bases;

  /**
   * A corruption: a kind (0 bit flip, 1 JSON byte, 2 header length, 3 insertion, 4 truncation, 5-7
   * digit change), a position (taken modulo the file length or the digit count) and a value.
   */
  record Mutation(int kind, int position, int value) {}

  @BeforeContainer
  static void setUp() throws IOException {
    dir = Files.createTempDirectory("safetensors-fuzz");
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "safetensors-fuzz");
      t.setDaemon(true);
      return t;
    });
    bases = new byte[][] {base(false), base(true)};
  }

  @AfterContainer
  static void tearDown() throws IOException {
    executor.shutdownNow();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** A small valid file of every dtype, with and without metadata. */
  private static byte[] base(boolean withMetadata) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    int i = 0;
    for (DType dtype : DType.values()) {
      double[] values = {1, 0, 1, i % 2};
      tensors.put("t." + dtype.name().toLowerCase(java.util.Locale.ROOT),
          Tensor.wrap(i % 3 == 0 ? Shape.of(4) : Shape.of(2, 2), values, dtype));
      i++;
    }
    tensors.put("empty", Tensor.wrap(Shape.of(0, 3), new double[0], DType.F32));
    Path file = dir.resolve("base.safetensors");
    SafetensorsWriter.write(file, tensors, withMetadata ? Map.of("format", "pt", "k", "v") : Map.of());
    return Files.readAllBytes(file);
  }

  @Property(tries = 1000)
  void corruptedFilesLoadOrFailCleanly(
      @ForAll("mutations") List<Mutation> mutations, @ForAll boolean withMetadata) throws Exception {
    byte[] file = bases[withMetadata ? 1 : 0].clone();
    for (Mutation m : mutations) {
      file = apply(file, m);
    }
    loadsOrFailsCleanly(file);
  }

  @Example
  void everyTruncationFails() throws Exception {
    byte[] file = bases[1];
    for (int length = 0; length < file.length; length++) {
      Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(file, length));
      assertThatThrownBy(() -> SafetensorsReader.open(cut).close())
          .as("truncated to %d bytes", length)
          .isInstanceOf(MalformedWeightsException.class);
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Combinators.combine(
            Arbitraries.integers().between(0, 7),
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.integers())
        .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  private static byte[] apply(byte[] file, Mutation m) {
    if (file.length == 0) {
      return file;
    }
    int at = m.position() % file.length;
    byte[] out = file.clone();
    switch (m.kind()) {
      case 0 -> out[at] ^= (byte) (1 << (m.value() & 7));
      case 1 -> out[at] = (byte) JSON_BYTES.charAt(Math.floorMod(m.value(), JSON_BYTES.length()));
      case 2 -> {
        // A header length near the true one, or anything at all.
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (out.length >= 8) {
          long length = m.value() % 2 == 0 ? b.getLong(0) + (m.value() % 17) : (long) m.value() << (at % 40);
          b.putLong(0, length);
        }
      }
      case 3 -> {
        out = new byte[file.length + 1];
        System.arraycopy(file, 0, out, 0, at);
        out[at] = (byte) m.value();
        System.arraycopy(file, at, out, at + 1, file.length - at);
      }
      case 4 -> out = Arrays.copyOf(file, at);
      default -> {
        // A digit of the header (a dim or an offset) changed to another: still valid JSON.
        long headerLength = out.length < 8 ? 0 : TestFiles.headerLength(out);
        int end = (int) Math.min(out.length, 8 + Math.max(0, headerLength));
        int digits = 0;
        for (int i = 8; i < end; i++) {
          digits += Character.isDigit(out[i]) ? 1 : 0;
        }
        for (int i = 8, seen = 0; i < end && digits > 0; i++) {
          if (Character.isDigit(out[i]) && seen++ == m.position() % digits) {
            out[i] = (byte) ('0' + Math.floorMod(m.value(), 10));
          }
        }
      }
    }
    return out;
  }

  /** Opens the bytes as a file and reads everything, within a time limit. */
  private static void loadsOrFailsCleanly(byte[] bytes) throws Exception {
    Path file = Files.write(dir.resolve("fuzz.safetensors"), bytes);
    Future<?> reading = executor.submit(() -> {
      try (SafetensorsReader reader = SafetensorsReader.open(file)) {
        assertThat(reader.metadata()).isNotNull();
        for (String name : reader.names()) {
          reader.shape(name);
          reader.tensor(name);
        }
      }
      return null;
    });
    try {
      reading.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof MalformedWeightsException)) {
        throw new AssertionError("unexpected exception for a corrupted file", e.getCause());
      }
      assertThat(e.getCause().getMessage()).startsWith(file.toString()).doesNotContain("\n");
    }
  }
}
