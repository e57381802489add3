package org.spikezip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.energy.DenseOpCount;
import org.spikezip.energy.EnergyAccounting;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.energy.LayerTotals;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.model.EncoderInput;
import org.spikezip.quant.EncoderQannForward;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.report.EnergyUnit;
import org.spikezip.report.ReportSettings;
import org.spikezip.report.ReportWriter;
import org.spikezip.sim.EncoderSimulator;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;
import org.spikezip.text.TextTokenizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
    description = "Simulates every image (or, for a text encoder, every sentence) of the input and writes the spike, latency and energy report into"
        + " --out: report.json, layers.csv, per_step.csv, four PNG charts and report.html (self-contained)."
        + " Accuracy is measured against labels when the input file holds them, else against the QANN.")
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Model (a QANN, or an SNN file):%n")
  ModelOptions model;

  @Option(names = "--input", paramLabel = "IN",
      description = "Images: safetensors file with a tensor 'input' of shape [B, C, H, W] and optionally integer"
          + " labels [B] (tensor 'labels', or the one --labels names).")
  Path input;

  @Option(names = "--sentences", paramLabel = "FILE",
      description = "Sentences, for an encoder QANN (--checkpoint from 'spikezip qat' or the sentiment demo): a TSV"
          + " file with a 'sentence' and a 'label' column (GLUE/SST-2 layout), or plain text, one sentence per line"
          + " (then accuracy is agreement with the QANN).")
  Path sentences;

  @Mixin TextOptions text;

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

  /** A simulated input set: the report's numbers and how to describe the run. */
  private record Measured(String model, int level, EnergyReport report, Function<List<String>, ReportSettings> settings) {}

  @Override
  public Integer call() throws SpikezipException {
    sim.check(spec);
    EnergyModel energyModel = energy.resolve(spec);
    PrintWriter err = spec.commandLine().getErr();
    if ((input == null) == (sentences == null)) {
      throw new ParameterException(spec.commandLine(), "give either --input (images) or --sentences (text)");
    }
    List<String> warnings = new ArrayList<>();
    Measured m = sentences != null ? sentences(energyModel, err) : images(energyModel, err, warnings);
    EnergyReport r = m.report();
    if (r.lossy() > 0) {
      String lossy = "lossy: T too small: " + r.lossy() + " of " + r.samples() + " samples hit --max-steps "
          + sim.maxSteps + " before going quiet; raise --max-steps";
      warnings.add(lossy);
      ErrorHandler.warn(err, lossy);
    }
    try {
      ReportWriter.write(out, r, m.settings().apply(warnings));
    } catch (IOException e) {
      throw new InvalidInputException(out + ": cannot write the report (" + e + ")", e);
    }
    print(r, m.model(), m.level());
    return 0;
  }

  private Measured images(EnergyModel energyModel, PrintWriter err, List<String> warnings) throws SpikezipException {
    LoadedModel m = model.load(spec);
    warnings.addAll(m.warnings());
    m.warnings().forEach(w -> ErrorHandler.warn(err, w));
    List<double[]> images = SimulationInput.read(input, m.qann().config());
    Optional<int[]> labelled = SimulationInput.labels(input, Optional.ofNullable(labels), images.size(),
        m.qann().config().numClasses());
    List<QannResult> qann = ParallelMap.map(images, sim.threads, new QannForward(m.qann())::forward);
    List<SampleResult> snn = new Simulator(m.snn(), sim.encoding, StopRule.quiescent(sim.maxSteps))
        .withoutNeuronDetail()
        .runAll(images, sim.threads, new Progress(err, images.size()));
    int[] predictions = qann.stream().mapToInt(QannResult::predictedClass).toArray();
    EnergyReport r = EnergyAccounting.account(snn, DenseOpCount.of(m.qann().config()), energyModel, predictions,
        labelled);
    String reference = labelled.isPresent() ? "labels (tensor '" + labelName() + "')" : "the QANN's predictions (no labels)";
    return new Measured(m.source(), m.qann().level(), r, w -> ReportSettings.forVit(Version.number(), m.source(),
        m.qann().config(), m.qann().level(), m.qann().precision().toString(), input.toString(),
        sim.encoding.name().toLowerCase(Locale.ROOT), sim.maxSteps, sim.threads, reference, w));
  }

  private Measured sentences(EnergyModel energyModel, PrintWriter err) throws SpikezipException {
    LoadedEncoder m = model.loadEncoder(spec, "--sentences needs");
    QuantizedEncoder qann = m.qann();
    SentenceInput in = SentenceInput.read(sentences, qann.config().numClasses());
    List<EncoderInput> tokens;
    try (TextTokenizer tok = text.open()) {
      tokens = tok.encodeAll(in.texts());
    }
    List<QannResult> q = ParallelMap.map(tokens, sim.threads, new EncoderQannForward(qann)::forward);
    List<SampleResult> snn = new EncoderSimulator(SpikingEncoder.convert(qann), StopRule.quiescent(sim.maxSteps))
        .withoutNeuronDetail()
        .runAll(tokens, sim.threads, new Progress(err, tokens.size()));
    List<DenseOpCount> dense = new ArrayList<>();
    for (EncoderInput t : tokens) {
      dense.add(DenseOpCount.of(qann.config(), qann.head(), t.length()));
    }
    EnergyReport r = EnergyAccounting.account(snn, dense, energyModel,
        q.stream().mapToInt(QannResult::predictedClass).toArray(), in.labels());
    String source = m.source();
    String reference = in.labels().isPresent() ? "labels (column 'label')" : "the QANN's predictions (no labels)";
    return new Measured(source, qann.level(), r, w -> ReportSettings.forEncoder(Version.number(), source,
        qann.config(), qann.level(), qann.precision().toString(), sentences.toString(), "token embeddings at step 1",
        sim.maxSteps, sim.threads, reference, w));
  }

  private String labelName() {
    return labels == null ? SimulationInput.LABELS : labels;
  }

  private void print(EnergyReport r, String source, int level) {
    PrintWriter o = spec.commandLine().getOut();
    LayerTotals t = r.total();
    int n = r.samples();
    o.printf(Locale.ROOT, "model          %s (level %d)%n", source, level);
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
