package org.spikezip.cli;

import org.spikezip.train.Augmentation;
import org.spikezip.train.QatOptions;
import org.spikezip.train.TrainOptions;
import picocli.CommandLine.Option;

/**
 * The optimisation settings of ANN training and QAT (AdamW, cosine schedule, distillation for QAT).
 * Options left out take the defaults of the task: a ViT trained from scratch on images, or a
 * pretrained text encoder fine-tuned on sentences.
 */
final class TrainingRecipe {
  /** Whether the recipe trains a ViT on images or fine-tunes a pretrained text encoder. */
  enum Kind {
    IMAGES,
    TEXT
  }

  @Option(names = "--epochs", paramLabel = "E",
      description = "ANN training (images) or fine-tuning (text) epochs (default: 6 for images, 4 for text).")
  Integer epochs;

  @Option(names = "--qat-epochs", paramLabel = "E",
      description = "Quantization-aware epochs (default: 1 for images, 3 for text).")
  Integer qatEpochs;

  @Option(names = "--level", paramLabel = "L", defaultValue = "16", description = "Quantization levels of the QANN.")
  int level;

  @Option(names = "--weight-bits", paramLabel = "B", defaultValue = "0",
      description = "Quantize weights to B-bit integers times a per-tensor scale (the integer mode, images only);"
          + " 0 keeps floats.")
  int weightBits;

  @Option(names = "--batch", paramLabel = "N",
      description = "Examples per optimizer step (default: 128 images, 32 sentences).")
  Integer batch;

  @Option(names = "--lr", paramLabel = "LR",
      description = "Peak learning rate of ANN training (default: 2e-3 for images, 5e-5 for text).")
  Double lr;

  @Option(names = "--qat-lr", paramLabel = "LR",
      description = "Learning rate of the weights in QAT (default: 2e-4 for images, 2.5e-5 for text).")
  Double qatLr;

  @Option(names = "--step-lr", paramLabel = "LR", defaultValue = "1e-3",
      description = "Learning rate of the quantizer steps in QAT (Adam normalises their small gradients away).")
  double stepLr;

  @Option(names = "--augment", description = "Random crop and flip during training (images; off: in short runs it"
      + " costs accuracy).")
  boolean augment;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Initialisation, shuffling and hold-out split seed.")
  long seed;

  TrainOptions ann(Kind kind) {
    boolean text = kind == Kind.TEXT;
    TrainOptions.Builder b = TrainOptions.builder()
        .optEpochs(or(epochs, text ? 4 : 6))
        .optBatchSize(or(batch, text ? 32 : 128))
        .optLearningRate(or(lr, text ? 5e-5 : 2e-3))
        .optSeed(seed)
        .optAugmentation(augment ? Augmentation.CROP_FLIP : Augmentation.NONE);
    if (text) {
      // BERT fine-tuning: short warm-up, light decay, no smoothing (two classes). Evaluation batches
      // as small as training ones: a batch of long sequences holds every intermediate until it ends.
      b.optWarmupEpochs(0.3).optWeightDecay(0.01).optLabelSmoothing(0).optEvalBatchSize(or(batch, 32));
    }
    return b.build();
  }

  QatOptions qat(Kind kind) {
    boolean text = kind == Kind.TEXT;
    QatOptions.Builder b = QatOptions.builder()
        .optLevel(level)
        .optWeightBits(weightBits)
        .optEpochs(or(qatEpochs, text ? 3 : 1))
        .optBatchSize(or(batch, text ? 32 : 128))
        .optLearningRate(or(qatLr, text ? 2.5e-5 : 2e-4))
        .optStepLearningRate(stepLr)
        .optSeed(seed)
        .optAugmentation(augment ? Augmentation.CROP_FLIP : Augmentation.NONE);
    if (text) {
      b.optWeightDecay(0.01).optLabelSmoothing(0).optEvalBatchSize(or(batch, 32));
    }
    return b.build();
  }

  private static <T> T or(T given, T fallback) {
    return given != null ? given : fallback;
  }
}
