package org.spikezip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.Normalization;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.AtomicFiles;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
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

  @Option(names = "--encoding", paramLabel = "E", defaultValue = "analog",
      description = "How the image enters the SNN: analog (all of it at step 1) or rate (L frames of image/L).")
  Encoding encoding;

  @Option(names = "--max-steps", paramLabel = "T", defaultValue = "512",
      description = "Step cap per sample; each sample stops earlier once quiet.")
  int maxSteps;

  @Option(names = "--threads", paramLabel = "N", showDefaultValue = Visibility.NEVER,
      description = "Worker threads, one sample at a time each (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Also write the accuracy and agreement after each step t to this CSV file.")
  Path csv;

  @Override
  public Integer call() throws SpikezipException {
    OptionChecks.positive(spec, "--max-steps", maxSteps);
    OptionChecks.positive(spec, "--threads", threads);
    PrintWriter err = spec.commandLine().getErr();
    LoadedModel m = model.load(spec);
    m.warnings().forEach(w -> ErrorHandler.warn(err, w));
    ImageDataset data = dataset.load(m.qann().config());
    Normalization norm = dataset.normalization();
    List<double[]> images = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      images.add(data.image(i, norm));
    }
    int[] labels = data.labels();
    long start = System.nanoTime();
    List<QannResult> qann = ParallelMap.map(images, threads, new QannForward(m.qann())::forward);
    double qannSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    List<SampleResult> snn = new Simulator(m.snn(), encoding, StopRule.quiescent(maxSteps)).withoutNeuronDetail()
        .runAll(images, threads, new Progress(err, images.size()));
    double snnSeconds = (System.nanoTime() - start) / 1e9;
    int[] qannPredictions = qann.stream().mapToInt(QannResult::predictedClass).toArray();
    AccuracyCurve curve = AccuracyCurve.of(snn, labels, qannPredictions);
    int lossy = (int) snn.stream().filter(r -> !r.quiescent()).count();
    if (lossy > 0) {
      ErrorHandler.warn(err, "lossy: T too small: " + lossy + " of " + snn.size() + " samples hit --max-steps "
          + maxSteps + " before going quiet; raise --max-steps");
    }
    if (csv != null) {
      writeCsv(curve);
    }
    print(data, m, qann, labels, snn, curve, qannSeconds, snnSeconds);
    return 0;
  }

  private void writeCsv(AccuracyCurve curve) throws InvalidInputException {
    StringBuilder b = new StringBuilder("t,snn_top1,snn_qann_agreement\n");
    for (int t = 1; t <= curve.steps(); t++) {
      b.append(String.format(Locale.ROOT, "%d,%.6f,%.6f%n", t, curve.accuracyAt(t), curve.agreementAt(t)));
    }
    OutputFile.write(csv, p -> AtomicFiles.write(p, b.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private void print(ImageDataset data, LoadedModel m, List<QannResult> qann, int[] labels, List<SampleResult> snn,
      AccuracyCurve curve, double qannSeconds, double snnSeconds) {
    PrintWriter o = spec.commandLine().getOut();
    int n = labels.length;
    int qannCorrect = 0;
    for (int i = 0; i < n; i++) {
      qannCorrect += qann.get(i).predictedClass() == labels[i] ? 1 : 0;
    }
    int maxStep = snn.stream().mapToInt(SampleResult::stopStep).max().orElse(0);
    double meanStep = snn.stream().mapToInt(SampleResult::stopStep).average().orElse(0);
    o.printf(Locale.ROOT, "model          %s (level %d)%n", m.source(), m.qann().level());
    o.printf(Locale.ROOT, "data           %s, %d images, %s encoding%n", data.source(), n,
        encoding.name().toLowerCase(Locale.ROOT));
    o.printf(Locale.ROOT, "QANN top-1     %.2f %%%n", 100.0 * qannCorrect / n);
    o.printf(Locale.ROOT, "SNN top-1      %.2f %%%n", 100.0 * curve.finalAccuracy());
    o.printf(Locale.ROOT, "agreement      SNN = QANN on %.2f %% of images%n", 100.0 * curve.finalAgreement());
    o.printf(Locale.ROOT, "steps          mean %.2f, max %d%n", meanStep, maxStep);
    StringBuilder at = new StringBuilder();
    for (int t = 1; t < maxStep; t *= 2) {
      at.append(String.format(Locale.ROOT, "  t=%d %.2f %%", t, 100.0 * curve.accuracyAt(t)));
    }
    at.append(String.format(Locale.ROOT, "  t=%d %.2f %%", maxStep, 100.0 * curve.accuracyAt(maxStep)));
    o.printf(Locale.ROOT, "SNN top-1 at  %s%n", at);
    o.printf(Locale.ROOT, "time           QANN %.1f s, SNN %.1f s (%d threads)%n", qannSeconds, snnSeconds, threads);
    if (csv != null) {
      o.printf(Locale.ROOT, "wrote          %s%n", csv);
    }
  }
}
