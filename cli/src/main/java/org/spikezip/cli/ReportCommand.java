package org.spikezip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spikezip.energy.DenseOpCount;
import org.spikezip.energy.EnergyAccounting;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.energy.LayerTotals;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.report.EnergyUnit;
import org.spikezip.report.ReportSettings;
import org.spikezip.report.ReportWriter;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip report}: runs each input through the QANN and the SNN, counts the SNN's spikes and
 * operations per layer and step, prices them with an energy model beside the ANN and QANN baselines,
 * and writes the report (JSON, CSV, PNG charts, one HTML page) into a folder.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Simulates every image of the input and writes the spike, latency and energy report into"
        + " --out: report.json, layers.csv, per_step.csv, four PNG charts and report.html (self-contained)."
        + " Accuracy is measured against labels when the input file holds them, else against the QANN.")
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Model (a QANN, or an SNN file):%n")
  ModelOptions model;

  @Option(names = "--input", paramLabel = "IN", required = true,
      description = "safetensors file with a tensor 'input' of shape [B, C, H, W] and optionally integer labels"
          + " [B] (tensor 'labels', or the one --labels names).")
  Path input;

  @Option(names = "--labels", paramLabel = "NAME",
      description = "Name of the labels tensor in the input file (default: 'labels' if the file holds one;"
          + " without labels, accuracy is agreement with the QANN).")
  String labels;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "Folder to write the report into (created if needed; files in it are replaced).")
  Path out;

  @Mixin SimulationOptions sim;

  @Mixin
  EnergyOptions energy;

  @Override
  public Integer call() throws SpikezipException {
    sim.check(spec);
    EnergyModel energyModel = energy.resolve(spec);
    PrintWriter err = spec.commandLine().getErr();
    LoadedModel m = model.load(spec);
    List<String> warnings = new ArrayList<>(m.warnings());
    m.warnings().forEach(w -> ErrorHandler.warn(err, w));
    List<double[]> images = SimulationInput.read(input, m.qann().config());
    Optional<int[]> labelled = SimulationInput.labels(input, Optional.ofNullable(labels), images.size(),
        m.qann().config().numClasses());

    List<QannResult> qann = ParallelMap.map(images, sim.threads, new QannForward(m.qann())::forward);
    List<SampleResult> snn = new Simulator(m.snn(), sim.encoding, StopRule.quiescent(sim.maxSteps))
        .withoutNeuronDetail()
        .runAll(images, sim.threads, new Progress(err, images.size()));
    int[] predictions = qann.stream().mapToInt(QannResult::predictedClass).toArray();
    EnergyReport r = EnergyAccounting.account(snn, DenseOpCount.of(m.qann().config()),
        energyModel, predictions, labelled);
    if (r.lossy() > 0) {
      String lossy = "lossy: T too small: " + r.lossy() + " of " + r.samples() + " samples hit --max-steps "
          + sim.maxSteps + " before going quiet; raise --max-steps";
      warnings.add(lossy);
      ErrorHandler.warn(err, lossy);
    }
    ReportSettings settings = ReportSettings.forVit(Version.number(), m.source(), m.qann().config(),
        m.qann().level(), m.qann().precision().toString(), input.toString(),
        sim.encoding.name().toLowerCase(Locale.ROOT), sim.maxSteps, sim.threads,
        labelled.isPresent() ? "labels (tensor '" + labelName() + "')" : "the QANN's predictions (no labels)",
        warnings);
    try {
      ReportWriter.write(out, r, settings);
    } catch (IOException e) {
      throw new InvalidInputException(out + ": cannot write the report (" + e + ")", e);
    }
    print(r, m);
    return 0;
  }

  private String labelName() {
    return labels == null ? SimulationInput.LABELS : labels;
  }

  private void print(EnergyReport r, LoadedModel m) {
    PrintWriter o = spec.commandLine().getOut();
    LayerTotals t = r.total();
    int n = r.samples();
    o.printf(Locale.ROOT, "model          %s (level %d)%n", m.source(), m.qann().level());
    o.printf(Locale.ROOT, "samples        %d, %s encoding, at most %d steps, %d threads%n", n,
        sim.encoding.name().toLowerCase(Locale.ROOT), sim.maxSteps, sim.threads);
    o.printf(Locale.ROOT, "steps          mean %.2f, max %d%s%n", r.meanSteps(), r.maxSteps(),
        r.lossy() == 0 ? "" : ", " + r.lossy() + " samples hit the cap (lossy)");
    if (r.labelled()) {
      o.printf(Locale.ROOT, "accuracy       SNN %.2f %%, QANN %.2f %%%n", 100.0 * r.last().correct() / n,
          100.0 * r.qannCorrect() / n);
    }
    o.printf(Locale.ROOT, "predictions    SNN = QANN on %d of %d samples (%.2f %%)%n", r.last().agreeing(), n,
        100.0 * r.last().agreeing() / n);
    o.printf(Locale.ROOT, "spikes         %,d total, %,.0f per sample, firing rate %.4f per neuron per step%n",
        t.spikes(), t.spikes() / (double) n, t.firingRate());
    o.printf(Locale.ROOT, "per sample     SNN %,.0f ACs + %,.0f MACs; ANN %,.0f MACs%n", t.acs() / (double) n,
        t.macs() / (double) n, r.annMacsPerSample());
    o.printf(Locale.ROOT, "energy         per sample: SNN %s, ANN %s, QANN %s (SNN/ANN %.3f)%n",
        EnergyUnit.format(r.snnEnergyPj() / n), EnergyUnit.format(r.annEnergyPj() / n),
        EnergyUnit.format(r.qannEnergyPj() / n), r.snnEnergyPj() / r.annEnergyPj());
    o.printf(Locale.ROOT, "energy model   %s: E_MAC %s pJ, E_AC %s pJ%n", r.energyModel().name(),
        r.energyModel().eMacPj(), r.energyModel().eAcPj());
    o.printf(Locale.ROOT, "wrote          %s (report.html, report.json, layers.csv, per_step.csv, charts)%n", out);
  }
}
