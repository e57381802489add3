package org.spikezip.snn.op;

import org.spikezip.convert.NeuronParams;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * The residual sum {@code x + S * theta} of a skip path and a branch's neurons. Linear, so its
 * running output is the same function of the running inputs (identity: sum of per-step sums is the
 * sum of the running inputs); rows are recomputed where either input changed.
 */
public final class SpikeResidual {
  private SpikeResidual() {}

  public static void step(ValueBuffer skip, NeuronParams branch, SpikeBuffer spikes, ValueBuffer out) {
    RowSet changed = out.changed();
    changed.clear();
    RowSet a = skip.changed();
    for (int k = 0; k < a.size(); k++) {
      changed.add(a.get(k));
    }
    RowSet b = spikes.spikedRows();
    for (int k = 0; k < b.size(); k++) {
      changed.add(b.get(k));
    }
    int cols = out.cols();
    double[] x = skip.values();
    int[] s = spikes.counts();
    double[] y = out.values();
    for (int k = 0; k < changed.size(); k++) {
      int base = changed.get(k) * cols;
      for (int i = base; i < base + cols; i++) {
        y[i] = x[i] + branch.value(s[i]);
      }
    }
  }
}
