package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.data.ImageDataset;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.AtomicFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip eval}: the QANN and its SNN over a labelled dataset, samples in parallel on all
 * cores, each stopping when quiet; prints top-1 of both, their agreement, steps to quiescence and the
 * SNN's accuracy after t steps, and optionally writes the accuracy per step as CSV.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Evaluates a QANN and its SNN on a labelled dataset: top-1 of both, SNN-QANN prediction"
        + " agreement, steps to quiescence, and the SNN's top-1 after t time steps.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Model (a QANN, or an SNN file):%n")
  ModelOptions model;

  @Mixin DatasetOptions dataset;

  @Mixin SimulationOptions sim;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Also write the accuracy and agreement after each step t to this CSV file.")
  Path csv;

  @Override
  public Integer call() throws SpikezipException {
    sim.check(spec);
    PrintWriter err = spec.commandLine().getErr();
    LoadedModel m = model.load(spec);
    m.warnings().forEach(w -> ErrorHandler.warn(err, w));
    ImageDataset data = dataset.load(m.qann().config());
    DatasetRun run = DatasetRun.of(m.qann(), m.snn(), data, dataset.normalization(), sim.encoding, sim.maxSteps,
        sim.threads, err);
    if (run.lossy() > 0) {
      ErrorHandler.warn(err, "lossy: T too small: " + run.lossy() + " of " + run.samples()
          + " samples hit --max-steps " + sim.maxSteps + " before going quiet; raise --max-steps");
    }
    if (csv != null) {
      OutputFile.write(csv, p -> AtomicFiles.write(p, run.curve().csv().getBytes(StandardCharsets.UTF_8)));
    }
    print(data, m, run);
    return 0;
  }

  private void print(ImageDataset data, LoadedModel m, DatasetRun run) {
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "model          %s (level %d)%n", m.source(), m.qann().level());
    o.printf(Locale.ROOT, "data           %s, %d images, %s encoding%n", data.source(), run.samples(),
        sim.encoding.name().toLowerCase(Locale.ROOT));
    o.printf(Locale.ROOT, "QANN top-1     %.2f %%%n", 100 * run.qannTop1());
    o.printf(Locale.ROOT, "SNN top-1      %.2f %%%n", 100 * run.curve().finalAccuracy());
    o.printf(Locale.ROOT, "agreement      SNN = QANN on %.2f %% of images%n", 100 * run.curve().finalAgreement());
    o.printf(Locale.ROOT, "steps          mean %.2f, max %d%n", run.meanSteps(), run.maxSteps());
    o.printf(Locale.ROOT, "SNN top-1 at  %s%n", run.curve().milestones());
    o.printf(Locale.ROOT, "time           QANN %.1f s, SNN %.1f s (%d threads)%n", run.qannSeconds(), run.snnSeconds(),
        sim.threads);
    if (csv != null) {
      o.printf(Locale.ROOT, "wrote          %s%n", csv);
    }
  }
}
