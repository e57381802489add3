package org.spikezip.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects per-layer, per-step counts of one sample into growable arrays. */
final class ActivityRecorder {
  private final List<String> names;
  private final int[] neurons;
  private int[][] pos;
  private int[][] neg;
  private long[][] acs;
  private long[][] macs;
  private long[][] updates;
  private int steps;

  ActivityRecorder(List<String> names, int[] neurons) {
    this.names = List.copyOf(names);
    this.neurons = neurons.clone();
    int layers = names.size();
    int initial = 32;
    pos = new int[layers][initial];
    neg = new int[layers][initial];
    acs = new long[layers][initial];
    macs = new long[layers][initial];
    updates = new long[layers][initial];
  }

  /** Opens step {@code t} (1-based); steps must come in order. */
  void beginStep(int t) {
    steps = t;
    if (t > pos[0].length) {
      int n = pos[0].length * 2;
      for (int l = 0; l < names.size(); l++) {
        pos[l] = Arrays.copyOf(pos[l], n);
        neg[l] = Arrays.copyOf(neg[l], n);
        acs[l] = Arrays.copyOf(acs[l], n);
        macs[l] = Arrays.copyOf(macs[l], n);
        updates[l] = Arrays.copyOf(updates[l], n);
      }
    }
  }

  void record(int layer, int positive, int negative, long acCount, long macCount, long updateCount) {
    int i = steps - 1;
    pos[layer][i] = positive;
    neg[layer][i] = negative;
    acs[layer][i] = acCount;
    macs[layer][i] = macCount;
    updates[layer][i] = updateCount;
  }

  List<LayerActivity> finish() {
    List<LayerActivity> out = new ArrayList<>();
    for (int l = 0; l < names.size(); l++) {
      out.add(new LayerActivity(names.get(l), neurons[l], Arrays.copyOf(pos[l], steps), Arrays.copyOf(neg[l], steps),
          Arrays.copyOf(acs[l], steps), Arrays.copyOf(macs[l], steps), Arrays.copyOf(updates[l], steps)));
    }
    return out;
  }
}
