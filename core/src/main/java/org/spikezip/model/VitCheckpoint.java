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
  private final TensorLayout layout;

  private VitCheckpoint(TensorStore store, VitConfig config, WeightNaming naming) {
    this.store = store;
    this.config = config;
    this.naming = naming;
    this.layout = TensorLayout.vit(config, naming);
  }

  /**
   * Reads the weights of {@code config} from {@code store} under {@code naming}; see
   * {@link TensorLayout#vit} for the names and shapes. Fails on the first missing, mis-shaped or
   * non-finite tensor ({@link TensorLayout#check} lists them all).
   */
  public static VitWeights read(TensorStore store, VitConfig config, WeightNaming naming)
      throws MalformedWeightsException {
    return new VitCheckpoint(store, config, naming).read();
  }

  /**
   * The weights as checkpoint tensors (F64) under {@code naming}, with the names and shapes of
   * {@link TensorLayout#vit}. {@link #read} reads them back.
   */
  public static Map<String, Tensor> tensors(VitWeights w, WeightNaming naming) {
    VitConfig c = w.config();
    TensorLayout layout = TensorLayout.vit(c, naming);
    Map<String, double[]> values = new LinkedHashMap<>();
    values.put("cls_token", w.clsToken());
    values.put("pos_embed", w.posEmbed());
    putLinear(values, naming.patchEmbed(), w.patchEmbed());
    for (int b = 0; b < c.depth(); b++) {
      VitBlockWeights bw = w.blocks().get(b);
      putLayerNorm(values, naming.norm1(b), bw.norm1());
      putLinear(values, naming.qkv(b), bw.qkv());
      putLinear(values, naming.proj(b), bw.proj());
      putLayerNorm(values, naming.norm2(b), bw.norm2());
      putLinear(values, naming.fc1(b), bw.fc1());
      putLinear(values, naming.fc2(b), bw.fc2());
    }
    putLayerNorm(values, naming.finalNorm(), w.norm());
    putLinear(values, "head", w.head());
    Map<String, Tensor> t = new LinkedHashMap<>();
    layout.shapes().forEach((name, shape) -> t.put(name, Tensor.wrap(shape, values.get(name).clone())));
    return t;
  }

  private static void putLayerNorm(Map<String, double[]> values, String prefix, LayerNormWeights ln) {
    values.put(prefix + ".weight", ln.gamma());
    values.put(prefix + ".bias", ln.beta());
  }

  /** Its weight and bias; the layout leaves out the bias where the config has none. */
  private static void putLinear(Map<String, double[]> values, String prefix, LinearWeights lw) {
    values.put(prefix + ".weight", lw.weight());
    values.put(prefix + ".bias", lw.bias());
  }

  private VitWeights read() throws MalformedWeightsException {
    int d = config.embedDim();
    LinearWeights patchEmbed = new LinearWeights(d, config.patchVolume(),
        expect(naming.patchEmbed() + ".weight").toArray(), expect(naming.patchEmbed() + ".bias").toArray());
    double[] cls = expect("cls_token").toArray();
    double[] pos = expect("pos_embed").toArray();
    List<VitBlockWeights> blocks = new ArrayList<>();
    for (int b = 0; b < config.depth(); b++) {
      blocks.add(new VitBlockWeights(
          layerNorm(naming.norm1(b)),
          linear(naming.qkv(b)),
          linear(naming.proj(b)),
          layerNorm(naming.norm2(b)),
          linear(naming.fc1(b)),
          linear(naming.fc2(b))));
    }
    return new VitWeights(config, patchEmbed, cls, pos, blocks, layerNorm(naming.finalNorm()), linear("head"));
  }

  private LayerNormWeights layerNorm(String prefix) throws MalformedWeightsException {
    return new LayerNormWeights(expect(prefix + ".weight").toArray(), expect(prefix + ".bias").toArray(),
        config.lnEps());
  }

  /** A Linear layer {@code [out, in]}; a zero bias where the layout has none. */
  private LinearWeights linear(String prefix) throws MalformedWeightsException {
    Shape shape = layout.shape(prefix + ".weight");
    double[] w = expect(prefix + ".weight").toArray();
    double[] b = layout.shapes().containsKey(prefix + ".bias") ? expect(prefix + ".bias").toArray()
        : new double[shape.dim(0)];
    return new LinearWeights(shape.dim(0), shape.dim(1), w, b);
  }

  private Tensor expect(String name) throws MalformedWeightsException {
    return CheckedTensors.read(store, name, describe(config), layout.shape(name).dims());
  }

  /** The config in a few words, for messages: "a ViT with embed_dim 384, depth 12, ...". */
  public static String describe(VitConfig config) {
    return "a ViT with embed_dim " + config.embedDim() + ", depth " + config.depth() + ", mlp "
        + config.mlpHidden() + ", " + config.numTokens() + " tokens, " + config.numClasses() + " classes";
  }
}
