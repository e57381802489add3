package org.spikezip.cli;

import java.util.List;
import org.spikezip.convert.SpikingVit;
import org.spikezip.quant.QuantizedVit;

/**
 * A model ready to run: the QANN and the SNN that computes it.
 *
 * @param source where it came from, for the user
 * @param warnings problems found while loading that did not stop it
 */
record LoadedModel(String source, QuantizedVit qann, SpikingVit snn, List<String> warnings) {
  LoadedModel {
    warnings = List.copyOf(warnings);
  }
}
