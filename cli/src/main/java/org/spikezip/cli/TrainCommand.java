package org.spikezip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.data.ImageDataset;
import org.spikezip.error.InvalidInputException;
import org.spikezip.model.VitConfig;
import org.spikezip.train.CheckpointFiles;
import org.spikezip.train.TrainResult;
import org.spikezip.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code spikezip train}: trains a ReLU ViT from scratch (DJL) and writes it in timm naming. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Trains a ReLU ViT from scratch on a dataset (AdamW, cosine schedule with warm-up, label"
        + " smoothing) and writes --out/ann.safetensors (timm naming, config in the metadata) and"
        + " --out/config.json.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingData data;

  @Mixin ModelShape shape;

  @Mixin TrainingRecipe recipe;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/train",
      description = "Folder for ann.safetensors and config.json.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ImageDataset[] split = data.load();
    VitConfig config;
    try {
      config = shape.config(split[0]);
      recipe.ann(TrainingRecipe.Kind.IMAGES);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    createFolder(out);
    TrainResult r = Trainer.trainAnn(config, split[0], split[1], recipe.ann(TrainingRecipe.Kind.IMAGES), new TrainingProgress(err));
    CheckpointFiles.saveConfig(out.resolve("config.json"), config);
    CheckpointFiles.saveAnn(out.resolve("ann.safetensors"), r.weights());
    spec.commandLine().getOut().printf(Locale.ROOT, "ANN top-1 %.2f %% on %d test images; wrote %s%n",
        100 * r.testTop1(), split[1].size(), out.resolve("ann.safetensors"));
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
