package org.spikezip.cli;

import java.nio.file.Path;
import org.spikezip.error.SpikezipException;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.train.EncoderCheckpointFiles;
import org.spikezip.train.EncoderQannState;

/**
 * An encoder QANN read from a checkpoint of {@code spikezip qat} or the sentiment demo, built with
 * grid weights (text encoders have no integer mode).
 *
 * @param source the checkpoint, for printouts
 */
record LoadedEncoder(String source, QuantizedEncoder qann) {

  static LoadedEncoder read(Path checkpoint) throws SpikezipException {
    EncoderQannState state = EncoderCheckpointFiles.loadQann(checkpoint);
    return new LoadedEncoder("QANN checkpoint " + checkpoint,
        QuantizedEncoder.build(state.weights(), state.steps(), state.level(), WeightPrecision.grid()));
  }
}
