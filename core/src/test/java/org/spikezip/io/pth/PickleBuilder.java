package org.spikezip.io.pth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test-only writer of protocol-2 pickle opcodes, for checkpoints no PyTorch would write. */
final class PickleBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  PickleBuilder op(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  PickleBuilder proto() {
    return op(0x80, 2);
  }

  PickleBuilder str(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    op('X');
    littleEndian(utf8.length, 4);
    out.writeBytes(utf8);
    return this;
  }

  /** Any 64-bit integer, as LONG1 with 8 bytes. */
  PickleBuilder integer(long value) {
    op(0x8a, 8);
    return littleEndian(value, 8);
  }

  PickleBuilder global(String module, String name) {
    op('c');
    out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    return this;
  }

  PickleBuilder littleEndian(long value, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (value >>> (8 * i)));
    }
    return this;
  }

  /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())} on a zip-style storage id. */
  PickleBuilder tensor(String storageType, String key, long numel, long offset, long[] size, long[] stride) {
    global("torch._utils", "_rebuild_tensor_v2");
    return tensorArguments(storageType, key, numel, offset, size, stride).op('R');
  }

  /** The argument tuple of {@link #tensor}. */
  PickleBuilder tensorArguments(String storageType, String key, long numel, long offset, long[] size, long[] stride) {
    op('(');
    op('(').str("storage").global("torch", storageType).str(key).str("cpu").integer(numel).op('t', 'Q');
    integer(offset);
    longTuple(size).longTuple(stride);
    return op(0x89).global("collections", "OrderedDict").op(')', 'R', 't');
  }

  PickleBuilder longTuple(long[] values) {
    op('(');
    for (long v : values) {
      integer(v);
    }
    return op('t');
  }

  /** A complete pickle of {@code {name: tensor(...)}} with a one-dimensional F32 view. */
  static byte[] oneTensorDict(String storageType, long numel, long offset, long[] size, long[] stride) {
    return new PickleBuilder().proto().op('}').str("weight")
        .tensor(storageType, "0", numel, offset, size, stride).op('s', '.').bytes();
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
