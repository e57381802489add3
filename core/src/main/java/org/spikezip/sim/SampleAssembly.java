package org.spikezip.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.convert.NeuronParams;
import org.spikezip.snn.SpikeBuffer;

/**
 * Builds a {@link SampleResult} once a sample stopped: per neuron layer the cancelled spikes and the
 * codes at a bound, and (with neuron detail) each neuron's final count and spike total.
 */
final class SampleAssembly {
  private SampleAssembly() {}

  static SampleResult finish(List<NeuronParams> params, List<SpikeBuffer> layers, List<double[]> logits,
      boolean quiet, ActivityRecorder recorder, boolean neuronDetail) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, int[]> abs = new LinkedHashMap<>();
    long[] cancelled = new long[layers.size()];
    long[] saturated = new long[layers.size()];
    for (int l = 0; l < layers.size(); l++) {
      NeuronParams p = params.get(l);
      int[] count = layers.get(l).counts();
      int[] spikes = layers.get(l).spikesAbs();
      for (int i = 0; i < count.length; i++) {
        cancelled[l] += spikes[i] - Math.abs(count[i]);
        saturated[l] += (p.min() < 0 && count[i] <= p.min()) || count[i] >= p.max() ? 1 : 0;
      }
      if (neuronDetail) {
        counts.put(p.name(), count.clone());
        abs.put(p.name(), spikes.clone());
      }
    }
    return new SampleResult(logits.toArray(new double[0][]), logits.size(), quiet, counts, abs,
        recorder.finish(cancelled, saturated));
  }
}
