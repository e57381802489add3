package org.spikezip.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;

/**
 * The loop every trainer shares: {@code epochs} passes of optimizer steps, each step reported to
 * the listener with its loss and first learning rate, then an evaluation and an
 * {@link EpochSummary} per epoch. What a step does is the trainer's business.
 */
final class EpochLoop {
  /** One optimizer step on the examples {@code batch}; returns its loss. */
  @FunctionalInterface
  interface Step {
    double run(int[] batch, double[] learningRates, long step);
  }

  private EpochLoop() {}

  /**
   * Runs the loop.
   *
   * @param batchesOf the batches (example indices) of a 1-based epoch
   * @param schedules one learning-rate schedule per parameter group, indexed by global step
   * @param evaluate accuracy (a fraction) after an epoch, NaN when there is no test set
   */
  static List<EpochSummary> run(TrainingStage stage, int epochs, IntFunction<List<int[]>> batchesOf,
      List<CosineSchedule> schedules, Step step, DoubleSupplier evaluate, TrainingListener listener) {
    List<EpochSummary> summaries = new ArrayList<>();
    long global = 0;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long start = System.nanoTime();
      long cpuStart = CpuClock.threadNanos();
      double lossSum = 0;
      List<int[]> batches = batchesOf.apply(epoch);
      for (int b = 0; b < batches.size(); b++) {
        double[] lrs = new double[schedules.size()];
        for (int g = 0; g < lrs.length; g++) {
          lrs[g] = schedules.get(g).at(global);
        }
        double loss = step.run(batches.get(b), lrs, global);
        global++;
        lossSum += loss;
        listener.onBatch(new BatchProgress(stage, epoch, epochs, b + 1, batches.size(), loss, lrs[0]));
      }
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      double trainCpuSeconds = (CpuClock.threadNanos() - cpuStart) / 1e9;
      long evalStart = System.nanoTime();
      double top1 = evaluate.getAsDouble();
      EpochSummary summary = new EpochSummary(stage, epoch, epochs, lossSum / batches.size(), top1, trainSeconds,
          trainCpuSeconds, (System.nanoTime() - evalStart) / 1e9);
      summaries.add(summary);
      listener.onEpoch(summary);
    }
    return summaries;
  }

  /** The last epoch's test accuracy, NaN without epochs or test set. */
  static double lastTop1(List<EpochSummary> epochs) {
    return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testTop1();
  }
}
