package org.spikezip.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/** Weights survive a write/read round trip in every dtype, shape and map size, bit for bit. */
class SafetensorsRoundTripTest {
  private final Path dir;

  SafetensorsRoundTripTest() throws IOException {
    dir = Files.createTempDirectory("safetensors-roundtrip");
  }

  @AfterProperty
  void deleteFiles() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Property(tries = 200)
  void everyDtypeSurvivesARoundTrip(
      @ForAll("tensorMaps") Map<String, Tensor> tensors,
      @ForAll("metadata") Map<String, String> metadata,
      @ForAll @IntRange(min = 8, max = 64) int maxMapBytes) throws Exception {
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter.write(file, tensors, metadata);
    // Small maps make tensors span several of them, at every alignment.
    try (SafetensorsReader reader = SafetensorsReader.open(file, maxMapBytes)) {
      assertThat(reader.names()).containsExactlyElementsOf(tensors.keySet());
      assertThat(reader.metadata()).containsExactlyEntriesOf(metadata);
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        Tensor read = reader.tensor(e.getKey());
        assertThat(read.shape()).isEqualTo(e.getValue().shape());
        assertThat(read.dtype()).isEqualTo(e.getValue().dtype());
        assertThat(bits(read.data())).isEqualTo(bits(e.getValue().data()));
      }
    }
    long headerLength = TestFiles.headerLength(Files.readAllBytes(file));
    assertThat(headerLength % 8).isZero();
  }

  @Property(tries = 200)
  void doublesAreRoundedToTheirDtype(@ForAll("anyDoubles") double[] values) throws Exception {
    Shape shape = Shape.of(values.length);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("f32", Tensor.wrap(shape, values, DType.F32));
    tensors.put("f16", Tensor.wrap(shape, values, DType.F16));
    tensors.put("bf16", Tensor.wrap(shape, values, DType.BF16));
    Path file = dir.resolve("r.safetensors");
    SafetensorsWriter.write(file, tensors);
    double[] f32 = new double[values.length];
    double[] f16 = new double[values.length];
    double[] bf16 = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      f32[i] = (float) values[i];
      f16[i] = HalfFloats.f16ToDouble(HalfFloats.doubleToF16(values[i]));
      bf16[i] = HalfFloats.bf16ToDouble(HalfFloats.doubleToBf16(values[i]));
    }
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(bits(reader.tensor("f32").data())).isEqualTo(bits(f32));
      assertThat(bits(reader.tensor("f16").data())).isEqualTo(bits(f16));
      assertThat(bits(reader.tensor("bf16").data())).isEqualTo(bits(bf16));
    }
  }

  /** Raw bits, so that NaN payloads and the sign of zero count. */
  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Provide
  Arbitrary<double[]> anyDoubles() {
    return Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.MIN_VALUE)
        .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(-0.0)
        .array(double[].class).ofMaxSize(20);
  }

  @Provide
  Arbitrary<Map<String, String>> metadata() {
    return Arbitraries.maps(Arbitraries.strings().ofMaxLength(12), Arbitraries.strings().ofMaxLength(30))
        .ofMaxSize(3)
        .map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<Map<String, Tensor>> tensorMaps() {
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '_', '0', '9', '\u00e9')
        .ofMinLength(1).ofMaxLength(10)
        .filter(n -> !n.equals(SafetensorsHeader.METADATA_KEY));
    return Arbitraries.maps(names, tensors()).ofMaxSize(6).map(LinkedHashMap::new);
  }

  private static Arbitrary<Tensor> tensors() {
    Arbitrary<int[]> dims = Arbitraries.integers().between(0, 4).array(int[].class).ofMaxSize(4);
    return Combinators.combine(Arbitraries.of(DType.values()), dims)
        .flatAs((dtype, d) -> {
          Shape shape = Shape.of(d);
          return values(dtype).array(double[].class).ofSize(shape.size())
              .map(v -> Tensor.wrap(shape, v, dtype));
        });
  }

  /** Values each dtype holds exactly, edge values included. */
  private static Arbitrary<Double> values(DType dtype) {
    return switch (dtype) {
      case F64 -> Arbitraries.longs().map(Double::longBitsToDouble);
      case F32 -> Arbitraries.integers().map(b -> (double) Float.intBitsToFloat(b))
          .filter(v -> !Double.isNaN(v)).injectDuplicates(0.1);
      case F16 -> Arbitraries.integers().between(0, 0xFFFF).map(HalfFloats::f16ToDouble)
          .filter(v -> !Double.isNaN(v));
      case BF16 -> Arbitraries.integers().between(0, 0xFFFF).map(HalfFloats::bf16ToDouble)
          .filter(v -> !Double.isNaN(v));
      case I64 -> Arbitraries.longs().between(-(1L << 53), 1L << 53).map(v -> (double) v);
      case I32 -> Arbitraries.integers().map(v -> (double) v);
      case I16 -> Arbitraries.shorts().map(v -> (double) v);
      case I8 -> Arbitraries.bytes().map(v -> (double) v);
      case U8 -> Arbitraries.integers().between(0, 255).map(v -> (double) v);
      case BOOL -> Arbitraries.of(List.of(0.0, 1.0));
    };
  }
}
