package org.spikezip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.data.TextSplit;
import org.spikezip.energy.DenseOpCount;
import org.spikezip.energy.EnergyAccounting;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.error.SpikezipException;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderWeights;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.report.ReportSettings;
import org.spikezip.report.ReportWriter;
import org.spikezip.train.EncoderCheckpointFiles;
import org.spikezip.train.EncoderQatResult;
import org.spikezip.train.EncoderQatTrainer;
import org.spikezip.train.EncoderTrainResult;
import org.spikezip.train.EncoderTrainer;
import org.spikezip.train.TorchRuntime;

/**
 * {@code spikezip demo --task sentiment}: the text half of the paper on real data. The pretrained
 * all-MiniLM-L6-v2 gets ReLU in place of GELU and a fresh classifier, is fine-tuned on the training
 * sentences, fine-tuned again with quantizers (QAT with distillation from the float model), read
 * back from its checkpoint, converted, and every held-out sentence is simulated until quiet. The
 * table and {@code summary.json} are the vision demo's.
 */
final class SentimentDemo {
  private final DemoCommand demo;

  SentimentDemo(DemoCommand demo) {
    this.demo = demo;
  }

  int run() throws SpikezipException, IOException {
    PrintWriter err = demo.spec.commandLine().getErr();
    TorchRuntime.defaultThreads(demo.threads);
    Path out = demo.out;
    Map<String, Double> seconds = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    TextSplit split = demo.data.loadText(demo.recipe.seed);
    TokenizedSplit sets = demo.text.encode(split);
    EncoderExamples train = sets.train();
    EncoderExamples test = sets.test();
    EncoderWeights initial = PretrainedEncoder.forFineTuning(PretrainedEncoder.loadMiniLm(2),
        train.classNames().size(), demo.recipe.seed);
    seconds.put("data", DemoCommand.lap(t0));
    err.printf(Locale.ROOT, "spikezip demo --task sentiment: %d training and %d test sentences of %s (longest %d"
        + " tokens), all-MiniLM-L6-v2 with ReLU%n", train.size(), test.size(), split.train().name(),
        Math.max(train.maxLength(), test.maxLength()));

    TrainCommand.createFolder(out);
    long t1 = System.nanoTime();
    err.println("[1/4] fine-tuning the float ReLU encoder");
    EncoderTrainResult ann = EncoderTrainer.fineTune(initial, train, test,
        OptionChecks.checked(demo.spec, () -> demo.recipe.ann(TrainingRecipe.Kind.TEXT)), new TrainingProgress(err));
    EncoderCheckpointFiles.saveAnn(out.resolve("ann.safetensors"), ann.weights());
    seconds.put("ann_training", DemoCommand.lap(t1));

    long t2 = System.nanoTime();
    err.println("[2/4] quantization-aware fine-tuning (QAT) at " + demo.recipe.level + " levels");
    EncoderQatResult qat = EncoderQatTrainer.run(ann.weights(), train, test,
        OptionChecks.checked(demo.spec, () -> demo.recipe.qat(TrainingRecipe.Kind.TEXT)), new TrainingProgress(err));
    Path qannFile = out.resolve("qann.safetensors");
    EncoderCheckpointFiles.saveQann(qannFile, qat);
    seconds.put("qat", DemoCommand.lap(t2));

    long t3 = System.nanoTime();
    err.println("[3/4] converting the QANN read back from " + qannFile);
    QuantizedEncoder qann = LoadedEncoder.read(qannFile).qann();
    SpikingEncoder snn = SpikingEncoder.convert(qann);
    seconds.put("conversion", DemoCommand.lap(t3));

    long t4 = System.nanoTime();
    err.println("[4/4] simulating the test sentences until each is quiet");
    DatasetRun run = DatasetRun.of(qann, snn, test, demo.maxSteps, demo.threads, err);
    seconds.put("simulation", DemoCommand.lap(t4));

    long t5 = System.nanoTime();
    List<DenseOpCount> dense = new ArrayList<>();
    for (EncoderInput in : test.inputs()) {
      dense.add(DenseOpCount.of(qann.config(), qann.head(), in.length()));
    }
    EnergyReport energy = EnergyAccounting.account(run.snn(), dense, EnergyModel.DEFAULT, run.qannPredictions(),
        Optional.of(run.labels()));
    List<String> warnings = demo.lossWarnings(run, err);
    ReportWriter.write(out.resolve("report"), energy, ReportSettings.forEncoder(Version.number(), qannFile.toString(),
        qann.config(), qann.level(), qann.precision().toString(), split.test().name(), "analog", demo.maxSteps,
        demo.threads, "labels", warnings));
    return demo.finish(new DemoOutcome(ann.testTop1(), qat.testTop1(), qann.level(), run, energy, seconds,
        "sentences"), t5, t0);
  }
}
