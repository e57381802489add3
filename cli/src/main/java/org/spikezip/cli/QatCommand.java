package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.data.ImageDataset;
import org.spikezip.model.VitWeights;
import org.spikezip.train.CheckpointFiles;
import org.spikezip.train.QatResult;
import org.spikezip.train.QatTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
      description = "The trained ANN (ann.safetensors written by 'spikezip train').")
  Path ann;

  @Mixin TrainingData data;

  @Mixin TrainingRecipe recipe;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/qat",
      description = "Folder for qann.safetensors and config.json.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    VitWeights teacher = CheckpointFiles.loadAnn(ann);
    ImageDataset[] split = data.load();
    try {
      recipe.qat(TrainingRecipe.Kind.IMAGES);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    TrainCommand.createFolder(out);
    QatResult r = QatTrainer.run(teacher, split[0], split[1], recipe.qat(TrainingRecipe.Kind.IMAGES), new TrainingProgress(err));
    CheckpointFiles.saveConfig(out.resolve("config.json"), teacher.config());
    CheckpointFiles.saveQann(out.resolve("qann.safetensors"), r);
    spec.commandLine().getOut().printf(Locale.ROOT, "QANN (L=%d) top-1 %.2f %% on %d test images; wrote %s%n",
        r.level(), 100 * r.testTop1(), split[1].size(), out.resolve("qann.safetensors"));
    return 0;
  }
}
