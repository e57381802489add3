package org.spikezip.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.data.ImageDataset;
import org.spikezip.energy.DenseOpCount;
import org.spikezip.energy.EnergyAccounting;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.AtomicFiles;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.report.EnergyUnit;
import org.spikezip.report.ReportSettings;
import org.spikezip.report.ReportWriter;
import org.spikezip.report.VitArchitecture;
import org.spikezip.sim.Encoding;
import org.spikezip.train.CheckpointFiles;
import org.spikezip.train.QatResult;
import org.spikezip.train.QatTrainer;
import org.spikezip.train.TrainResult;
import org.spikezip.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip demo}: the whole pipeline on real data. Trains a ReLU ViT (DJL), fine-tunes it with
 * quantizers (QAT, distillation), converts the QANN, simulates the test set until each sample is
 * quiet, and prints one table; writes checkpoints, the accuracy per step, {@code summary.json} and
 * the spike and energy report under {@code --out}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Runs the whole pipeline on Fashion-MNIST (or --dataset): trains a ReLU ViT, QAT at --level"
        + " levels, converts to an SNN, simulates the test set to quiescence and reports ANN, QANN and SNN top-1,"
        + " SNN-QANN agreement, steps, accuracy after t steps, energy and the time of each stage.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingData data;

  @Mixin ModelShape shape;

  @Mixin TrainingRecipe recipe;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo",
      description = "Folder for checkpoints, accuracy_per_step.csv, summary.json and report/.")
  Path out;

  @Option(names = "--max-steps", paramLabel = "T", defaultValue = "512", description = "SNN step cap per sample.")
  int maxSteps;

  @Option(names = "--threads", paramLabel = "N", showDefaultValue = Visibility.NEVER,
      description = "Simulation threads (default: all cores). Training uses one libtorch thread.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws SpikezipException, IOException {
    OptionChecks.positive(spec, "--max-steps", maxSteps);
    OptionChecks.positive(spec, "--threads", threads);
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Double> seconds = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    ImageDataset[] split = data.load();
    ImageDataset train = split[0];
    ImageDataset test = split[1];
    VitConfig config = checked(() -> shape.config(train));
    seconds.put("data", lap(t0));
    err.printf(Locale.ROOT, "spikezip demo: %d training and %d test images, ViT %s%n", train.size(), test.size(),
        config.toJson());

    TrainCommand.createFolder(out);
    long t1 = System.nanoTime();
    err.println("[1/4] training the ANN");
    TrainResult ann = Trainer.trainAnn(config, train, test, checked(recipe::ann), new TrainingProgress(err));
    CheckpointFiles.saveConfig(out.resolve("config.json"), config);
    CheckpointFiles.saveAnn(out.resolve("ann.safetensors"), ann.weights());
    seconds.put("ann_training", lap(t1));

    long t2 = System.nanoTime();
    err.println("[2/4] quantization-aware training (QAT) at " + recipe.level + " levels");
    QatResult qat = QatTrainer.run(ann.weights(), train, test, checked(recipe::qat), new TrainingProgress(err));
    Path qannFile = out.resolve("qann.safetensors");
    CheckpointFiles.saveQann(qannFile, qat);
    seconds.put("qat", lap(t2));

    long t3 = System.nanoTime();
    err.println("[3/4] converting the QANN read back from " + qannFile);
    QuantizedVit qann = QannCheckpoint.load(out.resolve("config.json"), null, qannFile, null, qat.precision()).model();
    SpikingVit snn = Converter.convert(qann).network();
    seconds.put("conversion", lap(t3));

    long t4 = System.nanoTime();
    err.println("[4/4] simulating the test set until each sample is quiet");
    DatasetRun run = DatasetRun.of(qann, snn, test, recipe.ann().normalization(), Encoding.ANALOG, maxSteps, threads,
        err);
    seconds.put("simulation", lap(t4));

    long t5 = System.nanoTime();
    EnergyReport energy = EnergyAccounting.account(run.snn(), DenseOpCount.of(config), EnergyModel.DEFAULT,
        run.qannPredictions(), Optional.of(run.labels()));
    List<String> warnings = new ArrayList<>();
    if (run.lossy() > 0) {
      warnings.add("lossy: " + run.lossy() + " samples hit --max-steps " + maxSteps);
      ErrorHandler.warn(err, warnings.get(0));
    }
    ReportWriter.write(out.resolve("report"), energy, new ReportSettings(Version.number(), qannFile.toString(),
        new VitArchitecture(config), qann.level(), qann.precision().toString(), test.source(), "analog", maxSteps,
        threads, "labels", warnings));
    OutputFile.write(out.resolve("accuracy_per_step.csv"),
        p -> AtomicFiles.write(p, run.curve().csv().getBytes(StandardCharsets.UTF_8)));
    seconds.put("report", lap(t5));
    seconds.put("total", lap(t0));
    writeSummary(ann, run, seconds);
    print(ann, qat, run, energy, seconds);
    return run.curve().finalAgreement() == 1.0 ? 0 : 5;
  }

  private void writeSummary(TrainResult ann, DatasetRun run, Map<String, Double> seconds) throws InvalidInputException {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("ann_top1", ann.testTop1());
    s.put("qann_top1", run.qannTop1());
    s.put("snn_top1", run.curve().finalAccuracy());
    s.put("snn_qann_agreement", run.curve().finalAgreement());
    s.put("steps_mean", run.meanSteps());
    s.put("steps_max", run.maxSteps());
    s.put("test_images", run.samples());
    s.put("lossy_samples", run.lossy());
    Map<String, Double> at = new LinkedHashMap<>();
    for (int t = 1; t <= run.curve().steps(); t++) {
      at.put(Integer.toString(t), run.curve().accuracyAt(t));
    }
    s.put("snn_top1_at_step", at);
    s.put("seconds", seconds);
    String json = new GsonBuilder().setPrettyPrinting().create().toJson(s) + "\n";
    OutputFile.write(out.resolve("summary.json"), p -> AtomicFiles.write(p, json.getBytes(StandardCharsets.UTF_8)));
  }

  private void print(TrainResult ann, QatResult qat, DatasetRun run, EnergyReport energy, Map<String, Double> seconds) {
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%n%-34s %s%n", "ANN top-1 (DJL)", pct(ann.testTop1()));
    o.printf(Locale.ROOT, "%-34s %s (DJL QAT: %s)%n", "QANN top-1, L=" + qat.level(), pct(run.qannTop1()),
        pct(qat.testTop1()));
    o.printf(Locale.ROOT, "%-34s %s%n", "SNN top-1 at quiescence", pct(run.curve().finalAccuracy()));
    o.printf(Locale.ROOT, "%-34s %s of %d images%n", "SNN = QANN prediction", pct(run.curve().finalAgreement()),
        run.samples());
    o.printf(Locale.ROOT, "%-34s mean %.2f, max %d%n", "steps to quiescence", run.meanSteps(), run.maxSteps());
    o.printf(Locale.ROOT, "%-34s%s%n", "SNN top-1 after t steps", run.curve().milestones());
    o.printf(Locale.ROOT, "%-34s SNN %s, ANN %s per image (E_MAC 4.6 pJ, E_AC 0.9 pJ)%n", "energy (45 nm)",
        EnergyUnit.format(energy.snnEnergyPj() / run.samples()), EnergyUnit.format(energy.annEnergyPj() / run.samples()));
    StringBuilder t = new StringBuilder();
    seconds.forEach((k, v) -> t.append(String.format(Locale.ROOT, " %s %.0f s,", k, v)));
    o.printf(Locale.ROOT, "%-34s%s%n", "wall time", t.substring(0, t.length() - 1));
    o.printf(Locale.ROOT, "%-34s %s (summary.json, accuracy_per_step.csv, report/report.html)%n", "wrote", out);
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
  }

  private static double lap(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Option combinations the records refuse become usage errors. */
  private <T> T checked(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
