package org.spikezip.train;

import java.util.List;
import org.spikezip.model.VitWeights;

/**
 * A trained float ViT.
 *
 * @param weights the final weights
 * @param epochs one summary per epoch
 * @param testTop1 top-1 accuracy (a fraction) on the test set after the last epoch, NaN without one
 */
public record TrainResult(VitWeights weights, List<EpochSummary> epochs, double testTop1) {
  public TrainResult {
    epochs = List.copyOf(epochs);
  }
}
