package org.spikezip.cli;

import org.spikezip.data.ImageDataset;
import org.spikezip.model.Activation;
import org.spikezip.model.VitConfig;
import picocli.CommandLine.Option;

/** The size of a ViT to train; image size, channels and classes come from the data. */
final class ModelShape {
  @Option(names = "--patch", paramLabel = "P", defaultValue = "7", description = "Patch size (must divide the image size).")
  int patch;

  @Option(names = "--dim", paramLabel = "D", defaultValue = "64", description = "Token width.")
  int dim;

  @Option(names = "--depth", paramLabel = "N", defaultValue = "4", description = "Transformer blocks.")
  int depth;

  @Option(names = "--heads", paramLabel = "H", defaultValue = "4", description = "Attention heads (must divide --dim).")
  int heads;

  @Option(names = "--mlp-ratio", paramLabel = "R", defaultValue = "2", description = "MLP width over --dim.")
  double mlpRatio;

  /** A ReLU ViT for images like those of {@code data}. */
  VitConfig config(ImageDataset data) {
    return new VitConfig(data.height(), patch, data.channels(), dim, depth, heads, mlpRatio, data.numClasses(), true,
        1e-6, Activation.RELU, false);
  }
}
