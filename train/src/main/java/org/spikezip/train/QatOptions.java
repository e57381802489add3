package org.spikezip.train;

import org.spikezip.data.Normalization;

/**
 * Settings of {@link QatTrainer#run}: LSQ quantizers at {@code level} levels initialised from the
 * first batch, AdamW with two groups (weights at {@code learningRate} with weight decay, steps at
 * {@code stepLearningRate} without), a cosine schedule for both, and the loss
 * {@code CE_smoothed(student) + distillationWeight * T^2 * KL(teacher_T || student_T)}.
 *
 * @param level quantization levels L (even, at least 2; SPEC §2)
 * @param weightBits 0 for float weights, else per-tensor symmetric weight quantization to this many
 *     bits (the core's integer mode), in [2, 24]
 * @param epochs passes over the training set
 * @param batchSize images per optimizer step
 * @param learningRate peak learning rate of the weights
 * @param stepLearningRate peak learning rate of the quantizer steps (SPEC §2: about 1e-3)
 * @param weightDecay AdamW weight decay of matrices
 * @param warmupEpochs epochs of linear warm-up
 * @param labelSmoothing smoothing of the cross-entropy target
 * @param temperature distillation temperature T
 * @param distillationWeight weight of the distillation term; 0 turns distillation off
 * @param augmentation training-time augmentation
 * @param normalization pixel normalisation
 * @param seed shuffling and augmentation seed
 * @param evalBatchSize images per evaluation batch
 */
public record QatOptions(
    int level,
    int weightBits,
    int epochs,
    int batchSize,
    double learningRate,
    double stepLearningRate,
    double weightDecay,
    double warmupEpochs,
    double labelSmoothing,
    double temperature,
    double distillationWeight,
    Augmentation augmentation,
    Normalization normalization,
    long seed,
    int evalBatchSize) {

  public QatOptions {
    if (level < 2 || level % 2 != 0) {
      throw new IllegalArgumentException("level must be even and at least 2, got " + level);
    }
    if (weightBits != 0 && (weightBits < 2 || weightBits > 24)) {
      throw new IllegalArgumentException("weightBits must be 0 (float) or in [2, 24], got " + weightBits);
    }
    TrainOptions.positive("epochs", epochs);
    TrainOptions.positive("batchSize", batchSize);
    TrainOptions.positive("evalBatchSize", evalBatchSize);
    if (!(learningRate > 0) || !(stepLearningRate > 0)) {
      throw new IllegalArgumentException("learning rates must be positive, got " + learningRate + " and "
          + stepLearningRate);
    }
    if (!(weightDecay >= 0) || !(warmupEpochs >= 0) || warmupEpochs > epochs) {
      throw new IllegalArgumentException("need weightDecay >= 0 and warmupEpochs in [0, epochs], got "
          + weightDecay + " and " + warmupEpochs);
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing);
    }
    if (!(temperature > 0) || !(distillationWeight >= 0)) {
      throw new IllegalArgumentException("need temperature > 0 and distillationWeight >= 0, got " + temperature
          + " and " + distillationWeight);
    }
    if (augmentation == null || normalization == null) {
      throw new IllegalArgumentException("augmentation and normalization must be given");
    }
  }

  /**
   * The defaults: L=16, float weights, 1 epoch of batch 128, weights' lr 2e-4, steps' lr 1e-3,
   * weight decay 0.05, warm-up 0.1 epoch, smoothing 0.1, T=2 with weight 1, no augmentation,
   * 0.5/0.5.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link QatOptions}, starting from the defaults. */
  public static final class Builder {
    private int level = 16;
    private int weightBits = 0;
    private int epochs = 1;
    private int batchSize = 128;
    private double learningRate = 2e-4;
    private double stepLearningRate = 1e-3;
    private double weightDecay = 0.05;
    private double warmupEpochs = 0.1;
    private double labelSmoothing = 0.1;
    private double temperature = 2;
    private double distillationWeight = 1;
    private Augmentation augmentation = Augmentation.NONE;
    private Normalization normalization = Normalization.HALF;
    private long seed = 0;
    private int evalBatchSize = 256;

    private Builder() {}

    public Builder optLevel(int v) {
      level = v;
      return this;
    }

    public Builder optWeightBits(int v) {
      weightBits = v;
      return this;
    }

    public Builder optEpochs(int v) {
      epochs = v;
      return this;
    }

    public Builder optBatchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder optLearningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder optStepLearningRate(double v) {
      stepLearningRate = v;
      return this;
    }

    public Builder optWeightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder optWarmupEpochs(double v) {
      warmupEpochs = v;
      return this;
    }

    public Builder optLabelSmoothing(double v) {
      labelSmoothing = v;
      return this;
    }

    public Builder optTemperature(double v) {
      temperature = v;
      return this;
    }

    public Builder optDistillationWeight(double v) {
      distillationWeight = v;
      return this;
    }

    public Builder optAugmentation(Augmentation v) {
      augmentation = v;
      return this;
    }

    public Builder optNormalization(Normalization v) {
      normalization = v;
      return this;
    }

    public Builder optSeed(long v) {
      seed = v;
      return this;
    }

    public Builder optEvalBatchSize(int v) {
      evalBatchSize = v;
      return this;
    }

    public QatOptions build() {
      return new QatOptions(level, weightBits, epochs, batchSize, learningRate, stepLearningRate, weightDecay,
          warmupEpochs, labelSmoothing, temperature, distillationWeight, augmentation, normalization, seed,
          evalBatchSize);
    }
  }
}
