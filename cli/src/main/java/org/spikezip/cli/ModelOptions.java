package org.spikezip.cli;

import java.nio.file.Path;
import java.util.List;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.convert.SpikingVitFile;
import org.spikezip.error.SpikezipException;
import org.spikezip.quant.QannCheckpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where a model comes from: a QANN (config and checkpoint) or an SNN file from {@code spikezip convert}. */
final class ModelOptions {
  @ArgGroup(exclusive = false, multiplicity = "1")
  QannOptions qann;

  @Option(names = "--snn", paramLabel = "FILE", required = true,
      description = "SNN file written by 'spikezip convert', instead of --checkpoint.")
  Path snn;

  /**
   * The encoder QANN of {@code --checkpoint}; a usage error naming {@code use} when the options name
   * no checkpoint (an SNN file, say).
   */
  LoadedEncoder loadEncoder(CommandSpec spec, String use) throws SpikezipException {
    if (snn != null || qann == null || qann.checkpoint == null) {
      throw new ParameterException(spec.commandLine(), use + " an encoder QANN: --checkpoint qann.safetensors"
          + " (written by 'spikezip qat' or 'spikezip demo --task sentiment')");
    }
    return LoadedEncoder.read(qann.checkpoint);
  }

  /** The model as QANN and SNN, either converted from the QANN or the SNN read with its QANN rebuilt. */
  LoadedModel load(CommandSpec spec) throws SpikezipException {
    if (snn != null) {
      SpikingVit net = SpikingVitFile.read(snn);
      return new LoadedModel("SNN file " + snn, Converter.equivalentQann(net), net, List.of());
    }
    QannCheckpoint c = qann.load(spec);
    return new LoadedModel("QANN checkpoint " + qann.checkpoint, c.model(), Converter.convert(c.model()).network(),
        c.warnings());
  }
}
