package org.spikezip.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.MalformedWeightsException;

/** Each way a safetensors file can be malformed gives one clear, one-line error naming the file. */
class SafetensorsMalformedTest {
  private static final String A_F32_2 = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> openingFails(Path file) {
    return assertThatThrownBy(() -> SafetensorsReader.open(file))
        .isInstanceOf(MalformedWeightsException.class)
        .hasMessageStartingWith(file.toString() + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> openingFails(String header, byte[] data)
      throws Exception {
    return openingFails(TestFiles.write(dir, "bad.safetensors", header, data));
  }

  @Test
  void fileShorterThanTheLengthPrefix() throws Exception {
    openingFails(Files.write(dir.resolve("empty.safetensors"), new byte[0]))
        .hasMessageContaining("file is 0 bytes, shorter than the 8-byte header length");
    openingFails(Files.write(dir.resolve("five.safetensors"), new byte[5]))
        .hasMessageContaining("file is 5 bytes");
  }

  @Test
  void headerLengthBeyondTheFile() throws Exception {
    byte[] file = TestFiles.bytes("{" + A_F32_2 + "}", TestFiles.floats(2));
    byte[] truncated = Arrays.copyOf(file, 20);
    openingFails(Files.write(dir.resolve("cut.safetensors"), truncated))
        .hasMessageContaining("header length " + TestFiles.headerLength(file))
        .hasMessageContaining("larger than the 12 bytes that follow it");
    byte[] huge = file.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
    openingFails(Files.write(dir.resolve("huge.safetensors"), huge))
        .hasMessageContaining("header length 18446744073709551615");
  }

  @Test
  void headerLengthOverTheLimitInALargeEnoughFile() throws Exception {
    Path file = dir.resolve("big.safetensors");
    long declared = SafetensorsHeader.MAX_HEADER_BYTES + 1;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(8 + declared); // sparse: no data is written
      raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declared).array());
    }
    openingFails(file).hasMessageContaining("header length 100000001 (bytes 0-7) exceeds the limit of 100000000");
  }

  @Test
  void headerThatIsNotAJsonObject() throws Exception {
    openingFails("{\"a\":", new byte[0]).hasMessageContaining("header is not valid JSON");
    openingFails("{} {}", new byte[0]).hasMessageContaining("header is not valid JSON");
    openingFails("{'a':1}", new byte[0]).hasMessageContaining("header is not valid JSON");
    openingFails("[1, 2]", new byte[0])
        .hasMessageContaining("expected the header to be an object at JSON path $, found an array");
    openingFails("", new byte[0]).hasMessageContaining("header is not valid JSON");
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    openingFails("{\"w\":{\"x\":" + deep + ",\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]}}",
        new byte[0]).hasMessageContaining("header is not valid JSON: Nesting limit");
    byte[] badUtf8 = TestFiles.bytes("{\"\u00e9\":1}", new byte[0]);
    badUtf8[10] = (byte) 0xFF;
    openingFails(Files.write(dir.resolve("utf8.safetensors"), badUtf8))
        .hasMessageContaining("is not valid UTF-8");
  }

  @Test
  void unknownDtype() throws Exception {
    openingFails("{\"w\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4])
        .hasMessageContaining("tensor 'w' has dtype 'U16'; supported: F64, F32, F16, BF16, I64");
  }

  @Test
  void negativeOrFractionalDimensions() throws Exception {
    openingFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,0]}}", new byte[0])
        .hasMessageContaining("tensor 'w' shape element 1 must be non-negative, found -1");
    openingFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,0]}}", new byte[0])
        .hasMessageContaining("tensor 'w' shape element 0 must be an integer in [0, 2^63), found '1.5'");
    openingFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,8]}}", new byte[8])
        .hasMessageContaining("expected tensor 'w' shape element 0 to be a number");
  }

  @Test
  void dataOffsetsThatAreNotBeginEnd() throws Exception {
    openingFails("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4]}}", new byte[4])
        .hasMessageContaining("tensor 'w': data_offsets must be [begin, end], found 1 numbers [4]");
    openingFails("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4,8]}}", new byte[8])
        .hasMessageContaining("found 3 numbers [0, 4, 8]");
    openingFails("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[8,4]}}", new byte[8])
        .hasMessageContaining("tensor 'w': data_offsets [8, 4] must have begin <= end");
    openingFails("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,99999999999999999999]}}",
        new byte[4]).hasMessageContaining("must be an integer in [0, 2^63)");
  }

  @Test
  void byteSizeThatDoesNotMatchTheShape() throws Exception {
    openingFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8])
        .hasMessageContaining("tensor 'w': data_offsets [0, 8] span 8 bytes but shape [3] of F32 needs 12");
    openingFails("{\"w\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}",
        new byte[8]).hasMessageContaining("needs more than 2^63");
  }

  @Test
  void tensorEndingBeyondTheFile() throws Exception {
    openingFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8])
        .hasMessageContaining("tensor 'w': data_offsets [0, 16] end beyond the data area of 8 bytes");
    // A huge declared size is refused before anything is allocated for it.
    openingFails("{\"w\":{\"dtype\":\"F64\",\"shape\":[1000000000000],\"data_offsets\":[0,8000000000000]}}",
        new byte[8]).hasMessageContaining("end beyond the data area of 8 bytes");
  }

  @Test
  void overlappingTensors() throws Exception {
    openingFails("{" + A_F32_2 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
        new byte[12])
        .hasMessageContaining("tensors 'a' at data_offsets [0, 8] and 'b' at [4, 12] overlap");
    openingFails("{" + A_F32_2 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        new byte[8]).hasMessageContaining("overlap");
  }

  @Test
  void gapsAndTrailingBytes() throws Exception {
    openingFails("{" + A_F32_2 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}",
        new byte[20])
        .hasMessageContaining("data bytes [8, 12) before tensor 'b' belong to no tensor");
    openingFails("{" + A_F32_2 + "}", new byte[12])
        .hasMessageContaining("tensors cover 8 bytes but the data area after the header holds 12");
  }

  @Test
  void metadataThatIsNotStrings() throws Exception {
    openingFails("{\"__metadata__\":{\"k\":1}}", new byte[0])
        .hasMessageContaining("expected metadata value of key 'k' to be a string at JSON path $.__metadata__.k, found a number");
    openingFails("{\"__metadata__\":[\"k\"]}", new byte[0])
        .hasMessageContaining("expected __metadata__ (an object of strings) to be an object");
    openingFails("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", new byte[0])
        .hasMessageContaining("metadata key 'k' appears twice");
  }

  @Test
  void repeatedMissingOrUnknownKeys() throws Exception {
    openingFails("{" + A_F32_2 + "," + A_F32_2 + "}", new byte[8])
        .hasMessageContaining("header names tensor 'a' twice");
    openingFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[0]}}", new byte[0])
        .hasMessageContaining("tensor 'w' lacks data_offsets");
    openingFails("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
        new byte[0]).hasMessageContaining("tensor 'w' has key dtype twice");
    openingFails("{\"w\":[1]}", new byte[0])
        .hasMessageContaining("expected tensor 'w' (an object with dtype, shape and data_offsets) to be an object");
  }

  @Test
  void unknownKeysAndNullMetadataAreAcceptedAsTheReferenceDoes() throws Exception {
    Path file = TestFiles.write(dir, "extra.safetensors", "{\"__metadata__\":null,"
        + "\"w\":{\"align\":{\"x\":[1,[2]]},\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}",
        new byte[] {3, 4});
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.metadata()).isEmpty();
      assertThat(reader.tensor("w").data()).containsExactly(3, 4);
    }
  }

  @Test
  void messagesStayOnOneLineWhateverTheNames() throws Exception {
    openingFails("{\"line\\nbreak\":{\"dtype\":\"Q\",\"shape\":[0],\"data_offsets\":[0,0]}}", new byte[0])
        .hasMessageContaining("tensor 'line\\u000abreak' has dtype 'Q'");
  }

  @Test
  void missingFileIsAnInputError() {
    Path missing = dir.resolve("absent.safetensors");
    openingFails(missing).hasMessageContaining("cannot read safetensors file")
        .hasMessageContaining("NoSuchFileException");
  }

  @Test
  void missingTensorListsTheNearestNames() throws Exception {
    Path file = TestFiles.write(dir, "ok.safetensors",
        "{\"blocks.0.attn.qkv.weight\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
            + "\"blocks.0.attn.proj.weight\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]},"
            + "\"head.weight\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[2,3]}}",
        new byte[3]);
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThatThrownBy(() -> reader.tensor("blocks.0.attn.qkv.wieght"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessage(file + ": no tensor named 'blocks.0.attn.qkv.wieght'; nearest names present: "
              + "blocks.0.attn.qkv.weight, blocks.0.attn.proj.weight, head.weight");
      assertThatThrownBy(() -> reader.shape("nope")).isInstanceOf(MalformedWeightsException.class);
    }
  }

  @Test
  void integerValuesBeyondWhatADoubleHoldsExactly() throws Exception {
    ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(1L << 53).putLong(-(1L << 53) - 1);
    Path file = TestFiles.write(dir, "i64.safetensors",
        "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", data.array());
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThatThrownBy(() -> reader.tensor("ids"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessage(file + ": tensor 'ids' element 1 is the I64 value -9007199254740993, "
              + "beyond the +-2^53 that a double holds exactly");
    }
  }

  @Test
  void boolBytesOtherThanZeroOrOne() throws Exception {
    Path file = TestFiles.write(dir, "bool.safetensors",
        "{\"mask\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}", new byte[] {1, 0, 2});
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThatThrownBy(() -> reader.tensor("mask"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("tensor 'mask' element 2 is the BOOL byte 2, expected 0 or 1");
    }
  }

  @Test
  void tensorsTooLargeForAnArrayAreRefusedWhenRead() throws Exception {
    // A zero dimension keeps the file empty while the other exceeds int range.
    Path file = TestFiles.write(dir, "wide.safetensors",
        "{\"w\":{\"dtype\":\"U8\",\"shape\":[0,4294967296],\"data_offsets\":[0,0]}}", new byte[0]);
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.names()).containsExactly("w");
      assertThatThrownBy(() -> reader.shape("w"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("tensor 'w' of shape [0, 4294967296] has a dimension beyond 2147483647");
    }
  }
}
