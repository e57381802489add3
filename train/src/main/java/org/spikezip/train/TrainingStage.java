package org.spikezip.train;

/** The training stages that report progress. */
public enum TrainingStage {
  /** Float ReLU ViT from scratch. */
  ANN,
  /** Quantization-aware fine-tuning with distillation. */
  QAT
}
