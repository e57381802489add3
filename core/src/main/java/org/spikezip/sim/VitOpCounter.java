package org.spikezip.sim;

import java.util.ArrayList;
import java.util.List;
import org.spikezip.convert.NeuronParams;
import org.spikezip.convert.SpikingVit;
import org.spikezip.model.VitConfig;
import org.spikezip.snn.SpikeBuffer;

/**
 * Counts the operations of one simulated step of a spiking ViT, per layer (SPEC §6), from the events
 * and changed rows the step left in the {@link SimState}. The rules, also in the README:
 *
 * <ul>
 *   <li>AC: one per spike per fan-out. Fan-outs: norm1 neurons 3·dim (q, k, v), q and k spikes
 *       tokens (one score column or row each), attention spikes head_dim, v spikes tokens,
 *       attention-value neurons dim (proj), norm2 neurons mlp (fc1), activation neurons dim (fc2),
 *       patch, proj and fc2 neurons 1 (the residual add), final-norm neurons on the cls token
 *       classes (head). cls and position embedding: tokens·dim at step 1, on the patch layer.
 *   <li>MAC: the patch convolution on an input frame, patches·dim·(chans·patch²); a LayerNorm row
 *       recomputed, 4·dim; a softmax row recomputed, 3·tokens; an output element of a dense layer
 *       or of attention-times-V recomputed from its accumulator, 1.
 *   <li>Neuron update: one per neuron evaluated.
 * </ul>
 */
final class VitOpCounter {
  private final SpikingVit net;
  private final Encoding encoding;

  VitOpCounter(SpikingVit net, Encoding encoding) {
    this.net = net;
    this.encoding = encoding;
  }

  /** Layer names in recording order: every neuron layer, then {@code head}. */
  static List<String> layerNames(SpikingVit net) {
    List<String> names = new ArrayList<>();
    for (NeuronParams p : net.neuronLayers()) {
      names.add(p.name());
    }
    names.add("head");
    return names;
  }

  static int[] neuronCounts(SimState s) {
    List<SpikeBuffer> layers = s.neuronLayers();
    int[] n = new int[layers.size() + 1];
    for (int l = 0; l < layers.size(); l++) {
      n[l] = layers.get(l).size();
    }
    return n;
  }

  void count(int t, SimState s, ActivityRecorder rec) {
    VitConfig c = net.config();
    int n = c.numTokens();
    int d = c.embedDim();
    int m = c.mlpHidden();
    int layer = 0;
    long conv = encoding.injectsAt(t, net.level()) ? (long) c.numPatches() * d * c.patchVolume() : 0;
    long embed = t == 1 ? (long) n * d : 0;
    record(rec, layer++, s.patchSpikes, 1, embed, conv);
    for (BlockState b : s.blocks) {
      record(rec, layer++, b.norm1Spikes, 3L * d, 0, 4L * d * b.norm1.changed().size());
      record(rec, layer++, b.qSpikes, n, 0, (long) d * b.q.changed().size());
      record(rec, layer++, b.kSpikes, n, 0, (long) d * b.k.changed().size());
      record(rec, layer++, b.vSpikes, n, 0, (long) d * b.v.changed().size());
      record(rec, layer++, b.attnSpikes, c.headDim(), 0, 3L * n * b.probs.changed().size());
      record(rec, layer++, b.attnValueSpikes, d, 0, (long) d * b.attnValue.changed().size());
      record(rec, layer++, b.projSpikes, 1, 0, (long) d * b.proj.changed().size());
      record(rec, layer++, b.norm2Spikes, m, 0, 4L * d * b.norm2.changed().size());
      record(rec, layer++, b.actSpikes, d, 0, (long) m * b.fc1.changed().size());
      record(rec, layer++, b.fc2Spikes, 1, 0, (long) d * b.fc2.changed().size());
    }
    SpikeBuffer norm = s.normSpikes;
    long clsSpikes = 0;
    for (int e = 0; e < norm.eventCount(); e++) {
      if (norm.eventRow(e) == 0) {
        clsSpikes++;
      }
    }
    rec.record(layer++, norm.positiveInStep(), norm.negativeInStep(), clsSpikes * c.numClasses(),
        4L * d * s.norm.changed().size(), norm.evaluatedInStep());
    rec.record(layer, 0, 0, 0, (long) c.numClasses() * s.logits.changed().size(), 0);
  }

  private static void record(ActivityRecorder rec, int layer, SpikeBuffer b, long fanOut, long extraAcs, long macs) {
    rec.record(layer, b.positiveInStep(), b.negativeInStep(), b.eventCount() * fanOut + extraAcs, macs,
        b.evaluatedInStep());
  }
}
