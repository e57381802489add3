package org.spikezip.sim;

import org.spikezip.convert.SpikingEncoder;
import org.spikezip.model.EncoderConfig;
import org.spikezip.snn.SpikeBuffer;

/**
 * Counts the operations of one simulated step of a spiking encoder, per layer (SPEC §6), with the
 * rules of {@link VitOpCounter} carried over to the post-LN layout:
 *
 * <ul>
 *   <li>AC: one per spike per fan-out. Fan-outs: LayerNorm neurons that feed a layer 3·hidden
 *       (q, k, v) + 1 (the residual add), attention-LayerNorm neurons intermediate + 1, q, k and v
 *       spikes tokens, attention spikes head_dim, attention-value neurons hidden, intermediate
 *       neurons hidden, attention-output and output neurons 1 (residual), the last LayerNorm's
 *       neurons on the [CLS] row the head's first layer's width (classes, or hidden for RoBERTa's
 *       dense). The embedding sums (word + position + type) are 2·n·hidden
 *       ACs at step 1, on the embedding layer.
 *   <li>MAC: a LayerNorm row recomputed, 4·hidden (the embedding LayerNorm: every row at step 1); a
 *       softmax row, 3·tokens; an output element of a dense layer or of attention-times-V, 1; the
 *       head's float readout, whenever the head's first layer moved, its
 *       {@link org.spikezip.model.ClassifierHead#readoutMacs} (RoBERTa: hidden tanh plus
 *       classes·hidden for out_proj; BERT: none), on the {@code head} layer.
 *   <li>Neuron update: one per neuron evaluated.
 * </ul>
 */
final class EncoderOpCounter {
  private final SpikingEncoder net;

  EncoderOpCounter(SpikingEncoder net) {
    this.net = net;
  }

  void count(int t, EncoderSimState s, ActivityRecorder rec) {
    EncoderConfig c = net.source().config();
    int n = s.length;
    int d = c.hidden();
    int m = c.intermediate();
    long embedAcs = t == 1 ? 2L * n * d : 0;
    long embedMacs = t == 1 ? 4L * n * d : 0;
    int layer = 0;
    record(rec, layer++, s.embeddingSpikes, 3L * d + 1, embedAcs, embedMacs);
    for (int l = 0; l < s.layers.size(); l++) {
      EncoderLayerState b = s.layers.get(l);
      boolean last = l == s.layers.size() - 1;
      record(rec, layer++, b.qSpikes, n, 0, (long) d * b.q.changed().size());
      record(rec, layer++, b.kSpikes, n, 0, (long) d * b.k.changed().size());
      record(rec, layer++, b.vSpikes, n, 0, (long) d * b.v.changed().size());
      record(rec, layer++, b.attnSpikes, c.headDim(), 0, 3L * n * b.probs.changed().size());
      record(rec, layer++, b.attnValueSpikes, d, 0, (long) d * b.attnValue.changed().size());
      record(rec, layer++, b.attnOutSpikes, 1, 0, (long) d * b.attnOut.changed().size());
      record(rec, layer++, b.attnNormSpikes, m + 1L, 0, 4L * d * b.attnNorm.changed().size());
      record(rec, layer++, b.interSpikes, d, 0, (long) m * b.inter.changed().size());
      record(rec, layer++, b.outSpikes, 1, 0, (long) d * b.out.changed().size());
      long macs = 4L * d * b.outNorm.changed().size();
      if (last) {
        SpikeBuffer o = b.outNormSpikes;
        long clsSpikes = 0;
        for (int e = 0; e < o.eventCount(); e++) {
          if (o.eventRow(e) == 0) {
            clsSpikes++;
          }
        }
        rec.record(layer++, o.positiveInStep(), o.negativeInStep(), clsSpikes * net.classifier().out(), macs,
            o.evaluatedInStep());
      } else {
        record(rec, layer++, b.outNormSpikes, 3L * d + 1, 0, macs);
      }
    }
    long headRows = s.classifierOut.changed().size();
    rec.record(layer, 0, 0, 0, headRows * (net.classifier().out() + net.head().readoutMacs()), 0);
  }

  private static void record(ActivityRecorder rec, int layer, SpikeBuffer b, long fanOut, long extraAcs, long macs) {
    rec.record(layer, b.positiveInStep(), b.negativeInStep(), b.eventCount() * fanOut + extraAcs, macs,
        b.evaluatedInStep());
  }
}
