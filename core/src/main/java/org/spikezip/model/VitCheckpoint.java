package org.spikezip.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.CheckedTensors;
import org.spikezip.io.TensorStore;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Reads {@link VitWeights} from a tensor store in timm or original-QANN naming, checking every shape,
 * and gives the tensors to write them back in either naming.
 */
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

  /**
   * The weights as checkpoint tensors (F64) under {@code naming}, in timm's order: the patch kernel
   * {@code [embedDim, inChans, patch, patch]}, cls and position embeddings with their leading 1, and
   * no qkv bias when the config has none. {@link #read} reads them back.
   */
  public static Map<String, Tensor> tensors(VitWeights w, WeightNaming naming) {
    VitConfig c = w.config();
    int d = c.embedDim();
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("cls_token", Tensor.wrap(Shape.of(1, 1, d), w.clsToken().clone()));
    t.put("pos_embed", Tensor.wrap(Shape.of(1, c.numTokens(), d), w.posEmbed().clone()));
    t.put(naming.patchEmbed() + ".weight",
        Tensor.wrap(Shape.of(d, c.inChans(), c.patchSize(), c.patchSize()), w.patchEmbed().weight().clone()));
    t.put(naming.patchEmbed() + ".bias", vector(w.patchEmbed().bias()));
    for (int b = 0; b < c.depth(); b++) {
      VitBlockWeights bw = w.blocks().get(b);
      putLayerNorm(t, naming.norm1(b), bw.norm1());
      putLinear(t, naming.qkv(b), bw.qkv(), c.qkvBias());
      putLinear(t, naming.proj(b), bw.proj(), true);
      putLayerNorm(t, naming.norm2(b), bw.norm2());
      putLinear(t, naming.fc1(b), bw.fc1(), true);
      putLinear(t, naming.fc2(b), bw.fc2(), true);
    }
    putLayerNorm(t, naming.finalNorm(), w.norm());
    putLinear(t, "head", w.head(), true);
    return t;
  }

  private static void putLayerNorm(Map<String, Tensor> t, String prefix, LayerNormWeights ln) {
    t.put(prefix + ".weight", vector(ln.gamma()));
    t.put(prefix + ".bias", vector(ln.beta()));
  }

  private static void putLinear(Map<String, Tensor> t, String prefix, LinearWeights lw, boolean hasBias) {
    t.put(prefix + ".weight", Tensor.wrap(Shape.of(lw.out(), lw.in()), lw.weight().clone()));
    if (hasBias) {
      t.put(prefix + ".bias", vector(lw.bias()));
    }
  }

  private static Tensor vector(double[] v) {
    return Tensor.wrap(Shape.of(v.length), v.clone());
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
    return CheckedTensors.read(store, name, describe(), dims);
  }

  private String describe() {
    return "a ViT with embed_dim " + config.embedDim() + ", depth " + config.depth() + ", mlp "
        + config.mlpHidden() + ", " + config.numTokens() + " tokens, " + config.numClasses() + " classes";
  }
}
