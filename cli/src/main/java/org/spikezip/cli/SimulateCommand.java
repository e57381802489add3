package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikezip.error.EquivalenceException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;
import org.spikezip.tensor.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip simulate}: runs each input through the QANN and the SNN (until quiet, or the step
 * cap), writes both outputs and prints how they compare. Exit code 5 if any neuron code differs.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Runs every image of the input through the QANN and its SNN, writes the logits of both,"
        + " the SNN's accumulated logits per step and each sample's stop step, and prints prediction"
        + " agreement, logit differences, code mismatches per layer (expected 0), steps and spikes.")
final class SimulateCommand implements Callable<Integer> {
  /** SPEC §5: the largest relative logit difference between SNN and QANN that still counts as equal. */
  private static final double LOGIT_TOLERANCE = 1e-9;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Model (a QANN, or an SNN file):%n")
  ModelOptions model;

  @Option(names = "--input", paramLabel = "IN", required = true,
      description = "safetensors file with a tensor 'input' of shape [B, C, H, W] (the model's in_chans and"
          + " img_size; any float or integer dtype; finite values).")
  Path input;

  @Option(names = "--output", paramLabel = "OUT", required = true,
      description = "safetensors file to write: qann_logits [B,classes], snn_logits [B,classes],"
          + " snn_logits_per_step [T,B,classes] (T = the last stop step), stop_step [B] (int32).")
  Path output;

  @Mixin SimulationOptions sim;

  @Override
  public Integer call() throws SpikezipException {
    sim.check(spec);
    PrintWriter err = spec.commandLine().getErr();
    LoadedModel m = model.load(spec);
    m.warnings().forEach(w -> ErrorHandler.warn(err, w));
    List<double[]> images = SimulationInput.read(input, m.qann().config());

    long start = System.nanoTime();
    List<QannResult> qann = ParallelMap.map(images, sim.threads, new QannForward(m.qann())::forward);
    long qannDone = System.nanoTime();
    List<SampleResult> snn = new Simulator(m.snn(), sim.encoding, StopRule.quiescent(sim.maxSteps))
        .runAll(images, sim.threads, new Progress(err, images.size()));
    long snnDone = System.nanoTime();

    Map<String, Tensor> tensors = SimulationOutput.tensors(qann, snn);
    OutputFile.write(output, path -> SafetensorsWriter.write(path, tensors, Map.of(
        "encoding", sim.encoding.name().toLowerCase(Locale.ROOT),
        "level", Integer.toString(m.qann().level()),
        "max_steps", Integer.toString(sim.maxSteps))));
    SimulationReport r = SimulationReport.of(qann, snn);
    print(r, m, (qannDone - start) / 1e9, (snnDone - qannDone) / 1e9);
    if (r.lossy() > 0) {
      ErrorHandler.warn(err, "lossy: T too small: " + r.lossy() + " of " + r.samples()
          + " samples hit --max-steps " + sim.maxSteps + " before going quiet; raise --max-steps");
    }
    if (r.totalMismatches() > 0 || r.maxRelativeDelta() > LOGIT_TOLERANCE) {
      throw new EquivalenceException("SNN and QANN differ: " + r.totalMismatches() + " neuron codes in "
          + r.mismatches().size() + " layers, max relative logit difference " + r.maxRelativeDelta());
    }
    return 0;
  }

  private void print(SimulationReport r, LoadedModel m, double qannSeconds, double snnSeconds) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "model          %s (level %d, %s weights)%n", m.source(), m.qann().level(),
        m.qann().precision());
    out.printf(Locale.ROOT, "samples        %d, %s encoding, at most %d steps, %d threads%n", r.samples(),
        sim.encoding.name().toLowerCase(Locale.ROOT), sim.maxSteps, sim.threads);
    out.printf(Locale.ROOT, "predictions    SNN = QANN on %d of %d samples (%.2f %%)%n", r.agreeing(), r.samples(),
        100.0 * r.agreeing() / r.samples());
    if (r.maxAbsDelta() == 0) {
      out.println("max |dlogit|   0 (SNN logits bit-identical to the QANN's)");
    } else {
      out.printf(Locale.ROOT, "max |dlogit|   %.3g absolute, %.3g relative%n", r.maxAbsDelta(), r.maxRelativeDelta());
    }
    out.printf(Locale.ROOT, "code mismatch  %d in %d layers (expected 0)%n", r.totalMismatches(), r.layers());
    r.mismatches().forEach((layer, n) -> out.printf(Locale.ROOT, "  %-30s %d%n", layer, n));
    out.printf(Locale.ROOT, "steps          mean %.2f, max %d%s%n", r.meanSteps(), r.maxSteps(),
        r.lossy() == 0 ? "" : ", " + r.lossy() + " samples hit the cap (lossy)");
    out.printf(Locale.ROOT, "spikes         %,d total, %,.0f per sample%n", r.spikes(), r.spikes() / (double) r.samples());
    out.printf(Locale.ROOT, "time           QANN %.3f s, SNN %.3f s%n", qannSeconds, snnSeconds);
    out.printf(Locale.ROOT, "wrote          %s%n", output);
  }
}
