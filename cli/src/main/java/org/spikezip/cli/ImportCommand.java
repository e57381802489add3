package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.error.SpikezipException;
import org.spikezip.model.VitConfig;
import org.spikezip.model.WeightNaming;
import org.spikezip.quant.CheckpointImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikezip import}: rewrites a checkpoint of any format as this project's safetensors file. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Reads a ViT checkpoint (safetensors, PyTorch .pth/.bin or ONNX), checks every tensor, and"
        + " writes it as one safetensors file that the other commands read without --config: a QANN in the"
        + " original release's naming with every quantizer step, a float model in timm's naming; the metadata"
        + " records the config, the level when known, and the source file's name, format and SHA-256.")
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The checkpoint to import.")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
      description = "The safetensors file to write (replaced atomically).")
  Path output;

  @Option(names = "--config", paramLabel = "C", description = QannOptions.CONFIG_HELP)
  Path config;

  @Option(names = "--heads", paramLabel = "H", description = QannOptions.HEADS_HELP)
  Integer heads;

  @Option(names = "--level", paramLabel = "L", description = QannOptions.LEVEL_HELP)
  Integer level;

  @Override
  public Integer call() throws SpikezipException {
    if (heads != null) {
      OptionChecks.positive(spec, "--heads", heads);
    }
    if (level != null) {
      OptionChecks.level(spec, level);
    }
    VitConfig given = config == null ? null : VitConfig.read(config);
    CheckpointImport imported = CheckpointImport.read(file, given, heads, level);
    imported.warnings().forEach(w -> ErrorHandler.warn(spec.commandLine().getErr(), w));
    OutputFile.write(output, imported::write);
    PrintWriter out = spec.commandLine().getOut();
    VitConfig c = imported.config().config();
    out.printf(Locale.ROOT, "model    %s, %s%n", imported.quantized() ? "QANN" : "float ViT (no quantizer steps)",
        imported.naming() == WeightNaming.TIMM ? "timm naming" : "original QANN naming");
    out.printf(Locale.ROOT, "config   %s (%s)%n", c.toJson(), imported.config().origin().title());
    if (imported.quantized()) {
      out.printf(Locale.ROOT, "level    %s%n", imported.level() == null ? "not known (not recorded)" : imported.level());
    }
    out.printf(Locale.ROOT, "tensors  %d%n", imported.tensors().size());
    out.printf(Locale.ROOT, "source   %s, sha256 %s%n", file, imported.metadata().get(CheckpointImport.SOURCE_SHA_KEY));
    out.printf(Locale.ROOT, "wrote    %s%n", output);
    return 0;
  }
}
