package org.spikezip.train;

import java.util.List;
import org.spikezip.model.EncoderWeights;

/**
 * A fine-tuned float encoder classifier.
 *
 * @param weights the final weights (no pooler)
 * @param epochs one summary per epoch
 * @param testTop1 accuracy (a fraction) on the test set after the last epoch, NaN without one
 */
public record EncoderTrainResult(EncoderWeights weights, List<EpochSummary> epochs, double testTop1) {
  public EncoderTrainResult {
    epochs = List.copyOf(epochs);
  }
}
