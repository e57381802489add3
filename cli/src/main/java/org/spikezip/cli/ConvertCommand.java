package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.convert.Conversion;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVitFile;
import org.spikezip.error.SpikezipException;
import org.spikezip.quant.QannCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spikezip convert}: converts a QANN into an SNN file that {@code simulate --snn} runs on its own. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Converts a QANN into a spiking network and writes it (neuron thresholds and bounds,"
        + " weights, LayerNorms, embeddings) to one safetensors file, which 'simulate --snn' and"
        + " 'inspect --snn' read without the QANN checkpoint. Prints what each operator became.")
final class ConvertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin QannOptions qann;

  @Option(names = "--output", paramLabel = "SNN", required = true,
      description = "The SNN file to write (safetensors, format spikezip-snn-v1).")
  Path output;

  @Override
  public Integer call() throws SpikezipException {
    QannCheckpoint checkpoint = qann.load();
    checkpoint.warnings().forEach(w -> ErrorHandler.warn(spec.commandLine().getErr(), w));
    Conversion conversion = Converter.convert(checkpoint.model());
    OutputFile.write(output, path -> SpikingVitFile.write(path, conversion.network()));
    PrintWriter out = spec.commandLine().getOut();
    conversion.report().replacements().forEach(out::println);
    out.printf(Locale.ROOT, "neurons: %,d per sample%n", conversion.report().neuronsPerSample());
    out.printf(Locale.ROOT, "wrote %s%n", output);
    return 0;
  }
}
