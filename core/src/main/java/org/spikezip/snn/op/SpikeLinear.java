package org.spikezip.snn.op;

import org.spikezip.quant.ExactLinear;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * A dense layer on spikes: each input spike {@code (row, i, sign)} adds {@code sign * M[:, i]} to
 * the row's accumulator (one accumulate per spike per fan-out); the bias arrives at the first step.
 *
 * <p>Telescoping identity: after step t the output is {@code (M S_t) * (g * theta) + b}, the layer
 * applied to the summed spikes, because sum over steps of {@code M s_t} is {@code M S_t}
 * (exactly: see {@link ExactLinear}).
 */
public final class SpikeLinear {
  /**
   * Share of spiking inputs above which one matrix product (register-blocked, a few times cheaper
   * per multiply-add) beats a row update per spike. Either path is exact, so results are equal.
   */
  private static final double DENSE_FRACTION = 0.15;

  private SpikeLinear() {}

  /**
   * One step.
   *
   * @param acc integer accumulators {@code [rows, out]} (state)
   * @param rowLimit only input rows below this are used (1 for a head on the cls token)
   * @param firstStep whether this is step 1, when the bias is delivered to every row
   */
  public static void step(
      ExactLinear layer, SpikeBuffer in, double[] acc, ValueBuffer out, int rowLimit, boolean firstStep) {
    RowSet changed = out.changed();
    changed.clear();
    if (rowLimit >= in.rows() && in.eventCount() >= DENSE_FRACTION * in.size()) {
      layer.multiply(in.dense(), in.rows(), acc);
    } else if (in.eventCount() > 0) {
      layer.accumulate(in.grouped(), acc, rowLimit);
    }
    if (firstStep) {
      changed.addAll();
    } else {
      RowSet spiked = in.spikedRows();
      for (int k = 0; k < spiked.size(); k++) {
        if (spiked.get(k) < rowLimit) {
          changed.add(spiked.get(k));
        }
      }
    }
    int cols = layer.out();
    double[] v = out.values();
    for (int k = 0; k < changed.size(); k++) {
      int base = changed.get(k) * cols;
      for (int o = 0; o < cols; o++) {
        v[base + o] = layer.value(acc[base + o], o);
      }
    }
  }
}
