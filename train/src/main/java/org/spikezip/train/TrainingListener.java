package org.spikezip.train;

/** Receives progress from {@link Trainer} and {@link QatTrainer}, on the training thread. */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** After every optimizer step. */
  default void onBatch(BatchProgress progress) {}

  /** After every epoch (and its evaluation). */
  default void onEpoch(EpochSummary summary) {}
}
