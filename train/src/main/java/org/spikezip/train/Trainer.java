package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.spikezip.data.ImageDataset;
import org.spikezip.model.Activation;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;

/**
 * Trains a ReLU ViT from scratch (or continues from given weights) with DJL:
 * {@code loss = CE_smoothed(vit(x), y)}, AdamW, cosine schedule with warm-up (see {@link TrainOptions}).
 *
 * <p>Each step runs in its own sub-manager ({@link StepScope}); the parameters live in one manager
 * for the whole run and come back as core {@link VitWeights}. Evaluation after each epoch when a
 * test set is given.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * Trains a fresh model of {@code config} (timm initialisation from the options' seed).
   *
   * @param test the evaluation set, or null for none
   */
  public static TrainResult trainAnn(VitConfig config, ImageDataset train, ImageDataset test, TrainOptions options,
      TrainingListener listener) {
    try (NDManager root = TorchRuntime.newManager()) {
      return train(root, VitParameters.randomWeights(config, options.seed()), train, test, options, listener);
    }
  }

  /** Continues training {@code initial} (fine-tuning) with the same recipe. */
  public static TrainResult fineTune(VitWeights initial, ImageDataset train, ImageDataset test, TrainOptions options,
      TrainingListener listener) {
    try (NDManager root = TorchRuntime.newManager()) {
      return train(root, initial, train, test, options, listener);
    }
  }

  private static TrainResult train(NDManager root, VitWeights initial, ImageDataset train, ImageDataset test,
      TrainOptions o, TrainingListener listener) {
    VitConfig config = initial.config();
    if (config.activation() != Activation.RELU) {
      throw new IllegalArgumentException("training here builds ReLU ViTs, the config asks for "
          + config.activation());
    }
    BatchSource source = new BatchSource(train, config, o.normalization(), o.batchSize(), o.augmentation(), o.seed());
    BatchSource testSource = test == null ? null
        : new BatchSource(test, config, o.normalization(), o.evalBatchSize(), Augmentation.NONE, 0);
    long total = (long) source.batches() * o.epochs();
    CosineSchedule schedule = new CosineSchedule(o.learningRate(), o.minLearningRate(),
        Math.round(o.warmupEpochs() * source.batches()), total);
    try (VitParameters params = VitParameters.fromWeights(root, initial, DataType.FLOAT32);
        AdamW optimizer = new AdamW(root, 0.9, 0.999, 1e-8)) {
      params.requireGradients();
      for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
        optimizer.add(e.getValue(), decays(e.getKey(), e.getValue()) ? o.weightDecay() : 0, 0);
      }
      SupervisedStep<VitParameters, NDArray> step = new SupervisedStep<>(VitGraph::forward, params, null,
          Quantization.none(), optimizer, SupervisedStep.Loss.crossEntropy(o.labelSmoothing()));
      List<EpochSummary> epochs = EpochLoop.run(TrainingStage.ANN, o.epochs(), source::epoch, List.of(schedule),
          (batch, lrs, salt) -> step.run(root, m -> source.images(m, batch, params.dataType(), true, salt),
              m -> source.labels(m, batch), lrs),
          () -> testSource == null ? Double.NaN : Evaluator.top1(root, params, Quantization.none(), testSource),
          listener);
      return new TrainResult(params.toWeights(), epochs, EpochLoop.lastTop1(epochs));
    }
  }

  /** timm's rule: decay matrices and kernels, not biases, LayerNorms, cls token or position embedding. */
  static boolean decays(String name, NDArray p) {
    return p.getShape().dimension() >= 2 && !name.equals("cls_token") && !name.equals("pos_embed");
  }
}
