package org.spikezip.cli;

import org.spikezip.model.EncoderExamples;

/** The training and test sentences of a split, tokenized. */
record TokenizedSplit(EncoderExamples train, EncoderExamples test) {}
