package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderWeights;

/**
 * Fine-tunes a float encoder classifier (issue 6): {@code loss = CE_smoothed(encoder(x), y)}, AdamW
 * with decay on matrices, cosine schedule with warm-up ({@link TrainOptions}; its augmentation and
 * normalization apply to images and are ignored here). The activation is the weights' own: swap
 * GELU for ReLU in the config before calling to get a convertible model.
 */
public final class EncoderTrainer {
  private EncoderTrainer() {}

  /**
   * Fine-tunes {@code initial} on {@code train}.
   *
   * @param test the evaluation set, or null for none
   */
  public static EncoderTrainResult fineTune(EncoderWeights initial, EncoderExamples train, EncoderExamples test,
      TrainOptions o, TrainingListener listener) {
    checkClasses(initial, train);
    TextBatchSource source = new TextBatchSource(train, initial.config().layout(), o.batchSize(), o.seed());
    TextBatchSource testSource = test == null ? null : new TextBatchSource(test, initial.config().layout(), o.evalBatchSize(), 0);
    CosineSchedule schedule = new CosineSchedule(o.learningRate(), o.minLearningRate(),
        Math.round(o.warmupEpochs() * source.batches()), (long) source.batches() * o.epochs());
    try (NDManager root = TorchRuntime.newManager();
        EncoderParameters params = EncoderParameters.fromWeights(root, initial, DataType.FLOAT32);
        AdamW optimizer = new AdamW(root, 0.9, 0.999, 1e-8)) {
      params.requireGradients();
      for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
        optimizer.add(e.getValue(), decays(e.getKey(), e.getValue()) ? o.weightDecay() : 0, 0);
      }
      SupervisedStep<EncoderParameters, TextBatch> step = new SupervisedStep<>(EncoderGraph::forward, params, null,
          Quantization.none(), optimizer, SupervisedStep.Loss.crossEntropy(o.labelSmoothing()));
      List<EpochSummary> epochs = EpochLoop.run(TrainingStage.ANN, o.epochs(), source::epoch, List.of(schedule),
          (batch, lrs, salt) -> step.run(root, m -> source.batch(m, batch, params.dataType()),
              m -> source.labels(m, batch), lrs),
          () -> testSource == null ? Double.NaN : EncoderEvaluator.top1(root, params, Quantization.none(), testSource),
          listener);
      return new EncoderTrainResult(params.toWeights(), epochs, EpochLoop.lastTop1(epochs));
    }
  }

  /** BERT's rule: decay matrices, not biases, LayerNorms or embeddings tables. */
  static boolean decays(String name, NDArray p) {
    return p.getShape().dimension() >= 2 && !name.startsWith("embeddings.");
  }

  static void checkClasses(EncoderWeights w, EncoderExamples data) {
    if (w.config().numClasses() != data.classNames().size()) {
      throw new IllegalArgumentException("the model has " + w.config().numClasses() + " classes, the data "
          + data.classNames().size() + " " + data.classNames());
    }
  }
}
