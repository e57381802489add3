package org.spikezip.train;

/**
 * One finished epoch.
 *
 * @param epoch 1-based epoch
 * @param meanLoss mean training loss over the epoch's batches
 * @param testTop1 top-1 accuracy (a fraction) on the test set, NaN when there is none
 * @param trainSeconds wall time of the epoch's training steps
 * @param trainCpuSeconds CPU time of the training thread during those steps (with one libtorch
 *     thread, the compute itself; on a shared machine less noisy than the wall time)
 * @param evalSeconds wall time of the evaluation after it
 */
public record EpochSummary(
    TrainingStage stage, int epoch, int epochs, double meanLoss, double testTop1, double trainSeconds,
    double trainCpuSeconds, double evalSeconds) {}
