package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spikezip.data.ImageDataset;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.VitBlockWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.QuantizerSteps;

/**
 * Quantization-aware fine-tuning (QAT) of a float ReLU ViT into a QANN the core reads:
 *
 * <ol>
 *   <li>LSQ quantizers ({@link LsqQuantization}) at every place of SPEC §3; one forward pass over
 *       the first training batch sets every step to {@code 2 mean|x| / sqrt(|qmax|)}, quantizer after
 *       quantizer;
 *   <li>AdamW on the weights ({@code learningRate}, weight decay on matrices) and on the steps
 *       ({@code stepLearningRate}, no decay), both on a cosine schedule; steps kept positive;
 *   <li>loss {@code CE_smoothed(student) + w * T^2 * KL(softmax(teacher/T) || softmax(student/T))},
 *       the teacher being the float model it started from;
 *   <li>optional per-tensor weight quantization ({@link WeightQuantizer}) of the spike-driven layers,
 *       whose snapped weights the result carries.
 * </ol>
 */
public final class QatTrainer {
  private QatTrainer() {}

  /**
   * Fine-tunes {@code teacher} with quantizers.
   *
   * @param test the evaluation set, or null for none
   */
  public static QatResult run(VitWeights teacher, ImageDataset train, ImageDataset test, QatOptions o,
      TrainingListener listener) {
    VitConfig config = teacher.config();
    BatchSource source = new BatchSource(train, config, o.normalization(), o.batchSize(), o.augmentation(), o.seed());
    BatchSource testSource = test == null ? null
        : new BatchSource(test, config, o.normalization(), o.evalBatchSize(), Augmentation.NONE, 0);
    long total = (long) source.batches() * o.epochs();
    long warmup = Math.round(o.warmupEpochs() * source.batches());
    CosineSchedule weightLr = new CosineSchedule(o.learningRate(), 0, warmup, total);
    CosineSchedule stepLr = new CosineSchedule(o.stepLearningRate(), 0, warmup, total);
    try (NDManager root = TorchRuntime.newManager();
        VitParameters teacherParams = VitParameters.fromWeights(root, teacher, DataType.FLOAT32);
        VitParameters student = VitParameters.fromWeights(root, teacher, DataType.FLOAT32);
        LsqQuantization quant = LsqQuantization.calibrating(root, QuantizerSteps.names(config), o.level(), o.weightBits());
        AdamW optimizer = new AdamW(root, 0.9, 0.999, 1e-8)) {
      calibrate(root, student, quant, source, source.epoch(1).get(0));
      student.requireGradients();
      quant.requireGradients();
      for (Map.Entry<String, NDArray> e : student.all().entrySet()) {
        optimizer.add(e.getValue(), Trainer.decays(e.getKey(), e.getValue()) ? o.weightDecay() : 0, 0);
      }
      for (NDArray s : quant.stepArrays().values()) {
        optimizer.add(s, 0, 1);
      }
      SupervisedStep<VitParameters, NDArray> step = new SupervisedStep<>(VitGraph::forward, student, teacherParams,
          quant, optimizer, new SupervisedStep.Loss(o.labelSmoothing(), o.distillationWeight(), o.temperature()));
      List<EpochSummary> epochs = EpochLoop.run(TrainingStage.QAT, o.epochs(), source::epoch,
          List.of(weightLr, stepLr),
          (batch, lrs, salt) -> step.run(root, m -> source.images(m, batch, student.dataType(), true, salt),
              m -> source.labels(m, batch), lrs),
          () -> testSource == null ? Double.NaN : Evaluator.top1(root, student, quant, testSource), listener);
      VitWeights weights = student.toWeights();
      if (o.weightBits() != 0) {
        weights = snapWeights(weights, o.weightBits());
      }
      return new QatResult(weights, quant.toSteps(), o.level(), o.weightBits(), epochs, EpochLoop.lastTop1(epochs));
    }
  }

  /** One forward pass without gradients that initialises every step from {@code idx}'s activations. */
  static void calibrate(NDManager root, VitParameters student, LsqQuantization quant, BatchSource source,
      int[] idx) {
    try (NDManager m = StepScope.open(root, student, quant, List.of())) {
      NDArray x = source.images(m, idx, student.dataType(), false, 0);
      Autograd.inference(() -> VitGraph.forward(student, x, quant));
    }
    if (!quant.calibrated()) {
      throw new IllegalStateException("bug: a forward pass left quantizers without a step");
    }
  }

  /**
   * The weights with every spike-driven layer snapped to {@code bits}-bit integers times a per-tensor
   * scale (q, k and v rows of qkv as three tensors, proj, fc1, fc2, head), as the core's integer mode.
   */
  static VitWeights snapWeights(VitWeights w, int bits) {
    int d = w.config().embedDim();
    List<VitBlockWeights> blocks = new ArrayList<>();
    for (VitBlockWeights b : w.blocks()) {
      double[] qkv = new double[b.qkv().weight().length];
      for (int part = 0; part < 3; part++) {
        double[] snapped = WeightQuantizer.snap(b.qkv().rows(part * d, d).weight(), bits);
        System.arraycopy(snapped, 0, qkv, part * snapped.length, snapped.length);
      }
      blocks.add(new VitBlockWeights(b.norm1(), new LinearWeights(3 * d, d, qkv, b.qkv().bias()),
          snap(b.proj(), bits), b.norm2(), snap(b.fc1(), bits), snap(b.fc2(), bits)));
    }
    return new VitWeights(w.config(), w.patchEmbed(), w.clsToken(), w.posEmbed(), blocks, w.norm(),
        snap(w.head(), bits));
  }

  private static LinearWeights snap(LinearWeights l, int bits) {
    return new LinearWeights(l.out(), l.in(), WeightQuantizer.snap(l.weight(), bits), l.bias());
  }
}
