package org.spikezip.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.TensorStore;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/** Reads {@link VitWeights} from a tensor store in timm or original-QANN naming, checking every shape. */
public final class VitCheckpoint {
  private final TensorStore store;
  private final VitConfig config;
  private final WeightNaming naming;

  private VitCheckpoint(TensorStore store, VitConfig config, WeightNaming naming) {
    this.store = store;
    this.config = config;
    this.naming = naming;
  }

  /** The naming the store uses: original QANN if it has {@code patch_embed.proj.0.weight}, else timm. */
  public static WeightNaming detectNaming(TensorStore store) {
    return store.contains("patch_embed.proj.0.weight") ? WeightNaming.ORIGINAL_QANN : WeightNaming.TIMM;
  }

  public static VitWeights read(TensorStore store, VitConfig config) throws MalformedWeightsException {
    return new VitCheckpoint(store, config, detectNaming(store)).read();
  }

  private VitWeights read() throws MalformedWeightsException {
    int d = config.embedDim();
    Tensor patch = expect(naming.patchEmbed() + ".weight",
        d, config.inChans(), config.patchSize(), config.patchSize());
    LinearWeights patchEmbed = new LinearWeights(d, config.patchVolume(), patch.toArray(),
        vector(naming.patchEmbed() + ".bias", d));
    double[] cls = expect("cls_token", 1, 1, d).toArray();
    double[] pos = expect("pos_embed", 1, config.numTokens(), d).toArray();
    List<VitBlockWeights> blocks = new ArrayList<>();
    for (int b = 0; b < config.depth(); b++) {
      int h = config.mlpHidden();
      blocks.add(new VitBlockWeights(
          layerNorm(naming.norm1(b)),
          linear(naming.qkv(b), 3 * d, d, config.qkvBias()),
          linear(naming.proj(b), d, d, true),
          layerNorm(naming.norm2(b)),
          linear(naming.fc1(b), h, d, true),
          linear(naming.fc2(b), d, h, true)));
    }
    return new VitWeights(config, patchEmbed, cls, pos, blocks, layerNorm(naming.finalNorm()),
        linear("head", config.numClasses(), d, true));
  }

  private LayerNormWeights layerNorm(String prefix) throws MalformedWeightsException {
    int d = config.embedDim();
    return new LayerNormWeights(vector(prefix + ".weight", d), vector(prefix + ".bias", d), config.lnEps());
  }

  private LinearWeights linear(String prefix, int out, int in, boolean hasBias) throws MalformedWeightsException {
    double[] w = expect(prefix + ".weight", out, in).toArray();
    double[] b = hasBias ? vector(prefix + ".bias", out) : new double[out];
    return new LinearWeights(out, in, w, b);
  }

  private double[] vector(String name, int n) throws MalformedWeightsException {
    return expect(name, n).toArray();
  }

  private Tensor expect(String name, int... dims) throws MalformedWeightsException {
    if (!store.contains(name)) {
      throw new MalformedWeightsException(
          org.spikezip.io.NearNames.missingMessage(store.source(), name, store.names()));
    }
    Shape found = store.shape(name);
    if (!found.equals(Shape.of(dims))) {
      throw new MalformedWeightsException(store.source() + ": tensor '" + name + "' has shape " + found
          + ", expected " + Arrays.toString(dims) + " for " + describe());
    }
    Tensor t = store.tensor(name);
    double[] data = t.data();
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new MalformedWeightsException(store.source() + ": tensor '" + name + "' holds a non-finite value ("
            + data[i] + ") at element " + i);
      }
    }
    return t;
  }

  private String describe() {
    return "a ViT with embed_dim " + config.embedDim() + ", depth " + config.depth() + ", mlp "
        + config.mlpHidden() + ", " + config.numTokens() + " tokens, " + config.numClasses() + " classes";
  }
}
