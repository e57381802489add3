/**
 * Training on DJL's PyTorch engine: a ReLU ViT from scratch ({@link org.spikezip.train.Trainer}) and
 * quantization-aware fine-tuning with LSQ quantizers and distillation ({@link
 * org.spikezip.train.QatTrainer}), writing checkpoints the core reads; the only package that imports
 * {@code ai.djl}.
 */
package org.spikezip.train;
