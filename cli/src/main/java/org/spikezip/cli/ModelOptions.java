package org.spikezip.cli;

import java.nio.file.Path;
import java.util.List;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.convert.SpikingVitFile;
import org.spikezip.error.SpikezipException;
import org.spikezip.quant.QannCheckpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where a model comes from: a QANN (config and checkpoint) or an SNN file from {@code spikezip convert}. */
final class ModelOptions {
  @ArgGroup(exclusive = false, multiplicity = "1")
  QannOptions qann;

  @Option(names = "--snn", paramLabel = "FILE", required = true,
      description = "SNN file written by 'spikezip convert', instead of --config and --checkpoint.")
  Path snn;

  /** The model as QANN and SNN, either converted from the QANN or the SNN read with its QANN rebuilt. */
  LoadedModel load() throws SpikezipException {
    if (snn != null) {
      SpikingVit net = SpikingVitFile.read(snn);
      return new LoadedModel("SNN file " + snn, Converter.equivalentQann(net), net, List.of());
    }
    QannCheckpoint c = qann.load();
    return new LoadedModel("QANN checkpoint " + qann.checkpoint, c.model(), Converter.convert(c.model()).network(),
        c.warnings());
  }
}
