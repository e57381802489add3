package org.spikezip.snn.op;

import org.spikezip.convert.NeuronParams;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * The token sequence {@code [cls; S_patch * theta] + pos}: cls token and position embedding are
 * injected at the first step, patch rows follow the patch neurons' spikes.
 */
public final class SpikeTokenEmbedding {
  private SpikeTokenEmbedding() {}

  public static void step(double[] cls, double[] pos, NeuronParams patch, SpikeBuffer patchSpikes,
      ValueBuffer out, boolean firstStep) {
    RowSet changed = out.changed();
    changed.clear();
    int d = out.cols();
    double[] y = out.values();
    if (firstStep) {
      changed.addAll();
    } else {
      RowSet spiked = patchSpikes.spikedRows();
      for (int k = 0; k < spiked.size(); k++) {
        changed.add(spiked.get(k) + 1);
      }
    }
    int[] s = patchSpikes.counts();
    for (int k = 0; k < changed.size(); k++) {
      int t = changed.get(k);
      for (int i = 0; i < d; i++) {
        y[t * d + i] = t == 0
            ? cls[i] + pos[i]
            : patch.value(s[(t - 1) * d + i]) + pos[t * d + i];
      }
    }
  }
}
