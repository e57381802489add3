package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One optimizer step of every trainer, ViT or encoder, float or quantization-aware:
 * {@code loss = CE_smoothed(student(x), y) + w * T^2 * KL(teacher_T(x) || student_T(x))} (the second
 * term only with a teacher and {@code w > 0}), back-propagated into the student's parameters and,
 * under LSQ, the quantizer steps; then AdamW, steps kept positive, gradients cleared. Everything the
 * step derives lives in one sub-manager ({@link StepScope}).
 *
 * @param <P> the parameter type the graph reads
 * @param <I> the input batch type
 */
final class SupervisedStep<P extends ParameterSet, I> {
  /** A forward pass: logits {@code [B, classes]}. */
  @FunctionalInterface
  interface Graph<P, I> {
    NDArray logits(P params, I input, Quantization quant);
  }

  /**
   * The loss settings.
   *
   * @param smoothing label smoothing of the cross-entropy
   * @param distillationWeight w; 0 (or no teacher) turns distillation off
   * @param temperature T
   */
  record Loss(double smoothing, double distillationWeight, double temperature) {
    static Loss crossEntropy(double smoothing) {
      return new Loss(smoothing, 0, 1);
    }
  }

  private final Graph<P, I> graph;
  private final P student;
  private final P teacher;
  private final Quantization quant;
  private final AdamW optimizer;
  private final Loss loss;

  /** @param teacher the float teacher for distillation, or null */
  SupervisedStep(Graph<P, I> graph, P student, P teacher, Quantization quant, AdamW optimizer, Loss loss) {
    this.graph = graph;
    this.student = student;
    this.teacher = teacher;
    this.quant = quant;
    this.optimizer = optimizer;
    this.loss = loss;
  }

  /** Runs one step on the batch {@code input} makes with labels {@code labels}; returns the loss. */
  double run(NDManager root, Function<NDManager, I> input, Function<NDManager, NDArray> labels, double[] lrs) {
    List<NDArray> borrowed = new ArrayList<>(optimizer.state());
    boolean distils = teacher != null && loss.distillationWeight() > 0;
    if (distils) {
      borrowed.addAll(teacher.all().values());
    }
    try (NDManager m = StepScope.open(root, student, quant, borrowed)) {
      I x = input.apply(m);
      NDArray y = labels.apply(m);
      NDArray teacherLogits = distils
          ? Autograd.inference(() -> graph.logits(teacher, x, Quantization.none()))
          : null;
      double value = Autograd.recording(() -> {
        NDArray logits = graph.logits(student, x, quant);
        NDArray l = Losses.crossEntropy(logits, y, loss.smoothing());
        if (teacherLogits != null) {
          l = l.add(Losses.distillation(logits, teacherLogits, loss.temperature()).mul(loss.distillationWeight()));
        }
        Autograd.backward(l);
        return NdValues.scalar(l);
      });
      Autograd.inference(() -> {
        optimizer.step(lrs);
        if (quant instanceof LsqQuantization lsq) {
          lsq.keepStepsPositive();
        }
      });
      Autograd.zeroGradients(student.all().values());
      if (quant instanceof LsqQuantization lsq) {
        Autograd.zeroGradients(lsq.stepArrays().values());
      }
      return value;
    }
  }
}
