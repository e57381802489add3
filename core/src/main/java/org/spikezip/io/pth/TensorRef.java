package org.spikezip.io.pth;

import org.spikezip.tensor.Shape;

/**
 * A tensor as {@code _rebuild_tensor_v2} describes it: a strided view of a storage. Element
 * {@code [i0, i1, ...]} lies at element {@code offset + sum(ik * stride[k])} of the storage. The
 * view was checked against the storage's size when it was built.
 */
record TensorRef(StorageRef storage, long offset, Shape shape, long[] stride) {}
