package org.spikezip.train;

import org.spikezip.model.EncoderWeights;
import org.spikezip.quant.QuantizerSteps;

/** An encoder QANN checkpoint as read back: float weights, every quantizer's step and the level. */
public record EncoderQannState(EncoderWeights weights, QuantizerSteps steps, int level) {}
