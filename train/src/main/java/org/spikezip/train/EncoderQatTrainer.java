package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.spikezip.model.Activation;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderWeights;
import org.spikezip.quant.EncoderSite;

/**
 * Quantization-aware fine-tuning of a float ReLU encoder classifier into a QANN the core reads
 * (issue 6), as {@link QatTrainer} does for ViTs: LSQ quantizers at every {@link EncoderSite},
 * initialised from the first training batch; AdamW on the weights and the steps with cosine
 * schedules; loss {@code CE_smoothed(student) + w * T^2 * KL(teacher_T || student_T)} with the float
 * model it started from as teacher. Weights stay float ({@link QatOptions#weightBits()} must be 0);
 * augmentation and normalization options apply to images and are ignored.
 */
public final class EncoderQatTrainer {
  private EncoderQatTrainer() {}

  /**
   * Fine-tunes {@code teacher} with quantizers.
   *
   * @param test the evaluation set, or null for none
   */
  public static EncoderQatResult run(EncoderWeights teacher, EncoderExamples train, EncoderExamples test,
      QatOptions o, TrainingListener listener) {
    if (teacher.config().activation() != Activation.RELU) {
      throw new IllegalArgumentException("QAT needs a ReLU encoder (fine-tune with ReLU first), got "
          + teacher.config().activation());
    }
    if (o.weightBits() != 0) {
      throw new IllegalArgumentException("weight quantization is implemented for ViTs only; use weightBits 0");
    }
    EncoderTrainer.checkClasses(teacher, train);
    TextBatchSource source = new TextBatchSource(train, teacher.config().layout(), o.batchSize(), o.seed());
    TextBatchSource testSource = test == null ? null : new TextBatchSource(test, teacher.config().layout(), o.evalBatchSize(), 0);
    long total = (long) source.batches() * o.epochs();
    long warmup = Math.round(o.warmupEpochs() * source.batches());
    CosineSchedule weightLr = new CosineSchedule(o.learningRate(), 0, warmup, total);
    CosineSchedule stepLr = new CosineSchedule(o.stepLearningRate(), 0, warmup, total);
    try (NDManager root = TorchRuntime.newManager();
        EncoderParameters teacherParams = EncoderParameters.fromWeights(root, teacher, DataType.FLOAT32);
        EncoderParameters student = EncoderParameters.fromWeights(root, teacher, DataType.FLOAT32);
        LsqQuantization quant = LsqQuantization.calibrating(root, EncoderSite.names(teacher.config().layers()),
            o.level(), 0);
        AdamW optimizer = new AdamW(root, 0.9, 0.999, 1e-8)) {
      calibrate(root, student, quant, source, source.epoch(1).get(0));
      student.requireGradients();
      quant.requireGradients();
      for (Map.Entry<String, NDArray> e : student.all().entrySet()) {
        optimizer.add(e.getValue(), EncoderTrainer.decays(e.getKey(), e.getValue()) ? o.weightDecay() : 0, 0);
      }
      for (NDArray s : quant.stepArrays().values()) {
        optimizer.add(s, 0, 1);
      }
      SupervisedStep<EncoderParameters, TextBatch> step = new SupervisedStep<>(EncoderGraph::forward, student,
          teacherParams, quant, optimizer,
          new SupervisedStep.Loss(o.labelSmoothing(), o.distillationWeight(), o.temperature()));
      List<EpochSummary> epochs = EpochLoop.run(TrainingStage.QAT, o.epochs(), source::epoch,
          List.of(weightLr, stepLr),
          (batch, lrs, salt) -> step.run(root, m -> source.batch(m, batch, student.dataType()),
              m -> source.labels(m, batch), lrs),
          () -> testSource == null ? Double.NaN : EncoderEvaluator.top1(root, student, quant, testSource), listener);
      return new EncoderQatResult(student.toWeights(), quant.toSteps(), o.level(), epochs, EpochLoop.lastTop1(epochs));
    }
  }

  /** One forward pass without gradients that initialises every step from {@code idx}'s activations. */
  private static void calibrate(NDManager root, EncoderParameters student, LsqQuantization quant,
      TextBatchSource source, int[] idx) {
    try (NDManager m = StepScope.open(root, student, quant, List.of())) {
      TextBatch x = source.batch(m, idx, student.dataType());
      Autograd.inference(() -> EncoderGraph.forward(student, x, quant));
    }
    if (!quant.calibrated()) {
      throw new IllegalStateException("bug: a forward pass left quantizers without a step");
    }
  }
}
