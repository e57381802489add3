package org.spikezip.cli;

import java.nio.file.Path;
import org.spikezip.error.SpikezipException;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.WeightPrecision;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that name a QANN: its checkpoint, its config (a file, the one the checkpoint stores, or
 * one inferred from the tensor shapes with {@code --heads}), its level and the weight representation.
 */
final class QannOptions {
  static final String CONFIG_HELP = "ViT config JSON with the original release's keys (img_size, patch_size,"
      + " in_chans, embed_dim, depth, num_heads, mlp_ratio, num_classes, qkv_bias, ln_eps, act_layer, global_pool)."
      + " Default: the config the checkpoint stores (files from 'spikezip import' do), else the one the tensor"
      + " shapes show, with --heads.";
  static final String HEADS_HELP = "Attention heads, for a config inferred from the tensor shapes (which do not"
      + " show it: ViT-S/16 has 6, ViT-B/16 12, ViT-L/16 16).";
  static final String LEVEL_HELP = "Quantization level L (an even number: 8, 16, 32, ...). Needed when the"
      + " checkpoint's metadata does not store 'level' (the release's checkpoints do not; its ImageNet models are"
      + " L = 32); must match it when it does.";

  @Option(names = "--config", paramLabel = "C", description = CONFIG_HELP)
  Path config;

  @Option(names = "--heads", paramLabel = "H", description = HEADS_HELP)
  Integer heads;

  @Option(names = "--checkpoint", paramLabel = "Q",
      description = "QANN checkpoint: safetensors, a PyTorch checkpoint (.pth, .bin; zip or legacy torch.save,"
          + " also wrapped as {'model': ..., 'optimizer': ..., 'args': ...}) or ONNX, recognised by content. The"
          + " weights in the original release's naming (patch_embed.proj.0.weight, ...) or timm's, and every"
          + " quantizer's step <quantizer>.s (blocks.0.attn.quan_q.s, ...).")
  Path checkpoint;

  @Option(names = "--level", paramLabel = "L", description = LEVEL_HELP)
  Integer level;

  @Option(names = "--weights", paramLabel = "W", defaultValue = "grid",
      description = "Weights of the spike-driven layers: grid (float weights on a fine power-of-two grid,"
          + " exact) or int<bits> such as int8, int16 (integer weights times a per-tensor scale).")
  WeightPrecision weights;

  /** The checkpoint, which the command line must give. */
  Path checkpoint(CommandSpec spec) {
    if (checkpoint == null) {
      throw new ParameterException(spec.commandLine(), "missing --checkpoint Q");
    }
    return checkpoint;
  }

  QannCheckpoint load(CommandSpec spec) throws SpikezipException {
    if (heads != null) {
      OptionChecks.positive(spec, "--heads", heads);
    }
    return QannCheckpoint.load(config, heads, checkpoint(spec), level, weights);
  }
}
