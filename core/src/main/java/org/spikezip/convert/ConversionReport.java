package org.spikezip.convert;

import java.util.List;

/**
 * What conversion did: one line per replaced operator, and the neuron count per sample.
 *
 * @param replacements human-readable lines such as {@code blocks.0.attn.quan_q -> ST-BIF+ [197x384], theta 0.63, [-8, 7]}
 */
public record ConversionReport(List<String> replacements, long neuronsPerSample) {
  public ConversionReport {
    replacements = List.copyOf(replacements);
  }
}
