package org.spikezip.cli;

import java.nio.file.Path;
import org.spikezip.error.SpikezipException;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.WeightPrecision;
import picocli.CommandLine.Option;

/** The options that name a QANN: its config, its checkpoint, its level and the weight representation. */
final class QannOptions {
  @Option(names = "--config", paramLabel = "C", required = true,
      description = "ViT config JSON with the original release's keys (img_size, patch_size, in_chans,"
          + " embed_dim, depth, num_heads, mlp_ratio, num_classes, qkv_bias, ln_eps, act_layer, global_pool).")
  Path config;

  @Option(names = "--checkpoint", paramLabel = "Q", required = true,
      description = "QANN checkpoint (safetensors): the weights in the original release's naming"
          + " (patch_embed.proj.0.weight, ...) or timm's, and every quantizer's step <quantizer>.s"
          + " (blocks.0.attn.quan_q.s, ...).")
  Path checkpoint;

  @Option(names = "--level", paramLabel = "L",
      description = "Quantization level L (an even number: 8, 16, 32, ...). Needed when the checkpoint's"
          + " metadata does not store 'level'; must match it when it does.")
  Integer level;

  @Option(names = "--weights", paramLabel = "W", defaultValue = "grid",
      description = "Weights of the spike-driven layers: grid (float weights on a fine power-of-two grid,"
          + " exact) or int<bits> such as int8, int16 (integer weights times a per-tensor scale).")
  WeightPrecision weights;

  QannCheckpoint load() throws SpikezipException {
    return QannCheckpoint.load(config, checkpoint, level, weights);
  }
}
