package org.spikezip.sim;

import java.util.ArrayList;
import java.util.List;
import org.spikezip.convert.NeuronParams;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.convert.SpikingEncoderLayer;
import org.spikezip.model.EncoderInput;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;
import org.spikezip.snn.neuron.StBifNeuron;
import org.spikezip.snn.op.SpikeAttention;
import org.spikezip.snn.op.SpikeLayerNorm;
import org.spikezip.snn.op.SpikeLinear;
import org.spikezip.snn.op.SpikeResidual;
import org.spikezip.snn.op.SpikeSoftmax;

/**
 * Simulates one sequence of a {@link SpikingEncoder} step by step (analog input: the embeddings and
 * the padding mask arrive at step 1, nothing after). Within a step the layers run in network order.
 *
 * <p>Per layer, with {@code x = theta_in * S_in} the running value of the input neurons:
 * SpikeLinear q/k/v, ST-BIF+, SESA scores, Spike-Softmax with the mask, SESA values, attention output
 * dense, residual {@code x + theta_ao * S_ao}, Spike-LayerNorm, ST-BIF+, intermediate and output
 * dense, residual, Spike-LayerNorm, ST-BIF+. Then the head's first layer on the [CLS] row's spikes
 * and, when its output moved, the head's float readout of it. At quiescence every tracer equals the
 * {@link org.spikezip.quant.EncoderQannForward} code and the logits are the QANN's, bit for bit.
 */
final class EncoderRunner {
  private final SpikingEncoder net;
  private final StopRule stopRule;
  private final boolean neuronDetail;

  EncoderRunner(SpikingEncoder net, StopRule stopRule, boolean neuronDetail) {
    this.net = net;
    this.stopRule = stopRule;
    this.neuronDetail = neuronDetail;
  }

  SampleResult run(EncoderInput input, EncoderSimState s) {
    s.reset();
    double[] embedded = net.source().embed(input);
    s.mask = QuantizedEncoder.additiveMask(input.mask());
    List<NeuronParams> params = net.neuronLayers();
    List<SpikeBuffer> layers = s.neuronLayers();
    List<String> names = new ArrayList<>();
    int[] neurons = new int[layers.size() + 1];
    for (int l = 0; l < layers.size(); l++) {
      names.add(params.get(l).name());
      neurons[l] = layers.get(l).size();
    }
    names.add("head");
    ActivityRecorder recorder = new ActivityRecorder(names, neurons);
    EncoderOpCounter counter = new EncoderOpCounter(net);
    List<double[]> logits = new ArrayList<>();
    boolean quiet = false;
    for (int t = 1; t <= stopRule.maxSteps(); t++) {
      step(t, embedded, s);
      recorder.beginStep(t);
      counter.count(t, s, recorder);
      long spikes = 0;
      for (SpikeBuffer b : layers) {
        spikes += b.eventCount();
      }
      logits.add(s.logits.values().clone());
      if (stopRule.untilQuiet() && spikes == 0) {
        quiet = true;
        break;
      }
    }
    return SampleAssembly.finish(params, layers, logits, quiet, recorder, neuronDetail);
  }

  private void step(int t, double[] embedded, EncoderSimState s) {
    boolean first = t == 1;
    RowSet injected = s.embeddings.changed();
    injected.clear();
    if (first) {
      System.arraycopy(embedded, 0, s.embeddings.values(), 0, embedded.length);
      injected.addAll();
    }
    StBifNeuron.step(net.embeddingNeurons(), s.embeddings, s.embeddingSpikes);
    dequantize(net.embeddingNeurons(), s.embeddingSpikes, s.embeddingValue, first);
    SpikeBuffer in = s.embeddingSpikes;
    ValueBuffer inValue = s.embeddingValue;
    for (int l = 0; l < net.layers().size(); l++) {
      SpikingEncoderLayer p = net.layers().get(l);
      EncoderLayerState ls = s.layers.get(l);
      layer(p, ls, in, inValue, s, first);
      in = ls.outNormSpikes;
      inValue = ls.outNormValue;
    }
    SpikeLinear.step(net.classifier(), in, s.classifierAcc, s.classifierOut, 1, first);
    RowSet read = s.logits.changed();
    read.clear();
    if (s.classifierOut.changed().size() > 0) {
      net.head().readout(s.classifierOut.values(), s.logits.values());
      read.addAll();
    }
  }

  private static void layer(SpikingEncoderLayer p, EncoderLayerState s, SpikeBuffer x, ValueBuffer xValue,
      EncoderSimState sim, boolean first) {
    SpikeLinear.step(p.q(), x, s.qAcc, s.q, Integer.MAX_VALUE, first);
    SpikeLinear.step(p.k(), x, s.kAcc, s.k, Integer.MAX_VALUE, first);
    SpikeLinear.step(p.v(), x, s.vAcc, s.v, Integer.MAX_VALUE, first);
    StBifNeuron.step(p.qNeurons(), s.q, s.qSpikes);
    StBifNeuron.step(p.kNeurons(), s.k, s.kSpikes);
    StBifNeuron.step(p.vNeurons(), s.v, s.vSpikes);
    SpikeAttention.scores(s.qSpikes, s.kSpikes, s.attention, s.scores, first);
    SpikeSoftmax.step(s.scores, p.scoreScale(), sim.mask, s.probs, sim.softmaxScratch);
    StBifNeuron.step(p.attnNeurons(), s.probs, s.attnSpikes);
    SpikeAttention.values(s.attnSpikes, s.vSpikes, s.attention, p.attentionValueScale(), s.attnValue, first);
    StBifNeuron.step(p.attnValueNeurons(), s.attnValue, s.attnValueSpikes);
    SpikeLinear.step(p.attnOut(), s.attnValueSpikes, s.attnOutAcc, s.attnOut, Integer.MAX_VALUE, first);
    StBifNeuron.step(p.attnOutNeurons(), s.attnOut, s.attnOutSpikes);
    SpikeResidual.step(xValue, p.attnOutNeurons(), s.attnOutSpikes, s.afterAttention);
    SpikeLayerNorm.step(p.attnNorm(), s.afterAttention, s.attnNorm);
    StBifNeuron.step(p.attnNormNeurons(), s.attnNorm, s.attnNormSpikes);
    dequantize(p.attnNormNeurons(), s.attnNormSpikes, s.attnNormValue, first);
    SpikeLinear.step(p.intermediate(), s.attnNormSpikes, s.interAcc, s.inter, Integer.MAX_VALUE, first);
    StBifNeuron.step(p.interNeurons(), s.inter, s.interSpikes);
    SpikeLinear.step(p.out(), s.interSpikes, s.outAcc, s.out, Integer.MAX_VALUE, first);
    StBifNeuron.step(p.outNeurons(), s.out, s.outSpikes);
    SpikeResidual.step(s.attnNormValue, p.outNeurons(), s.outSpikes, s.afterOutput);
    SpikeLayerNorm.step(p.outNorm(), s.afterOutput, s.outNorm);
    StBifNeuron.step(p.outNormNeurons(), s.outNorm, s.outNormSpikes);
    dequantize(p.outNormNeurons(), s.outNormSpikes, s.outNormValue, first);
  }

  /**
   * The running value {@code theta * S} of a neuron layer (a residual's skip input), recomputed
   * where the layer spiked, and everywhere at step 1 so that every row downstream is evaluated once.
   */
  private static void dequantize(NeuronParams p, SpikeBuffer spikes, ValueBuffer out, boolean first) {
    RowSet changed = out.changed();
    changed.clear();
    if (first) {
      changed.addAll();
    } else {
      RowSet spiked = spikes.spikedRows();
      for (int k = 0; k < spiked.size(); k++) {
        changed.add(spiked.get(k));
      }
    }
    int cols = out.cols();
    int[] c = spikes.counts();
    double[] y = out.values();
    for (int k = 0; k < changed.size(); k++) {
      int base = changed.get(k) * cols;
      for (int i = base; i < base + cols; i++) {
        y[i] = p.value(c[i]);
      }
    }
  }
}
