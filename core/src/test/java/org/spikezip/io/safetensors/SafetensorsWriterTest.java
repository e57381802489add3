package org.spikezip.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/** The writer's exact output format, its refusals, and that it never leaves partial files. */
class SafetensorsWriterTest {
  @TempDir Path dir;

  @Test
  void writesTheReferenceLayout() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("b", Tensor.wrap(Shape.of(2), new double[] {1.0, -2.5}, DType.F32));
    tensors.put("a", Tensor.wrap(Shape.of(), new double[] {1.0}, DType.F16));
    Path file = dir.resolve("w.safetensors");
    SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));

    String json = "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"a\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[8,10]}}";
    int padded = (json.length() + 7) / 8 * 8;
    ByteBuffer expected = ByteBuffer.allocate(8 + padded + 10).order(ByteOrder.LITTLE_ENDIAN);
    expected.putLong(padded).put(json.getBytes(StandardCharsets.UTF_8));
    while (expected.position() < 8 + padded) {
      expected.put((byte) ' ');
    }
    expected.putFloat(1.0f).putFloat(-2.5f).putShort((short) 0x3C00);
    assertThat(Files.readAllBytes(file)).isEqualTo(expected.array());
  }

  @Test
  void writesAnEmptyFileThatReadsBack() throws Exception {
    Path file = dir.resolve("empty.safetensors");
    SafetensorsWriter.write(file, Map.of());
    assertThat(Files.readAllBytes(file)).isEqualTo(TestFiles.bytes("{}      ", new byte[0]));
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.names()).isEmpty();
      assertThat(reader.metadata()).isEmpty();
    }
  }

  @Test
  void refusesValuesAnIntegerDtypeCannotHold() {
    assertRefused(DType.I8, 128, "tensor 'x' element 1 is 128.0, which I8 cannot hold: expected an integer in [-128, 127]");
    assertRefused(DType.U8, -1, "element 1 is -1.0, which U8 cannot hold");
    assertRefused(DType.I32, 0.5, "element 1 is 0.5, which I32 cannot hold");
    assertRefused(DType.I16, Double.NaN, "element 1 is NaN, which I16 cannot hold");
    assertRefused(DType.BOOL, 2, "element 1 is 2.0, which BOOL cannot hold: expected an integer in [0, 1]");
    assertRefused(DType.I64, 0x1p53 + 2, "which I64 cannot hold: expected an integer in [-9007199254740992, 9007199254740992]");
    assertRefused(DType.I32, Double.POSITIVE_INFINITY, "element 1 is Infinity");
  }

  private void assertRefused(DType dtype, double bad, String message) {
    Path file = dir.resolve("refused.safetensors");
    Map<String, Tensor> tensors = Map.of("x", Tensor.wrap(Shape.of(2), new double[] {0, bad}, dtype));
    assertThatThrownBy(() -> SafetensorsWriter.write(file, tensors))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertThat(file).doesNotExist();
  }

  @Test
  void writesIntegerExtremes() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("i64", Tensor.wrap(Shape.of(2), new double[] {0x1p53, -0x1p53}, DType.I64));
    tensors.put("i32", Tensor.wrap(Shape.of(2), new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, DType.I32));
    tensors.put("u8", Tensor.wrap(Shape.of(2), new double[] {0, 255}, DType.U8));
    tensors.put("i8", Tensor.wrap(Shape.of(2), new double[] {-128, -0.0}, DType.I8));
    Path file = dir.resolve("ints.safetensors");
    SafetensorsWriter.write(file, tensors);
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.tensor("i64").data()).containsExactly(0x1p53, -0x1p53);
      assertThat(reader.tensor("i32").data()).containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE);
      assertThat(reader.tensor("u8").data()).containsExactly(0, 255);
      assertThat(reader.tensor("i8").data()).containsExactly(-128, 0);
    }
  }

  @Test
  void refusesTheMetadataKeyAsATensorName() {
    Map<String, Tensor> tensors = Map.of("__metadata__", Tensor.scalar(1));
    assertThatThrownBy(() -> SafetensorsWriter.write(dir.resolve("m.safetensors"), tensors))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("__metadata__ is reserved");
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("kept.safetensors");
    SafetensorsWriter.write(file, Map.of("a", Tensor.scalar(1)));
    byte[] before = Files.readAllBytes(file);
    Map<String, Tensor> bad = new LinkedHashMap<>();
    bad.put("a", Tensor.scalar(2));
    bad.put("b", Tensor.wrap(Shape.of(1), new double[] {300}, DType.U8));
    assertThatThrownBy(() -> SafetensorsWriter.write(file, bad)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(dir).isDirectoryNotContaining(p -> !p.equals(file));
  }

  @Test
  void aFailedRenameRemovesTheTemporaryFile() throws Exception {
    Path target = Files.createDirectory(dir.resolve("occupied.safetensors"));
    Files.createFile(target.resolve("inside"));
    assertThatThrownBy(() -> SafetensorsWriter.write(target, Map.of("a", Tensor.scalar(1))))
        .isInstanceOf(IOException.class);
    assertThat(dir).isDirectoryNotContaining(p -> !p.equals(target));
  }

  @Test
  void replacesAnExistingFileWithOrdinaryPermissions() throws Exception {
    PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    assumeTrue(posix != null, "POSIX permissions not supported here");
    Path plain = Files.createFile(dir.resolve("plain"));
    Path file = dir.resolve("perm.safetensors");
    SafetensorsWriter.write(file, Map.of("a", Tensor.scalar(1)));
    SafetensorsWriter.write(file, Map.of("a", Tensor.scalar(2)));
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.tensor("a").data()).containsExactly(2.0);
    }
  }
}
