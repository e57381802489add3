package org.spikezip.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample's simulation.
 *
 * @param logitsPerStep accumulated output after each step, {@code [stopStep][classes]}
 * @param stopStep steps simulated (the quiet step included when quiescent)
 * @param quiescent whether it stopped because nothing could change any more (false: hit the cap)
 * @param spikeCounts final tracer S per neuron, by layer name (the codes at quiescence); empty when
 *     the simulator was asked for totals only ({@link Simulator#withoutNeuronDetail()},
 *     {@link EncoderSimulator#withoutNeuronDetail()})
 * @param spikesAbs positive plus negative spikes per neuron, by layer name; empty likewise
 * @param layers per-layer activity in network order (neuron layers, then the head)
 */
public record SampleResult(
    double[][] logitsPerStep,
    int stopStep,
    boolean quiescent,
    Map<String, int[]> spikeCounts,
    Map<String, int[]> spikesAbs,
    List<LayerActivity> layers) {

  public SampleResult {
    spikeCounts = Collections.unmodifiableMap(new LinkedHashMap<>(spikeCounts));
    spikesAbs = Collections.unmodifiableMap(new LinkedHashMap<>(spikesAbs));
    layers = List.copyOf(layers);
  }

  public double[] logits() {
    return logitsPerStep[stopStep - 1];
  }

  /** The accumulated output after step t (1-based); past the stop it stays at the final value. */
  public double[] logitsAt(int t) {
    return logitsPerStep[Math.min(t, stopStep) - 1];
  }

  public int predictedClass() {
    return argmax(logits());
  }

  public static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  public long totalSpikes() {
    long s = 0;
    for (LayerActivity l : layers) {
      s += l.total();
    }
    return s;
  }
}
