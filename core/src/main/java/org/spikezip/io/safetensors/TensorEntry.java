package org.spikezip.io.safetensors;

import java.util.Arrays;
import org.spikezip.tensor.DType;

/**
 * One tensor as the header of a safetensors file describes it: its name, element type, dimensions,
 * element count, and byte range {@code [begin, end)} relative to the start of the data area.
 *
 * <p>Built only by {@link SafetensorsHeader} after validation: {@code end - begin == elementCount
 * * dtype.byteSize()} and the range lies inside the file.
 */
record TensorEntry(String name, DType dtype, long[] dims, long elementCount, long begin, long end) {

  long byteLength() {
    return end - begin;
  }

  String shapeText() {
    return Arrays.toString(dims);
  }
}
