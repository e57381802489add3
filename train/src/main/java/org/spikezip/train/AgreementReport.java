package org.spikezip.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the DJL QANN (fake quantization, float32 or float64) and the core's exact QANN agree on the
 * same checkpoint and images.
 *
 * @param samples images compared
 * @param samePredictions images with the same top-1 class
 * @param maxAbsLogitDifference max |logit_djl - logit_core| over all images and classes
 * @param maxLogitMagnitude max |logit_core|, for scale
 * @param codes quantizer codes compared (every element of every quantizer, every image)
 * @param differingCodes codes that differ
 * @param differingByQuantizer differing codes per quantizer (original names, network order; zeros kept)
 */
public record AgreementReport(int samples, int samePredictions, double maxAbsLogitDifference,
    double maxLogitMagnitude, long codes, long differingCodes, Map<String, Long> differingByQuantizer) {
  public AgreementReport {
    differingByQuantizer = Collections.unmodifiableMap(new LinkedHashMap<>(differingByQuantizer));
  }

  /** The first quantizer, in network order, with a differing code, or null if none. */
  public String firstDifferingQuantizer() {
    for (Map.Entry<String, Long> e : differingByQuantizer.entrySet()) {
      if (e.getValue() > 0) {
        return e.getKey();
      }
    }
    return null;
  }
}
