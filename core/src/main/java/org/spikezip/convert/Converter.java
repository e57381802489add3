package org.spikezip.convert;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.QuantSite;
import org.spikezip.quant.QuantizedBlock;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.Quantizer;

/**
 * Converts a {@link QuantizedVit} into a new {@link SpikingVit} (SPEC §4): each quantizer becomes
 * ST-BIF+ neurons with threshold {@code s} and bounds {@code [qmin, qmax]}; LayerNorm, softmax and
 * the attention products become their spike-equivalent operators; weights are shared as they are.
 * Nothing is modified in place. {@link #equivalentQann} goes the other way.
 */
public final class Converter {
  private Converter() {}

  public static Conversion convert(QuantizedVit qann) {
    VitConfig c = qann.config();
    int n = c.numTokens();
    int d = c.embedDim();
    List<String> lines = new ArrayList<>();
    long[] neurons = {0};
    NeuronParams patch = neurons(lines, neurons, QuantSite.PATCH_EMBED, qann.patchQuantizer(), c.numPatches(), d);
    List<SpikingBlock> blocks = new ArrayList<>();
    for (int b = 0; b < qann.blocks().size(); b++) {
      QuantizedBlock qb = qann.blocks().get(b);
      blocks.add(new SpikingBlock(
          qb.norm1(),
          neurons(lines, neurons, QuantSite.NORM1.name(b), qb.quantizer(QuantSite.NORM1), n, d),
          qb.q(), qb.k(), qb.v(),
          neurons(lines, neurons, QuantSite.Q.name(b), qb.quantizer(QuantSite.Q), n, d),
          neurons(lines, neurons, QuantSite.K.name(b), qb.quantizer(QuantSite.K), n, d),
          neurons(lines, neurons, QuantSite.V.name(b), qb.quantizer(QuantSite.V), n, d),
          qb.scoreScale(),
          neurons(lines, neurons, QuantSite.ATTN.name(b), qb.quantizer(QuantSite.ATTN), c.numHeads() * n, n),
          qb.attentionValueScale(),
          neurons(lines, neurons, QuantSite.ATTN_V.name(b), qb.quantizer(QuantSite.ATTN_V), n, d),
          qb.proj(),
          neurons(lines, neurons, QuantSite.PROJ.name(b), qb.quantizer(QuantSite.PROJ), n, d),
          qb.norm2(),
          neurons(lines, neurons, QuantSite.NORM2.name(b), qb.quantizer(QuantSite.NORM2), n, d),
          qb.fc1(),
          neurons(lines, neurons, QuantSite.ACT.name(b), qb.quantizer(QuantSite.ACT), n, c.mlpHidden()),
          qb.fc2(),
          neurons(lines, neurons, QuantSite.FC2.name(b), qb.quantizer(QuantSite.FC2), n, d)));
      lines.add("blocks." + b + ".norm1, norm2 -> Spike-LayerNorm (eps " + qb.norm1().eps() + ")");
      lines.add("blocks." + b + ".attn -> SESA (Q K^T, A V on spikes) + Spike-Softmax");
    }
    NeuronParams norm = neurons(lines, neurons, QuantSite.FINAL_NORM, qann.normQuantizer(), n, d);
    lines.add("norm -> Spike-LayerNorm; head -> spike-driven Linear on the cls token");
    SpikingVit net = new SpikingVit(c, qann.level(), qann.precision(), qann.patchEmbed(), patch, qann.clsToken(),
        qann.posEmbed(), blocks, qann.norm(), norm, qann.head());
    return new Conversion(net, new ConversionReport(lines, neurons[0]));
  }

  private static NeuronParams neurons(List<String> lines, long[] total, String name, Quantizer q, int rows, int cols) {
    total[0] += (long) rows * cols;
    lines.add(String.format(Locale.ROOT, "%s -> ST-BIF+ [%dx%d], threshold %.6g, bounds [%d, %d]",
        name, rows, cols, q.step(), q.qmin(), q.qmax()));
    return NeuronParams.of(name, q);
  }

  /**
   * The QANN a spiking ViT computes, the inverse of {@link #convert}: every neuron layer's threshold
   * and bounds as a quantizer, the same weights. Converting the result rebuilds {@code snn}.
   *
   * @throws IllegalArgumentException if {@code snn} is not the conversion of a QANN: bounds that are
   *     not a quantizer's at its level, a signedness other than SPEC §3's, or attention scales that
   *     are not the products of the thresholds
   */
  public static QuantizedVit equivalentQann(SpikingVit snn) {
    VitConfig c = snn.config();
    List<QuantizedBlock> blocks = new ArrayList<>();
    for (int b = 0; b < snn.blocks().size(); b++) {
      SpikingBlock sb = snn.blocks().get(b);
      Map<QuantSite, Quantizer> qs = new EnumMap<>(QuantSite.class);
      for (QuantSite site : QuantSite.values()) {
        qs.put(site, quantizer(sb.neurons(site), site.signed(), snn.level()));
      }
      QuantizedBlock qb = new QuantizedBlock(sb.norm1(), sb.q(), sb.k(), sb.v(), sb.proj(), sb.norm2(),
          sb.fc1(), sb.fc2(), qs, c.attentionScale());
      sameScale("blocks." + b + " score scale", sb.scoreScale(), qb.scoreScale(), "s_q / sqrt(head_dim) * s_k");
      sameScale("blocks." + b + " attention-value scale", sb.attentionValueScale(), qb.attentionValueScale(),
          "s_attn * s_v");
      blocks.add(qb);
    }
    return new QuantizedVit(c, snn.level(), snn.precision(), snn.patchEmbed().weights(),
        quantizer(snn.patchNeurons(), true, snn.level()), snn.clsToken(), snn.posEmbed(), blocks, snn.norm(),
        quantizer(snn.normNeurons(), true, snn.level()), snn.head());
  }

  private static Quantizer quantizer(NeuronParams neurons, boolean signed, int level) {
    Quantizer q = neurons.quantizer(level);
    if (q.signed() != signed) {
      throw new IllegalArgumentException(neurons.name() + ": bounds [" + neurons.min() + ", " + neurons.max()
          + "] are " + (q.signed() ? "signed" : "unsigned") + ", but this quantizer is "
          + (signed ? "signed" : "unsigned"));
    }
    return q;
  }

  private static void sameScale(String what, double stored, double fromThresholds, String formula) {
    if (stored != fromThresholds) {
      throw new IllegalArgumentException(what + " is " + stored + ", but " + formula + " of the thresholds is "
          + fromThresholds);
    }
  }
}
