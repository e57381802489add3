package org.spikezip.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spikezip.data.FashionMnist;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.Split;
import org.spikezip.error.SpikezipException;
import org.spikezip.model.Activation;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;

/**
 * Manual runs on Fashion-MNIST until the command line has its {@code train} and {@code qat}
 * commands: trains the reference ViT (patch 7, dim 64, depth 4, 4 heads, MLP ratio 2), fine-tunes it
 * at L levels, and writes {@code config.json}, {@code ann.safetensors} and {@code qann.safetensors}.
 *
 * <pre>
 * java -cp ... org.spikezip.train.TrainMain [key=value ...]
 *   epochs=6 qat_epochs=1 level=16 weight_bits=0 batch=128 lr=2e-3 qat_lr=2e-4 step_lr=1e-3
 *   dim=64 depth=4 heads=4 mlp_ratio=2 patch=7 train_limit=60000 test_limit=10000
 *   augment=false seed=0 data=/usr/share/datasets/fashion-mnist out=runs/train
 *   ann=PATH (skip ANN training: fine-tune this timm checkpoint)
 * </pre>
 */
public final class TrainMain {
  private TrainMain() {}

  public static void main(String[] args) throws IOException, SpikezipException {
    Map<String, String> a = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are key=value, got '" + arg + "'");
      }
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path data = Path.of(a.getOrDefault("data", FashionMnist.DEBIAN_DIR.toString()));
    ImageDataset train = FashionMnist.load(data, Split.TRAIN).first(num(a, "train_limit", 60000));
    ImageDataset test = FashionMnist.load(data, Split.TEST).first(num(a, "test_limit", 10000));
    VitConfig config = new VitConfig(28, num(a, "patch", 7), 1, num(a, "dim", 64), num(a, "depth", 4),
        num(a, "heads", 4), dbl(a, "mlp_ratio", 2), 10, true, 1e-6, Activation.RELU, false);
    Path dir = Path.of(a.getOrDefault("out", "runs/train"));
    Files.createDirectories(dir);
    CheckpointFiles.saveConfig(dir.resolve("config.json"), config);
    out.printf(Locale.ROOT, "config %s, %d parameters, %d threads%n", config.toJson(), config.parameterCount(),
        TorchRuntime.threads());
    TrainingListener progress = new TrainingListener() {
      @Override
      public void onBatch(BatchProgress p) {
        if (p.batch() % 100 == 0) {
          out.printf(Locale.ROOT, "  %s epoch %d batch %d/%d loss %.4f lr %.2e%n", p.stage(), p.epoch(), p.batch(),
              p.batches(), p.loss(), p.learningRate());
        }
      }

      @Override
      public void onEpoch(EpochSummary s) {
        out.printf(Locale.ROOT, "%s epoch %d/%d: loss %.4f, test top-1 %.4f, train %.1f s (cpu %.1f s), eval %.1f s%n",
            s.stage(), s.epoch(), s.epochs(), s.meanLoss(), s.testTop1(), s.trainSeconds(), s.trainCpuSeconds(),
            s.evalSeconds());
      }
    };
    TrainOptions annOptions = TrainOptions.builder()
        .optEpochs(num(a, "epochs", 6))
        .optBatchSize(num(a, "batch", 128))
        .optLearningRate(dbl(a, "lr", 2e-3))
        .optAugmentation(Boolean.parseBoolean(a.getOrDefault("augment", "false"))
            ? Augmentation.CROP_FLIP : Augmentation.NONE)
        .optSeed(num(a, "seed", 0))
        .build();
    VitWeights annWeights;
    if (a.containsKey("ann")) {
      annWeights = CheckpointFiles.loadAnn(Path.of(a.get("ann")));
    } else {
      annWeights = Trainer.trainAnn(config, train, test, annOptions, progress).weights();
      CheckpointFiles.saveAnn(dir.resolve("ann.safetensors"), annWeights);
    }
    int qatEpochs = num(a, "qat_epochs", 1);
    if (qatEpochs > 0) {
      QatOptions qatOptions = QatOptions.builder()
          .optLevel(num(a, "level", 16))
          .optWeightBits(num(a, "weight_bits", 0))
          .optEpochs(qatEpochs)
          .optBatchSize(num(a, "batch", 128))
          .optLearningRate(dbl(a, "qat_lr", 2e-4))
          .optStepLearningRate(dbl(a, "step_lr", 1e-3))
          .optSeed(num(a, "seed", 0))
          .build();
      QatResult qat = QatTrainer.run(annWeights, train, test, qatOptions, progress);
      CheckpointFiles.saveQann(dir.resolve("qann.safetensors"), qat);
    }
  }

  private static int num(Map<String, String> a, String key, int fallback) {
    return a.containsKey(key) ? Integer.parseInt(a.get(key)) : fallback;
  }

  private static double dbl(Map<String, String> a, String key, double fallback) {
    return a.containsKey(key) ? Double.parseDouble(a.get(key)) : fallback;
  }
}
