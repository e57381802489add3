package org.spikezip.quant;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.model.Activation;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.VitBlockWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;

/**
 * An immutable quantized ViT (QANN): float patch embedding, cls and position embeddings, LayerNorms,
 * exact spike-driven layers ({@link ExactLinear}) and a {@link Quantizer} at every place of SPEC §3.
 *
 * <p>The patch embedding acts on the analog image, so it stays in floating point; it is evaluated by
 * one {@link PatchProjection} in one fixed order, shared by QANN and SNN.
 */
public final class QuantizedVit {
  private final VitConfig config;
  private final int level;
  private final WeightPrecision precision;
  private final PatchProjection patchEmbed;
  private final Quantizer patchQuantizer;
  private final double[] clsToken;
  private final double[] posEmbed;
  private final List<QuantizedBlock> blocks;
  private final LayerNormWeights norm;
  private final Quantizer normQuantizer;
  private final ExactLinear head;

  public QuantizedVit(VitConfig config, int level, WeightPrecision precision, LinearWeights patchEmbed,
      Quantizer patchQuantizer, double[] clsToken, double[] posEmbed, List<QuantizedBlock> blocks,
      LayerNormWeights norm, Quantizer normQuantizer, ExactLinear head) {
    this.config = config;
    this.level = level;
    this.precision = precision;
    this.patchEmbed = new PatchProjection(config, patchEmbed);
    this.patchQuantizer = patchQuantizer;
    this.clsToken = clsToken.clone();
    this.posEmbed = posEmbed.clone();
    this.blocks = List.copyOf(blocks);
    this.norm = norm;
    this.normQuantizer = normQuantizer;
    this.head = head;
  }

  /** Quantizes a float ViT with the given steps at {@code level} levels. */
  public static QuantizedVit build(VitWeights w, QuantizerSteps steps, int level, WeightPrecision precision)
      throws UnsupportedModelException {
    VitConfig c = w.config();
    checkSupported(c);
    List<QuantizedBlock> blocks = new ArrayList<>();
    int d = c.embedDim();
    for (int b = 0; b < c.depth(); b++) {
      VitBlockWeights bw = w.blocks().get(b);
      Map<QuantSite, Quantizer> qs = new EnumMap<>(QuantSite.class);
      for (QuantSite s : QuantSite.values()) {
        qs.put(s, new Quantizer(level, s.signed(), steps.step(s.name(b))));
      }
      Quantizer n1 = qs.get(QuantSite.NORM1);
      blocks.add(new QuantizedBlock(
          bw.norm1(),
          ExactLinear.of(bw.qkv().rows(0, d), n1, precision),
          ExactLinear.of(bw.qkv().rows(d, d), n1, precision),
          ExactLinear.of(bw.qkv().rows(2 * d, d), n1, precision),
          ExactLinear.of(bw.proj(), qs.get(QuantSite.ATTN_V), precision),
          bw.norm2(),
          ExactLinear.of(bw.fc1(), qs.get(QuantSite.NORM2), precision),
          ExactLinear.of(bw.fc2(), qs.get(QuantSite.ACT), precision),
          qs,
          c.attentionScale()));
    }
    Quantizer normQ = new Quantizer(level, true, steps.step(QuantSite.FINAL_NORM));
    return new QuantizedVit(c, level, precision, w.patchEmbed(),
        new Quantizer(level, true, steps.step(QuantSite.PATCH_EMBED)), w.clsToken(), w.posEmbed(), blocks,
        w.norm(), normQ, ExactLinear.of(w.head(), normQ, precision));
  }

  /** Refuses the ViT variants this project cannot quantize and convert exactly (SPEC §3). */
  public static void checkSupported(VitConfig c) throws UnsupportedModelException {
    if (c.activation() != Activation.RELU) {
      throw new UnsupportedModelException("MLP activation " + c.activation()
          + ": SpikeZIP-TF conversion needs ReLU (fine-tune the model with ReLU first)");
    }
    if (c.globalPool()) {
      throw new UnsupportedModelException("global_pool=true (head on the mean of the patch tokens): "
          + "only the cls-token head is supported");
    }
  }

  public VitConfig config() {
    return config;
  }

  public int level() {
    return level;
  }

  public WeightPrecision precision() {
    return precision;
  }

  /** The patch convolution, shared by QANN and SNN. */
  public PatchProjection patchEmbed() {
    return patchEmbed;
  }

  public Quantizer patchQuantizer() {
    return patchQuantizer;
  }

  public double clsToken(int i) {
    return clsToken[i];
  }

  public double[] clsToken() {
    return clsToken.clone();
  }

  public double posEmbed(int token, int i) {
    return posEmbed[token * config.embedDim() + i];
  }

  public double[] posEmbed() {
    return posEmbed.clone();
  }

  public List<QuantizedBlock> blocks() {
    return blocks;
  }

  public LayerNormWeights norm() {
    return norm;
  }

  public Quantizer normQuantizer() {
    return normQuantizer;
  }

  public ExactLinear head() {
    return head;
  }

  /** Every quantizer by its original name, in network order. */
  public Map<String, Quantizer> quantizers() {
    Map<String, Quantizer> m = new LinkedHashMap<>();
    m.put(QuantSite.PATCH_EMBED, patchQuantizer);
    for (int b = 0; b < blocks.size(); b++) {
      for (QuantSite s : QuantSite.values()) {
        m.put(s.name(b), blocks.get(b).quantizer(s));
      }
    }
    m.put(QuantSite.FINAL_NORM, normQuantizer);
    return m;
  }
}
