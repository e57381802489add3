package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.TextSplit;
import org.spikezip.error.InvalidInputException;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.VitWeights;
import org.spikezip.train.CheckpointFiles;
import org.spikezip.train.EncoderCheckpointFiles;
import org.spikezip.train.EncoderQatResult;
import org.spikezip.train.EncoderQatTrainer;
import org.spikezip.train.QatOptions;
import org.spikezip.train.QatResult;
import org.spikezip.train.QatTrainer;
import org.spikezip.train.TorchRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip qat}: quantization-aware fine-tuning (LSQ quantizers at the places of SPEC §3,
 * distillation from the float model) of a trained ANN; writes a QANN checkpoint the other commands read.
 */
@Command(
    name = "qat",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Fine-tunes a trained ANN with activation quantizers at --level levels (LSQ steps, distillation"
        + " from the float model, optional --weight-bits) and writes --out/qann.safetensors (original QANN naming,"
        + " steps, level in the metadata) and --out/config.json.")
final class QatCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ann", paramLabel = "FILE", required = true,
      description = "The trained ANN (ann.safetensors written by 'spikezip train'): a ViT, or a text encoder (then"
          + " --dataset must name sentences, split as for 'spikezip train').")
  Path ann;

  @Mixin TrainingData data;

  @Mixin TrainingRecipe recipe;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/qat",
      description = "Folder for qann.safetensors and config.json.")
  Path out;

  @Mixin TextOptions text;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (EncoderCheckpointFiles.isEncoder(ann)) {
      return encoderQat(err);
    }
    VitWeights teacher = CheckpointFiles.loadAnn(ann);
    ImageDataset[] split = data.load();
    QatOptions options = OptionChecks.checked(spec, () -> recipe.qat(TrainingRecipe.Kind.IMAGES));
    TrainCommand.createFolder(out);
    QatResult r = QatTrainer.run(teacher, split[0], split[1], options, new TrainingProgress(err));
    CheckpointFiles.saveConfig(out.resolve("config.json"), teacher.config());
    CheckpointFiles.saveQann(out.resolve("qann.safetensors"), r);
    spec.commandLine().getOut().printf(Locale.ROOT, "QANN (L=%d) top-1 %.2f %% on %d test images; wrote %s%n",
        r.level(), 100 * r.testTop1(), split[1].size(), out.resolve("qann.safetensors"));
    return 0;
  }

  private int encoderQat(PrintWriter err) throws Exception {
    if (!data.isText()) {
      throw new InvalidInputException(ann + " is a text encoder; give a sentence dataset (--dataset sentiment, imdb"
          + " or tsv)");
    }
    EncoderWeights teacher = EncoderCheckpointFiles.loadAnn(ann);
    TorchRuntime.defaultThreads(Runtime.getRuntime().availableProcessors());
    QatOptions options = OptionChecks.checked(spec, () -> recipe.qat(TrainingRecipe.Kind.TEXT));
    TextSplit split = data.loadText(recipe.seed);
    TokenizedSplit sets = text.encode(split);
    EncoderExamples train = sets.train();
    EncoderExamples test = sets.test();
    TrainCommand.createFolder(out);
    EncoderQatResult r = EncoderQatTrainer.run(teacher, train, test, options, new TrainingProgress(err));
    EncoderCheckpointFiles.saveQann(out.resolve("qann.safetensors"), r);
    spec.commandLine().getOut().printf(Locale.ROOT, "QANN (L=%d) accuracy %.2f %% on %d test sentences; wrote %s%n",
        r.level(), 100 * r.testTop1(), test.size(), out.resolve("qann.safetensors"));
    return 0;
  }
}
