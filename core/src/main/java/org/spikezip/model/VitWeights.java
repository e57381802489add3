package org.spikezip.model;

import java.util.List;

/**
 * The float weights of a ViT.
 *
 * @param patchEmbed the patch projection as a dense layer {@code [embedDim, inChans*patch*patch]}
 *     (the conv kernel flattened in (channel, row, column) order)
 * @param clsToken {@code [embedDim]}
 * @param posEmbed {@code [tokens, embedDim]}, row 0 for the cls token
 */
public record VitWeights(
    VitConfig config,
    LinearWeights patchEmbed,
    double[] clsToken,
    double[] posEmbed,
    List<VitBlockWeights> blocks,
    LayerNormWeights norm,
    LinearWeights head) {

  public VitWeights {
    blocks = List.copyOf(blocks);
    if (blocks.size() != config.depth()) {
      throw new IllegalArgumentException("config depth " + config.depth() + " but " + blocks.size() + " blocks");
    }
  }
}
