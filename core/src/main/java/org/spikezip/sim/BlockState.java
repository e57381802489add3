package org.spikezip.sim;

import java.util.List;
import org.spikezip.model.VitConfig;
import org.spikezip.snn.AttentionState;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/** The dynamic state of one spiking ViT block for one sample: every buffer, allocated once. */
final class BlockState {
  final ValueBuffer norm1;
  final SpikeBuffer norm1Spikes;
  final double[] qAcc;
  final double[] kAcc;
  final double[] vAcc;
  final ValueBuffer q;
  final ValueBuffer k;
  final ValueBuffer v;
  final SpikeBuffer qSpikes;
  final SpikeBuffer kSpikes;
  final SpikeBuffer vSpikes;
  final AttentionState attention;
  final ValueBuffer scores;
  final ValueBuffer probs;
  final SpikeBuffer attnSpikes;
  final ValueBuffer attnValue;
  final SpikeBuffer attnValueSpikes;
  final double[] projAcc;
  final ValueBuffer proj;
  final SpikeBuffer projSpikes;
  final ValueBuffer afterAttention;
  final ValueBuffer norm2;
  final SpikeBuffer norm2Spikes;
  final double[] fc1Acc;
  final ValueBuffer fc1;
  final SpikeBuffer actSpikes;
  final double[] fc2Acc;
  final ValueBuffer fc2;
  final SpikeBuffer fc2Spikes;
  final ValueBuffer out;

  BlockState(VitConfig c) {
    int n = c.numTokens();
    int d = c.embedDim();
    int h = c.mlpHidden();
    int hn = c.numHeads() * n;
    norm1 = new ValueBuffer(n, d);
    norm1Spikes = new SpikeBuffer(n, d);
    qAcc = new double[n * d];
    kAcc = new double[n * d];
    vAcc = new double[n * d];
    q = new ValueBuffer(n, d);
    k = new ValueBuffer(n, d);
    v = new ValueBuffer(n, d);
    qSpikes = new SpikeBuffer(n, d);
    kSpikes = new SpikeBuffer(n, d);
    vSpikes = new SpikeBuffer(n, d);
    attention = new AttentionState(n, d, c.numHeads());
    scores = new ValueBuffer(hn, n);
    probs = new ValueBuffer(hn, n);
    attnSpikes = new SpikeBuffer(hn, n);
    attnValue = new ValueBuffer(n, d);
    attnValueSpikes = new SpikeBuffer(n, d);
    projAcc = new double[n * d];
    proj = new ValueBuffer(n, d);
    projSpikes = new SpikeBuffer(n, d);
    afterAttention = new ValueBuffer(n, d);
    norm2 = new ValueBuffer(n, d);
    norm2Spikes = new SpikeBuffer(n, d);
    fc1Acc = new double[n * h];
    fc1 = new ValueBuffer(n, h);
    actSpikes = new SpikeBuffer(n, h);
    fc2Acc = new double[n * d];
    fc2 = new ValueBuffer(n, d);
    fc2Spikes = new SpikeBuffer(n, d);
    out = new ValueBuffer(n, d);
  }

  /** Neuron layers in network order (as {@code SpikingVit.neuronLayers()} lists them). */
  List<SpikeBuffer> neuronLayers() {
    return List.of(norm1Spikes, qSpikes, kSpikes, vSpikes, attnSpikes, attnValueSpikes, projSpikes,
        norm2Spikes, actSpikes, fc2Spikes);
  }

  List<ValueBuffer> valueBuffers() {
    return List.of(norm1, q, k, v, scores, probs, attnValue, proj, afterAttention, norm2, fc1, fc2, out);
  }

  List<double[]> accumulators() {
    return List.of(qAcc, kAcc, vAcc, projAcc, fc1Acc, fc2Acc);
  }
}
