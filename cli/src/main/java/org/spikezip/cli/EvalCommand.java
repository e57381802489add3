package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.data.ImageDataset;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.AtomicFiles;
import org.spikezip.model.EncoderExamples;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.text.TextTokenizer;
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

  @Mixin TextOptions text;

  @Override
  public Integer call() throws SpikezipException {
    sim.check(spec);
    PrintWriter err = spec.commandLine().getErr();
    if (dataset.isText()) {
      return report(evaluateEncoder(err));
    }
    LoadedModel m = model.load(spec);
    m.warnings().forEach(w -> ErrorHandler.warn(err, w));
    ImageDataset data = dataset.load(m.qann().config());
    DatasetRun run = DatasetRun.of(m.qann(), m.snn(), data, dataset.normalization(), sim.encoding, sim.maxSteps,
        sim.threads, err);
    return report(new Evaluation(m.source(), m.qann().level(), data.source(), "images",
        sim.encoding.name().toLowerCase(Locale.ROOT) + " encoding", run));
  }

  /** What was evaluated, for the printout. */
  private record Evaluation(String model, int level, String data, String unit, String input, DatasetRun run) {}

  /** An encoder QANN checkpoint and its SNN on the chosen part of a sentence set. */
  private Evaluation evaluateEncoder(PrintWriter err) throws SpikezipException {
    LoadedEncoder m = model.loadEncoder(spec, "sentences need");
    QuantizedEncoder qann = m.qann();
    EncoderExamples data;
    try (TextTokenizer tok = text.open()) {
      data = dataset.loadText(tok, qann.config().numClasses());
    }
    DatasetRun run = DatasetRun.of(qann, SpikingEncoder.convert(qann), data, sim.maxSteps, sim.threads, err);
    return new Evaluation(m.source(), qann.level(), dataset.kind.toString().toLowerCase(Locale.ROOT)
        + " (" + dataset.split + ")", "sentences", "token embeddings at step 1", run);
  }

  private int report(Evaluation e) throws SpikezipException {
    DatasetRun run = e.run();
    if (run.lossy() > 0) {
      ErrorHandler.warn(spec.commandLine().getErr(), "lossy: T too small: " + run.lossy() + " of " + run.samples()
          + " samples hit --max-steps " + sim.maxSteps + " before going quiet; raise --max-steps");
    }
    if (csv != null) {
      OutputFile.write(csv, p -> AtomicFiles.write(p, run.curve().csv().getBytes(StandardCharsets.UTF_8)));
    }
    print(e);
    return 0;
  }

  private void print(Evaluation e) {
    DatasetRun run = e.run();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "model          %s (level %d)%n", e.model(), e.level());
    o.printf(Locale.ROOT, "data           %s, %d %s, %s%n", e.data(), run.samples(), e.unit(), e.input());
    o.printf(Locale.ROOT, "QANN top-1     %.2f %%%n", 100 * run.qannTop1());
    o.printf(Locale.ROOT, "SNN top-1      %.2f %%%n", 100 * run.curve().finalAccuracy());
    o.printf(Locale.ROOT, "agreement      SNN = QANN on %.2f %% of %s%n", 100 * run.curve().finalAgreement(), e.unit());
    o.printf(Locale.ROOT, "steps          mean %.2f, max %d%n", run.meanSteps(), run.maxSteps());
    o.printf(Locale.ROOT, "SNN top-1 at  %s%n", run.curve().milestones());
    o.printf(Locale.ROOT, "time           QANN %.1f s, SNN %.1f s (%d threads)%n", run.qannSeconds(), run.snnSeconds(),
        sim.threads);
    if (csv != null) {
      o.printf(Locale.ROOT, "wrote          %s%n", csv);
    }
  }
}
