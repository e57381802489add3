package org.spikezip.train;

import org.spikezip.error.UnsupportedModelException;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.WeightPrecision;

/**
 * What a QANN checkpoint holds, before the core builds its exact QANN from it: float weights, every
 * quantizer's step, the level, and the weight bits (0 for float weights). The command line reads the
 * same files with {@code org.spikezip.quant.QannCheckpoint}.
 */
public record QannState(VitWeights weights, QuantizerSteps steps, int level, int weightBits) {

  /** Grid for float weights, integer for quantized weights. */
  public WeightPrecision precision() {
    return weightBits == 0 ? WeightPrecision.grid() : WeightPrecision.integer(weightBits);
  }

  /** The core's QANN. */
  public QuantizedVit toQuantizedVit() throws UnsupportedModelException {
    return QuantizedVit.build(weights, steps, level, precision());
  }
}
