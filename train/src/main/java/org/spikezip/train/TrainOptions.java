package org.spikezip.train;

import org.spikezip.data.Normalization;

/**
 * Settings of {@link Trainer#trainAnn}: AdamW ({@code beta 0.9/0.999, eps 1e-8}) with decoupled weight
 * decay on matrices (not on biases, LayerNorms, cls token or position embedding), a cosine schedule
 * with linear warm-up, cross-entropy with label smoothing.
 *
 * @param epochs passes over the training set
 * @param batchSize images per optimizer step
 * @param learningRate peak learning rate
 * @param minLearningRate learning rate at the end of the cosine
 * @param weightDecay AdamW's decoupled weight decay
 * @param warmupEpochs epochs (fractional allowed) of linear warm-up
 * @param labelSmoothing the smoothing {@code e} of the target distribution, in [0, 1)
 * @param augmentation training-time augmentation
 * @param normalization pixel normalisation (the original uses 0.5/0.5)
 * @param seed initialisation, shuffling and augmentation seed
 * @param evalBatchSize images per evaluation batch
 */
public record TrainOptions(
    int epochs,
    int batchSize,
    double learningRate,
    double minLearningRate,
    double weightDecay,
    double warmupEpochs,
    double labelSmoothing,
    Augmentation augmentation,
    Normalization normalization,
    long seed,
    int evalBatchSize) {

  public TrainOptions {
    positive("epochs", epochs);
    positive("batchSize", batchSize);
    positive("evalBatchSize", evalBatchSize);
    if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate) {
      throw new IllegalArgumentException("need 0 <= minLearningRate <= learningRate and learningRate > 0, got "
          + minLearningRate + " and " + learningRate);
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weightDecay must be non-negative, got " + weightDecay);
    }
    if (!(warmupEpochs >= 0) || warmupEpochs > epochs) {
      throw new IllegalArgumentException("warmupEpochs must be in [0, epochs], got " + warmupEpochs);
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing);
    }
    if (augmentation == null || normalization == null) {
      throw new IllegalArgumentException("augmentation and normalization must be given");
    }
  }

  static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /** The defaults: 6 epochs of batch 128, lr 2e-3 to 1e-5, weight decay 0.05, 1 warm-up epoch, smoothing 0.1, no augmentation, 0.5/0.5. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link TrainOptions}, starting from the defaults. */
  public static final class Builder {
    private int epochs = 6;
    private int batchSize = 128;
    private double learningRate = 2e-3;
    private double minLearningRate = 1e-5;
    private double weightDecay = 0.05;
    private double warmupEpochs = 1;
    private double labelSmoothing = 0.1;
    private Augmentation augmentation = Augmentation.NONE;
    private Normalization normalization = Normalization.HALF;
    private long seed = 0;
    private int evalBatchSize = 256;

    private Builder() {}

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

    public Builder optMinLearningRate(double v) {
      minLearningRate = v;
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

    public TrainOptions build() {
      return new TrainOptions(epochs, batchSize, learningRate, minLearningRate, weightDecay, warmupEpochs,
          labelSmoothing, augmentation, normalization, seed, evalBatchSize);
    }
  }
}
