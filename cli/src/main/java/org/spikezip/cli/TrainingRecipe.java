package org.spikezip.cli;

import org.spikezip.train.Augmentation;
import org.spikezip.train.QatOptions;
import org.spikezip.train.TrainOptions;
import picocli.CommandLine.Option;

/** The optimisation settings of ANN training and QAT (AdamW, cosine schedule, distillation for QAT). */
final class TrainingRecipe {
  @Option(names = "--epochs", paramLabel = "E", defaultValue = "6", description = "ANN training epochs.")
  int epochs;

  @Option(names = "--qat-epochs", paramLabel = "E", defaultValue = "1", description = "Quantization-aware epochs.")
  int qatEpochs;

  @Option(names = "--level", paramLabel = "L", defaultValue = "16", description = "Quantization levels of the QANN.")
  int level;

  @Option(names = "--weight-bits", paramLabel = "B", defaultValue = "0",
      description = "Quantize weights to B-bit integers times a per-tensor scale (the integer mode); 0 keeps floats.")
  int weightBits;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Images per optimizer step.")
  int batch;

  @Option(names = "--lr", paramLabel = "LR", defaultValue = "2e-3", description = "Peak learning rate of ANN training.")
  double lr;

  @Option(names = "--qat-lr", paramLabel = "LR", defaultValue = "2e-4", description = "Learning rate of the weights in QAT.")
  double qatLr;

  @Option(names = "--step-lr", paramLabel = "LR", defaultValue = "1e-3",
      description = "Learning rate of the quantizer steps in QAT (Adam normalises their small gradients away).")
  double stepLr;

  @Option(names = "--augment", description = "Random crop and flip during training (off: in short runs it costs accuracy).")
  boolean augment;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Initialisation and shuffling seed.")
  long seed;

  TrainOptions ann() {
    return TrainOptions.builder().optEpochs(epochs).optBatchSize(batch).optLearningRate(lr).optSeed(seed)
        .optAugmentation(augment ? Augmentation.CROP_FLIP : Augmentation.NONE).build();
  }

  QatOptions qat() {
    return QatOptions.builder().optLevel(level).optWeightBits(weightBits).optEpochs(qatEpochs).optBatchSize(batch)
        .optLearningRate(qatLr).optStepLearningRate(stepLr).optSeed(seed)
        .optAugmentation(augment ? Augmentation.CROP_FLIP : Augmentation.NONE).build();
  }
}
