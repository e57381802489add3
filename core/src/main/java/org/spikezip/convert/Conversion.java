package org.spikezip.convert;

/** A converted network and the report of its conversion. */
public record Conversion(SpikingVit network, ConversionReport report) {}
