package org.spikezip.train;

import ai.djl.ndarray.NDArray;

/** The training losses, each a scalar mean over the batch. */
final class Losses {
  private Losses() {}

  /**
   * Cross-entropy with label smoothing {@code e}: the target is {@code (1 - e) onehot + e / classes}
   * and the loss {@code -sum(target * log_softmax(logits))}, averaged over the batch.
   *
   * @param logits {@code [B, classes]}
   * @param labels {@code [B]} int32 class indices
   */
  static NDArray crossEntropy(NDArray logits, NDArray labels, double smoothing) {
    int classes = (int) logits.getShape().get(1);
    NDArray target = labels.oneHot(classes, logits.getDataType())
        .muli(1 - smoothing).addi(smoothing / classes);
    return logits.logSoftmax(-1).mul(target).sum(new int[] {1}).mean().neg();
  }

  /**
   * Knowledge distillation: {@code T^2 * KL(softmax(teacher/T) || softmax(student/T))}, summed over
   * classes and averaged over the batch (Hinton et al.; the {@code T^2} keeps gradient sizes
   * independent of T).
   */
  static NDArray distillation(NDArray student, NDArray teacher, double temperature) {
    NDArray teacherLog = teacher.stopGradient().div(temperature).logSoftmax(-1);
    NDArray studentLog = student.div(temperature).logSoftmax(-1);
    return teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {1}).mean()
        .mul(temperature * temperature);
  }
}
