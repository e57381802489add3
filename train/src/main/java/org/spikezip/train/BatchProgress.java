package org.spikezip.train;

/**
 * Progress after one optimizer step.
 *
 * @param epoch 1-based epoch
 * @param batch 1-based batch within the epoch
 * @param loss the batch's training loss
 * @param learningRate the weights' learning rate used for the step
 */
public record BatchProgress(
    TrainingStage stage, int epoch, int epochs, int batch, int batches, double loss, double learningRate) {}
