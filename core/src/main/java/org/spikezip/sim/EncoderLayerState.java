package org.spikezip.sim;

import java.util.Arrays;
import java.util.List;
import org.spikezip.model.EncoderConfig;
import org.spikezip.snn.AttentionState;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/** The dynamic state of one spiking encoder layer for one sequence of n tokens, allocated once. */
final class EncoderLayerState {
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
  final double[] attnOutAcc;
  final ValueBuffer attnOut;
  final SpikeBuffer attnOutSpikes;
  final ValueBuffer afterAttention;
  final ValueBuffer attnNorm;
  final SpikeBuffer attnNormSpikes;
  final ValueBuffer attnNormValue;
  final double[] interAcc;
  final ValueBuffer inter;
  final SpikeBuffer interSpikes;
  final double[] outAcc;
  final ValueBuffer out;
  final SpikeBuffer outSpikes;
  final ValueBuffer afterOutput;
  final ValueBuffer outNorm;
  final SpikeBuffer outNormSpikes;
  final ValueBuffer outNormValue;

  EncoderLayerState(EncoderConfig c, int n) {
    int d = c.hidden();
    int hn = c.heads() * n;
    qAcc = new double[n * d];
    kAcc = new double[n * d];
    vAcc = new double[n * d];
    q = new ValueBuffer(n, d);
    k = new ValueBuffer(n, d);
    v = new ValueBuffer(n, d);
    qSpikes = new SpikeBuffer(n, d);
    kSpikes = new SpikeBuffer(n, d);
    vSpikes = new SpikeBuffer(n, d);
    attention = new AttentionState(n, d, c.heads());
    scores = new ValueBuffer(hn, n);
    probs = new ValueBuffer(hn, n);
    attnSpikes = new SpikeBuffer(hn, n);
    attnValue = new ValueBuffer(n, d);
    attnValueSpikes = new SpikeBuffer(n, d);
    attnOutAcc = new double[n * d];
    attnOut = new ValueBuffer(n, d);
    attnOutSpikes = new SpikeBuffer(n, d);
    afterAttention = new ValueBuffer(n, d);
    attnNorm = new ValueBuffer(n, d);
    attnNormSpikes = new SpikeBuffer(n, d);
    attnNormValue = new ValueBuffer(n, d);
    interAcc = new double[n * c.intermediate()];
    inter = new ValueBuffer(n, c.intermediate());
    interSpikes = new SpikeBuffer(n, c.intermediate());
    outAcc = new double[n * d];
    out = new ValueBuffer(n, d);
    outSpikes = new SpikeBuffer(n, d);
    afterOutput = new ValueBuffer(n, d);
    outNorm = new ValueBuffer(n, d);
    outNormSpikes = new SpikeBuffer(n, d);
    outNormValue = new ValueBuffer(n, d);
  }

  /** Neuron layers in the order of {@code EncoderSite.values()}. */
  List<SpikeBuffer> neuronLayers() {
    return List.of(qSpikes, kSpikes, vSpikes, attnSpikes, attnValueSpikes, attnOutSpikes, attnNormSpikes,
        interSpikes, outSpikes, outNormSpikes);
  }

  void reset() {
    for (SpikeBuffer s : neuronLayers()) {
      s.reset();
    }
    for (ValueBuffer b : List.of(q, k, v, scores, probs, attnValue, attnOut, afterAttention, attnNorm,
        attnNormValue, inter, out, afterOutput, outNorm, outNormValue)) {
      b.reset();
    }
    for (double[] a : List.of(qAcc, kAcc, vAcc, attnOutAcc, interAcc, outAcc)) {
      Arrays.fill(a, 0);
    }
    attention.reset();
  }
}
