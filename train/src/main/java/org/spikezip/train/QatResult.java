package org.spikezip.train;

import java.util.List;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.WeightPrecision;

/**
 * A quantization-aware fine-tuned ViT: what the core needs to build its QANN
 * ({@code QuantizedVit.build(weights, steps, level, precision())}).
 *
 * @param weights the fine-tuned weights; with weight quantization, already snapped to
 *     {@code weightBits}-bit integers times a per-tensor scale (q, k and v rows of qkv separately)
 * @param steps every quantizer's step
 * @param level quantization levels L
 * @param weightBits 0 for float weights, else the weight bits
 * @param epochs one summary per epoch
 * @param testTop1 the QANN's top-1 (DJL, float32) on the test set after the last epoch, NaN without one
 */
public record QatResult(VitWeights weights, QuantizerSteps steps, int level, int weightBits,
    List<EpochSummary> epochs, double testTop1) {
  public QatResult {
    epochs = List.copyOf(epochs);
  }

  /** The core's weight representation: grid for float weights, integer for quantized weights. */
  public WeightPrecision precision() {
    return weightBits == 0 ? WeightPrecision.grid() : WeightPrecision.integer(weightBits);
  }
}
