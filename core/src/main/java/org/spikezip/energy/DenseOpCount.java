package org.spikezip.energy;

import java.util.ArrayList;
import java.util.List;
import org.spikezip.model.ClassifierHead;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderLayout;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.QuantSite;

/**
 * The baseline: a model's operations in one forward pass as a conventional network, every operation
 * a multiply-accumulate (MAC), per layer. A layer is a quantizer with the operator that feeds it, as
 * in the simulator's counts ({@code LayerActivity}); the head is the last layer. A ViT's count is
 * the same for every image (below); an encoder's depends on the sequence's length
 * ({@link #of(EncoderConfig, int)}), and a run's is the {@linkplain #sum sum} over its samples.
 *
 * <p>With n tokens (patches + 1), d = embed_dim, m = the MLP's hidden width, h heads, C classes,
 * P = patches and V = in_chans·patch² (each product's fan-in times its outputs, biases not counted,
 * and the per-row rules of the simulator's MAC counts: a LayerNorm row 4·d, a softmax row 3·n):
 *
 * <table>
 *   <caption>ANN MACs per layer, one image</caption>
 *   <tr><th>layer (quantizer)</th><th>feeding operator</th><th>MACs</th><th>neurons</th></tr>
 *   <tr><td>patch_embed.proj.1</td><td>patch convolution</td><td>P·d·V</td><td>P·d</td></tr>
 *   <tr><td>blocks.b.norm1.1</td><td>residual add (block 0: cls and position embedding) and
 *       LayerNorm</td><td>n·d + 4·d·n</td><td>n·d</td></tr>
 *   <tr><td>attn.quan_q, quan_k, quan_v</td><td>q, k, v projections</td><td>n·d·d each</td>
 *       <td>n·d each</td></tr>
 *   <tr><td>attn.attn_quan</td><td>scores q·kᵀ and softmax</td><td>n·n·d + 3·n·h·n</td><td>h·n·n</td></tr>
 *   <tr><td>attn.after_attn_quan</td><td>attention times v</td><td>n·n·d</td><td>n·d</td></tr>
 *   <tr><td>attn.quan_proj</td><td>output projection</td><td>n·d·d</td><td>n·d</td></tr>
 *   <tr><td>norm2.1</td><td>residual add and LayerNorm</td><td>n·d + 4·d·n</td><td>n·d</td></tr>
 *   <tr><td>mlp.act.0</td><td>fc1</td><td>n·d·m</td><td>n·m</td></tr>
 *   <tr><td>mlp.fc2.1</td><td>fc2</td><td>n·m·d</td><td>n·d</td></tr>
 *   <tr><td>norm.1</td><td>residual add and final LayerNorm</td><td>n·d + 4·d·n</td><td>n·d</td></tr>
 *   <tr><td>head</td><td>classifier on the cls token</td><td>d·C</td><td>0</td></tr>
 * </table>
 *
 * <p>The QANN does the same plus one operation per quantized element ({@link DenseLayerOps#qannMacs}).
 * Where the SNN counts an addition as an accumulate (residual and embedding adds), the ANN baseline
 * counts a MAC: the baseline is "the same model run as an ANN, all MACs" (SPEC §6).
 */
public record DenseOpCount(List<DenseLayerOps> layers) {
  /** The name of the last layer, the classifier. */
  public static final String HEAD = "head";

  public DenseOpCount {
    layers = List.copyOf(layers);
  }

  /** The count for a ViT of this configuration. */
  public static DenseOpCount of(VitConfig c) {
    long n = c.numTokens();
    long d = c.embedDim();
    long m = c.mlpHidden();
    long h = c.numHeads();
    long addAndNorm = n * d + 4 * d * n;
    List<DenseLayerOps> layers = new ArrayList<>();
    layers.add(new DenseLayerOps(QuantSite.PATCH_EMBED, (long) c.numPatches() * d,
        (long) c.numPatches() * d * c.patchVolume()));
    for (int b = 0; b < c.depth(); b++) {
      for (QuantSite s : QuantSite.values()) {
        long neurons = s == QuantSite.ATTN ? h * n * n : s == QuantSite.ACT ? n * m : n * d;
        long macs = switch (s) {
          case NORM1, NORM2 -> addAndNorm;
          case Q, K, V, PROJ -> n * d * d;
          case ATTN -> n * n * d + 3 * n * h * n;
          case ATTN_V -> n * n * d;
          case ACT -> n * d * m;
          case FC2 -> n * m * d;
        };
        layers.add(new DenseLayerOps(s.name(b), neurons, macs));
      }
    }
    layers.add(new DenseLayerOps(QuantSite.FINAL_NORM, n * d, addAndNorm));
    layers.add(new DenseLayerOps(HEAD, 0, d * c.numClasses()));
    return new DenseOpCount(layers);
  }

  /**
   * The count for one sequence of {@code tokens} tokens (padding included: the ANN computes every
   * row) through a post-LN encoder, with the rules above: n = tokens, d = hidden, m = intermediate,
   * h heads, C classes; the additive padding mask is part of the softmax row's 3·n.
   *
   * <table>
   *   <caption>ANN MACs per layer, one sequence of n tokens</caption>
   *   <tr><th>layer (quantizer)</th><th>feeding operator</th><th>MACs</th><th>neurons</th></tr>
   *   <tr><td>embeddings.LayerNorm.quan</td><td>word + position + type adds and LayerNorm</td>
   *       <td>2·n·d + 4·d·n</td><td>n·d</td></tr>
   *   <tr><td>attention.self.quan_q, quan_k, quan_v</td><td>q, k, v dense</td><td>n·d·d each</td>
   *       <td>n·d each</td></tr>
   *   <tr><td>attention.self.attn_quan</td><td>scores q·kᵀ (h·n·n·head_dim) and softmax</td>
   *       <td>n·n·d + 3·n·h·n</td><td>h·n·n</td></tr>
   *   <tr><td>attention.self.after_attn_quan</td><td>attention times v</td><td>n·n·d</td><td>n·d</td></tr>
   *   <tr><td>attention.output.dense.quan</td><td>attention output dense</td><td>n·d·d</td><td>n·d</td></tr>
   *   <tr><td>attention.output.LayerNorm.quan</td><td>residual add and LayerNorm</td><td>n·d + 4·d·n</td>
   *       <td>n·d</td></tr>
   *   <tr><td>intermediate.quan</td><td>intermediate dense</td><td>n·d·m</td><td>n·m</td></tr>
   *   <tr><td>output.dense.quan</td><td>output dense</td><td>n·m·d</td><td>n·d</td></tr>
   *   <tr><td>output.LayerNorm.quan</td><td>residual add and LayerNorm</td><td>n·d + 4·d·n</td><td>n·d</td></tr>
   *   <tr><td>head</td><td>the head's first layer on the [CLS] row, then its readout</td>
   *       <td>d·C (BERT); d·d + d + C·d (RoBERTa: dense, tanh, out_proj)</td><td>0</td></tr>
   * </table>
   *
   * Layer quantizers are named {@code encoder.layer.N.<quantizer>} ({@link EncoderSite}). The head
   * is the layout's default ({@link EncoderLayout}); {@link #of(EncoderConfig, ClassifierHead, int)}
   * counts a given one.
   */
  public static DenseOpCount of(EncoderConfig c, int tokens) {
    long d = c.hidden();
    long classes = c.numClasses();
    return of(c, tokens, c.layout() == EncoderLayout.BERT ? d * classes : d * d + d + classes * d);
  }

  /**
   * The count of {@link #of(EncoderConfig, int)} with {@code head}'s MACs: its first layer's fan-in
   * times its outputs, plus {@link ClassifierHead#readoutMacs()}.
   */
  public static DenseOpCount of(EncoderConfig c, ClassifierHead head, int tokens) {
    LinearWeights first = head.firstLayer();
    return of(c, tokens, (long) first.in() * first.out() + head.readoutMacs());
  }

  private static DenseOpCount of(EncoderConfig c, int tokens, long headMacs) {
    if (tokens <= 0) {
      throw new IllegalArgumentException("tokens must be positive, got " + tokens);
    }
    long n = tokens;
    long d = c.hidden();
    long m = c.intermediate();
    long h = c.heads();
    long addAndNorm = n * d + 4 * d * n;
    List<DenseLayerOps> layers = new ArrayList<>();
    layers.add(new DenseLayerOps(EncoderSite.EMBEDDINGS, n * d, 2 * n * d + 4 * d * n));
    for (int l = 0; l < c.layers(); l++) {
      for (EncoderSite s : EncoderSite.values()) {
        long neurons = s == EncoderSite.ATTN ? h * n * n : s == EncoderSite.INTER ? n * m : n * d;
        long macs = switch (s) {
          case Q, K, V, ATTN_OUT -> n * d * d;
          case ATTN -> n * n * d + 3 * n * h * n;
          case ATTN_V -> n * n * d;
          case ATTN_NORM, OUT_NORM -> addAndNorm;
          case INTER -> n * d * m;
          case OUT -> n * m * d;
        };
        layers.add(new DenseLayerOps(s.name(l), neurons, macs));
      }
    }
    layers.add(new DenseLayerOps(HEAD, 0, headMacs));
    return new DenseOpCount(layers);
  }

  /**
   * Layer by layer, the sum of counts over the same layers (one count per sample of a run: its
   * neurons and MACs are those of all its forward passes together).
   */
  public static DenseOpCount sum(List<DenseOpCount> counts) {
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("a sum of dense counts needs at least one count, got none");
    }
    List<DenseLayerOps> first = counts.get(0).layers();
    long[] neurons = new long[first.size()];
    long[] macs = new long[first.size()];
    for (int i = 0; i < counts.size(); i++) {
      List<DenseLayerOps> layers = counts.get(i).layers();
      if (layers.size() != first.size()) {
        throw new IllegalArgumentException("dense count " + i + " has " + layers.size() + " layers, count 0 has "
            + first.size() + "; a sum needs the same layers");
      }
      for (int l = 0; l < layers.size(); l++) {
        DenseLayerOps op = layers.get(l);
        if (!op.name().equals(first.get(l).name())) {
          throw new IllegalArgumentException("dense count " + i + " has layer " + l + " " + op.name()
              + ", count 0 has " + first.get(l).name() + "; a sum needs the same layers");
        }
        neurons[l] += op.neurons();
        macs[l] += op.annMacs();
      }
    }
    List<DenseLayerOps> sum = new ArrayList<>();
    for (int l = 0; l < first.size(); l++) {
      sum.add(new DenseLayerOps(first.get(l).name(), neurons[l], macs[l]));
    }
    return new DenseOpCount(sum);
  }

  /** The ANN's MACs, all layers. */
  public long annMacs() {
    return layers.stream().mapToLong(DenseLayerOps::annMacs).sum();
  }

  /** The QANN's MACs, all layers. */
  public long qannMacs() {
    return layers.stream().mapToLong(DenseLayerOps::qannMacs).sum();
  }
}
