package org.spikezip.train;

import java.util.List;
import org.spikezip.model.EncoderWeights;
import org.spikezip.quant.QuantizerSteps;

/**
 * A quantization-aware fine-tuned encoder: what the core needs to build its QANN
 * ({@code QuantizedEncoder.build(weights, steps, level, WeightPrecision.grid())}).
 *
 * @param weights the fine-tuned float weights
 * @param steps every quantizer's step, by {@code EncoderSite} name
 * @param level quantization levels L
 * @param epochs one summary per epoch
 * @param testTop1 the QANN's accuracy (DJL, float32) on the test set after the last epoch, NaN without one
 */
public record EncoderQatResult(EncoderWeights weights, QuantizerSteps steps, int level, List<EpochSummary> epochs,
    double testTop1) {
  public EncoderQatResult {
    epochs = List.copyOf(epochs);
  }
}
