package org.spikezip.train;

import ai.djl.ndarray.NDArray;

/**
 * One padded batch of token sequences.
 *
 * @param ids token ids {@code [B, n]} (int64)
 * @param tokenTypes token type ids {@code [B, n]} (int64)
 * @param positions position ids {@code [B, n]} (int64)
 * @param additiveMask 0 for tokens and a large negative value for padding, {@code [B, 1, 1, n]}, added to attention scores
 * @param length n, the longest sequence of the batch
 */
record TextBatch(NDArray ids, NDArray tokenTypes, NDArray positions, NDArray additiveMask, int length) {}
