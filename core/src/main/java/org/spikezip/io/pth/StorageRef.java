package org.spikezip.io.pth;

import org.spikezip.tensor.DType;

/**
 * A storage a checkpoint refers to by persistent id: its key in the file, element type, and the
 * element range {@code [elementOffset, elementOffset + numel)} of that key's data it covers (legacy
 * files may hold storage views; otherwise the offset is 0).
 */
record StorageRef(String key, DType dtype, long elementOffset, long numel) {}
