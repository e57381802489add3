package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderLayout;

/**
 * Batches of token sequences, each padded to its longest member.
 *
 * <p>Training batches are drawn from a seeded shuffle of the examples (a new order per epoch);
 * within windows of {@value #WINDOW_BATCHES} batches the examples are sorted by length before they
 * are cut into batches, and the batches are then shuffled, so that little compute goes to padding
 * while every epoch still mixes examples freely. Position ids are the layout's. Padded positions
 * have id 0, mask 0 and position 0; the additive mask keeps them out of every softmax, so their
 * ids do not matter.
 */
final class TextBatchSource {
  /** Added to the scores of padded keys: exp underflows to 0 in float32 as with minus infinity, without NaN gradients. */
  static final float MASK_VALUE = -1e9f;

  private static final int WINDOW_BATCHES = 16;

  private final EncoderExamples data;
  private final EncoderLayout layout;
  private final int batchSize;
  private final long seed;

  TextBatchSource(EncoderExamples data, EncoderLayout layout, int batchSize, long seed) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("no examples");
    }
    this.data = data;
    this.layout = layout;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  int size() {
    return data.size();
  }

  int batches() {
    return (data.size() + batchSize - 1) / batchSize;
  }

  /** The batches of a 1-based training epoch (see the class comment). */
  List<int[]> epoch(int epoch) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      order.add(i);
    }
    Random r = new Random(seed * 1_000_003L + epoch);
    Collections.shuffle(order, r);
    List<int[]> batches = new ArrayList<>();
    int window = WINDOW_BATCHES * batchSize;
    for (int from = 0; from < order.size(); from += window) {
      List<Integer> part = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
      part.sort(Comparator.comparingInt(i -> data.inputs().get(i).length()));
      batches.addAll(cut(part));
    }
    Collections.shuffle(batches, r);
    return batches;
  }

  /** Every example once, sorted by length (for evaluation; accuracy does not depend on order). */
  List<int[]> sequential() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> data.inputs().get(i).length()));
    return cut(order);
  }

  private List<int[]> cut(List<Integer> order) {
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < order.size(); from += batchSize) {
      batches.add(order.subList(from, Math.min(order.size(), from + batchSize)).stream()
          .mapToInt(Integer::intValue).toArray());
    }
    return batches;
  }

  /** The arrays of the examples {@code idx}, padded to the longest, in {@code manager}. */
  TextBatch batch(NDManager manager, int[] idx, DataType floatType) {
    int n = 0;
    for (int i : idx) {
      n = Math.max(n, data.inputs().get(i).length());
    }
    long[] ids = new long[idx.length * n];
    long[] types = new long[idx.length * n];
    long[] positions = new long[idx.length * n];
    float[] mask = new float[idx.length * n];
    Arrays.fill(mask, MASK_VALUE);
    for (int b = 0; b < idx.length; b++) {
      EncoderInput in = data.inputs().get(idx[b]);
      int[] pos = layout.positionIds(in.mask());
      for (int t = 0; t < in.length(); t++) {
        ids[b * n + t] = in.ids()[t];
        types[b * n + t] = in.tokenTypes()[t];
        positions[b * n + t] = pos[t];
        mask[b * n + t] = in.mask()[t] == 1 ? 0f : MASK_VALUE;
      }
    }
    Shape tokens = new Shape(idx.length, n);
    return new TextBatch(manager.create(ids, tokens), manager.create(types, tokens),
        manager.create(positions, tokens),
        manager.create(mask, new Shape(idx.length, 1, 1, n)).toType(floatType, false), n);
  }

  /** The labels of {@code idx} as an int32 array. */
  NDArray labels(NDManager manager, int[] idx) {
    return manager.create(labelArray(idx));
  }

  int[] labelArray(int[] idx) {
    int[] y = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      y[i] = data.label(idx[i]);
    }
    return y;
  }
}
