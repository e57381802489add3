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
import org.spikezip.sim.Encoding;
import org.spikezip.train.CheckpointFiles;
import org.spikezip.train.QatResult;
import org.spikezip.train.QatTrainer;
import org.spikezip.train.TrainOptions;
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
 * {@code spikezip demo}: the whole pipeline on real data. Trains a ReLU ViT (or, with {@code --task
 * sentiment}, fine-tunes the pretrained MiniLM encoder with ReLU; {@link SentimentDemo}), fine-tunes
 * it with quantizers (QAT, distillation), converts the QANN, simulates the test set until each
 * sample is quiet, and prints one table; writes checkpoints, the accuracy per step,
 * {@code summary.json} and the spike and energy report under {@code --out}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Runs the whole pipeline on real data: trains a ReLU ViT on Fashion-MNIST (or --dataset), or with"
        + " --task sentiment fine-tunes the pretrained all-MiniLM-L6-v2 with ReLU on the UCI sentiment sentences;"
        + " then QAT at --level levels, converts to an SNN, simulates the test set to quiescence and reports ANN,"
        + " QANN and SNN accuracy, SNN-QANN agreement, steps, accuracy after t steps, energy and the time of each"
        + " stage.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--task", paramLabel = "TASK", defaultValue = "vision",
      description = "vision (a ViT from scratch on --dataset images) or sentiment (the pretrained MiniLM encoder"
          + " fine-tuned on --dataset sentences: sentiment, imdb or tsv).")
  DemoTask task;

  @Mixin TrainingData data;

  @Mixin TextOptions text;

  @Mixin ModelShape shape;

  @Mixin TrainingRecipe recipe;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder for checkpoints, accuracy_per_step.csv, summary.json and report/ (default: runs/demo,"
          + " runs/sentiment with --task sentiment).")
  Path out;

  @Option(names = "--max-steps", paramLabel = "T", defaultValue = "512", description = "SNN step cap per sample.")
  int maxSteps;

  @Option(names = "--threads", paramLabel = "N", showDefaultValue = Visibility.NEVER,
      description = "Simulation threads (default: all cores). ViT training uses one libtorch thread, text"
          + " fine-tuning this many.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws SpikezipException, IOException {
    OptionChecks.positive(spec, "--max-steps", maxSteps);
    OptionChecks.positive(spec, "--threads", threads);
    if (out == null) {
      out = Path.of(task == DemoTask.SENTIMENT ? "runs/sentiment" : "runs/demo");
    }
    if (task == DemoTask.SENTIMENT) {
      return new SentimentDemo(this).run();
    }
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Double> seconds = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    ImageDataset[] split = data.load();
    ImageDataset train = split[0];
    ImageDataset test = split[1];
    VitConfig config = OptionChecks.checked(spec, () -> shape.config(train));
    seconds.put("data", lap(t0));
    err.printf(Locale.ROOT, "spikezip demo: %d training and %d test images, ViT %s%n", train.size(), test.size(),
        config.toJson());

    TrainCommand.createFolder(out);
    long t1 = System.nanoTime();
    err.println("[1/4] training the ANN");
    TrainOptions annOptions = OptionChecks.checked(spec, () -> recipe.ann(TrainingRecipe.Kind.IMAGES));
    TrainResult ann = Trainer.trainAnn(config, train, test, annOptions, new TrainingProgress(err));
    CheckpointFiles.saveConfig(out.resolve("config.json"), config);
    CheckpointFiles.saveAnn(out.resolve("ann.safetensors"), ann.weights());
    seconds.put("ann_training", lap(t1));

    long t2 = System.nanoTime();
    err.println("[2/4] quantization-aware training (QAT) at " + recipe.level + " levels");
    QatResult qat = QatTrainer.run(ann.weights(), train, test,
        OptionChecks.checked(spec, () -> recipe.qat(TrainingRecipe.Kind.IMAGES)), new TrainingProgress(err));
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
    DatasetRun run = DatasetRun.of(qann, snn, test, annOptions.normalization(), Encoding.ANALOG, maxSteps, threads,
        err);
    seconds.put("simulation", lap(t4));

    long t5 = System.nanoTime();
    EnergyReport energy = EnergyAccounting.account(run.snn(), DenseOpCount.of(config), EnergyModel.DEFAULT,
        run.qannPredictions(), Optional.of(run.labels()));
    List<String> warnings = lossWarnings(run, err);
    ReportWriter.write(out.resolve("report"), energy, ReportSettings.forVit(Version.number(), qannFile.toString(),
        config, qann.level(), qann.precision().toString(), test.source(), "analog", maxSteps, threads, "labels",
        warnings));
    return finish(new DemoOutcome(ann.testTop1(), qat.testTop1(), qann.level(), run, energy, seconds, "images"), t5,
        t0);
  }

  /** Warns (stderr and report) when samples hit the step cap. */
  List<String> lossWarnings(DatasetRun run, PrintWriter err) {
    List<String> warnings = new ArrayList<>();
    if (run.lossy() > 0) {
      warnings.add("lossy: " + run.lossy() + " samples hit --max-steps " + maxSteps);
      ErrorHandler.warn(err, warnings.get(0));
    }
    return warnings;
  }

  /** Writes the accuracy curve and summary, prints the table; {@code reportStart} and {@code start} time the stages. */
  int finish(DemoOutcome outcome, long reportStart, long start) throws InvalidInputException {
    OutputFile.write(out.resolve("accuracy_per_step.csv"),
        p -> AtomicFiles.write(p, outcome.run().curve().csv().getBytes(StandardCharsets.UTF_8)));
    outcome.seconds().put("report", lap(reportStart));
    outcome.seconds().put("total", lap(start));
    outcome.writeSummary(out);
    outcome.print(spec.commandLine().getOut(), out);
    return outcome.exitCode();
  }

  static double lap(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
