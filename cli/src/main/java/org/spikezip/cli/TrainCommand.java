package org.spikezip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.TextSplit;
import org.spikezip.error.InvalidInputException;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.train.CheckpointFiles;
import org.spikezip.train.EncoderCheckpointFiles;
import org.spikezip.train.EncoderTrainResult;
import org.spikezip.train.EncoderTrainer;
import org.spikezip.train.TorchRuntime;
import org.spikezip.train.TrainOptions;
import org.spikezip.train.TrainResult;
import org.spikezip.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip train}: trains a ReLU ViT from scratch (DJL) and writes it in timm naming; on
 * sentences, fine-tunes a pretrained encoder with ReLU in place of GELU and writes it in Hugging
 * Face BERT naming.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Trains a ReLU ViT from scratch on an image dataset (AdamW, cosine schedule with warm-up, label"
        + " smoothing) and writes --out/ann.safetensors (timm naming, config in the metadata) and"
        + " --out/config.json. With a sentence dataset (--dataset sentiment, imdb or tsv) it fine-tunes a pretrained"
        + " encoder (--init; default all-MiniLM-L6-v2) with ReLU in place of GELU and a fresh classifier, and writes"
        + " --out/ann.safetensors (Hugging Face BERT naming, config in the metadata).")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingData data;

  @Mixin ModelShape shape;

  @Mixin TrainingRecipe recipe;

  @Mixin TextOptions text;

  @Option(names = "--init", paramLabel = "FILE",
      description = "Sentences: the pretrained encoder to fine-tune: an ONNX export of a BERT (with --init-heads), a"
          + " checkpoint written by 'spikezip train', or a Hugging Face BERT/RoBERTa checkpoint with"
          + " --encoder-config (default: the bundled all-MiniLM-L6-v2).")
  Path init;

  @Option(names = "--encoder-config", paramLabel = "FILE",
      description = "Sentences: the Hugging Face config.json of --init.")
  Path encoderConfig;

  @Option(names = "--init-heads", paramLabel = "H", defaultValue = "12",
      description = "Sentences: attention heads of an ONNX --init (not visible in its weights).")
  int initHeads;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/train",
      description = "Folder for ann.safetensors and config.json.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (data.isText()) {
      return fineTuneEncoder(err);
    }
    ImageDataset[] split = data.load();
    VitConfig config = OptionChecks.checked(spec, () -> shape.config(split[0]));
    TrainOptions options = OptionChecks.checked(spec, () -> recipe.ann(TrainingRecipe.Kind.IMAGES));
    createFolder(out);
    TrainResult r = Trainer.trainAnn(config, split[0], split[1], options, new TrainingProgress(err));
    CheckpointFiles.saveConfig(out.resolve("config.json"), config);
    CheckpointFiles.saveAnn(out.resolve("ann.safetensors"), r.weights());
    spec.commandLine().getOut().printf(Locale.ROOT, "ANN top-1 %.2f %% on %d test images; wrote %s%n",
        100 * r.testTop1(), split[1].size(), out.resolve("ann.safetensors"));
    return 0;
  }

  private int fineTuneEncoder(PrintWriter err) throws Exception {
    OptionChecks.positive(spec, "--init-heads", initHeads);
    TorchRuntime.defaultThreads(Runtime.getRuntime().availableProcessors());
    TrainOptions options = OptionChecks.checked(spec, () -> recipe.ann(TrainingRecipe.Kind.TEXT));
    TextSplit split = data.loadText(recipe.seed);
    TokenizedSplit sets = text.encode(split);
    EncoderExamples train = sets.train();
    EncoderExamples test = sets.test();
    EncoderWeights initial = PretrainedEncoder.forFineTuning(PretrainedEncoder.load(init, encoderConfig, initHeads),
        train.classNames().size(), recipe.seed);
    createFolder(out);
    EncoderTrainResult r = EncoderTrainer.fineTune(initial, train, test, options, new TrainingProgress(err));
    EncoderCheckpointFiles.saveAnn(out.resolve("ann.safetensors"), r.weights());
    spec.commandLine().getOut().printf(Locale.ROOT, "ANN accuracy %.2f %% on %d test sentences; wrote %s%n",
        100 * r.testTop1(), test.size(), out.resolve("ann.safetensors"));
    return 0;
  }

  static void createFolder(Path dir) throws InvalidInputException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InvalidInputException(dir + ": cannot create the output folder (" + e + ")", e);
    }
  }
}
