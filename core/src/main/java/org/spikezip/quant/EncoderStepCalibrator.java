package org.spikezip.quant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderWeights;

/**
 * Initial quantizer steps for a float encoder, as LSQ initialises them (SPEC §2):
 * {@code s = 2 * mean|x| / sqrt(qmax)} over a calibration batch, place after place, each seeing the
 * values already fake-quantized by the places before it ({@link EncoderFloatPass}). Padded rows
 * are included in the means (they are computed, as in the QANN).
 */
public final class EncoderStepCalibrator {
  private EncoderStepCalibrator() {}

  public static QuantizerSteps calibrate(EncoderWeights w, int level, List<EncoderInput> inputs)
      throws UnsupportedModelException {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("calibration needs at least one sequence");
    }
    Map<String, Boolean> signed = new LinkedHashMap<>();
    signed.put(EncoderSite.EMBEDDINGS, true);
    for (int l = 0; l < w.config().layers(); l++) {
      for (EncoderSite s : EncoderSite.values()) {
        signed.put(s.name(l), s.signed());
      }
    }
    Map<String, Double> steps = new LinkedHashMap<>();
    EncoderFloatPass.logits(w, inputs, (name, values) -> {
      double sum = 0;
      long count = 0;
      for (double[] row : values) {
        for (double v : row) {
          sum += Math.abs(v);
        }
        count += row.length;
      }
      Quantizer unit = new Quantizer(level, signed.get(name), 1.0);
      double mean = sum / Math.max(1, count);
      double s = mean > 0 ? 2 * mean / Math.sqrt(unit.qmax()) : 1e-3;
      Quantizer q = new Quantizer(level, unit.signed(), s);
      steps.put(name, s);
      for (double[] row : values) {
        for (int i = 0; i < row.length; i++) {
          row[i] = q.value(q.code(row[i]));
        }
      }
    });
    return new QuantizerSteps(steps);
  }
}
