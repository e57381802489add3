package org.spikezip.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.quant.QannResult;
import org.spikezip.sim.SampleResult;

/**
 * How a batch's SNN run compares with its QANN (SPEC §5), and what it cost.
 *
 * @param agreeing samples whose SNN prediction equals the QANN's
 * @param maxAbsDelta the largest {@code |snn - qann|} over all logits
 * @param maxRelativeDelta the largest per-sample {@code max|snn - qann| / max|qann|}
 * @param mismatches per layer (network order) with any, the neuron codes that differ from the QANN's
 * @param layers the number of neuron layers compared
 * @param maxSteps the largest stop step
 * @param lossy samples that hit the step cap before going quiet
 */
record SimulationReport(
    int samples,
    int agreeing,
    double maxAbsDelta,
    double maxRelativeDelta,
    Map<String, Long> mismatches,
    int layers,
    double meanSteps,
    int maxSteps,
    long spikes,
    int lossy) {

  SimulationReport {
    mismatches = Collections.unmodifiableMap(new LinkedHashMap<>(mismatches));
  }

  static SimulationReport of(List<QannResult> qann, List<SampleResult> snn) {
    int agreeing = 0;
    double maxAbs = 0;
    double maxRel = 0;
    Map<String, Long> mismatches = new LinkedHashMap<>();
    long steps = 0;
    int maxSteps = 0;
    long spikes = 0;
    int lossy = 0;
    for (int i = 0; i < qann.size(); i++) {
      QannResult q = qann.get(i);
      SampleResult s = snn.get(i);
      agreeing += q.predictedClass() == s.predictedClass() ? 1 : 0;
      double sampleAbs = 0;
      double scale = 0;
      for (int k = 0; k < q.logits().length; k++) {
        sampleAbs = Math.max(sampleAbs, Math.abs(s.logits()[k] - q.logits()[k]));
        scale = Math.max(scale, Math.abs(q.logits()[k]));
      }
      maxAbs = Math.max(maxAbs, sampleAbs);
      maxRel = Math.max(maxRel, sampleAbs == 0 ? 0 : sampleAbs / scale);
      q.codes().forEach((layer, codes) -> {
        long differ = differing(codes, s.spikeCounts().get(layer), layer);
        if (differ > 0) {
          mismatches.merge(layer, differ, Long::sum);
        }
      });
      steps += s.stopStep();
      maxSteps = Math.max(maxSteps, s.stopStep());
      spikes += s.totalSpikes();
      lossy += s.quiescent() ? 0 : 1;
    }
    return new SimulationReport(qann.size(), agreeing, maxAbs, maxRel, mismatches, qann.get(0).codes().size(),
        steps / (double) qann.size(), maxSteps, spikes, lossy);
  }

  long totalMismatches() {
    return mismatches.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long differing(int[] codes, int[] counts, String layer) {
    if (counts == null || counts.length != codes.length) {
      throw new IllegalStateException("bug: SNN layer " + layer + " does not match the QANN's codes");
    }
    long n = 0;
    for (int i = 0; i < codes.length; i++) {
      n += codes[i] == counts[i] ? 0 : 1;
    }
    return n;
  }
}
