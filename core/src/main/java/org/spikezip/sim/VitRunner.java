package org.spikezip.sim;

import java.util.ArrayList;
import java.util.List;
import org.spikezip.convert.NeuronParams;
import org.spikezip.convert.SpikingBlock;
import org.spikezip.convert.SpikingVit;
import org.spikezip.snn.RowSet;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;
import org.spikezip.snn.neuron.StBifNeuron;
import org.spikezip.snn.op.SpikeAttention;
import org.spikezip.snn.op.SpikeLayerNorm;
import org.spikezip.snn.op.SpikeLinear;
import org.spikezip.snn.op.SpikeResidual;
import org.spikezip.snn.op.SpikeSoftmax;
import org.spikezip.snn.op.SpikeTokenEmbedding;

/**
 * Simulates one sample of a {@link SpikingVit} step by step. Within a step the layers run in
 * network order, so a spike reaches the end of the network in the step it is fired (as in the
 * original release).
 */
final class VitRunner {
  private final SpikingVit net;
  private final Encoding encoding;
  private final StopRule stopRule;
  private final boolean neuronDetail;

  VitRunner(SpikingVit net, Encoding encoding, StopRule stopRule, boolean neuronDetail) {
    this.net = net;
    this.encoding = encoding;
    this.stopRule = stopRule;
    this.neuronDetail = neuronDetail;
  }

  SampleResult run(int sample, double[] image, SimState s, SimulationListener listener) {
    s.reset();
    s.patchProjection = net.patchEmbed().project(image);
    List<NeuronParams> params = net.neuronLayers();
    List<SpikeBuffer> layers = s.neuronLayers();
    ActivityRecorder recorder = new ActivityRecorder(VitOpCounter.layerNames(net), VitOpCounter.neuronCounts(s));
    VitOpCounter counter = new VitOpCounter(net, encoding);
    List<double[]> logits = new ArrayList<>();
    int t = 1;
    boolean quiet = false;
    for (; t <= stopRule.maxSteps(); t++) {
      step(t, s);
      recorder.beginStep(t);
      counter.count(t, s, recorder);
      long spikes = 0;
      for (SpikeBuffer layer : layers) {
        spikes += layer.eventCount();
      }
      logits.add(s.logits().clone());
      listener.onStep(sample, t, s);
      if (stopRule.untilQuiet() && spikes == 0 && t >= encoding.lastInputStep(net.level())) {
        quiet = true;
        break;
      }
    }
    SampleResult r = SampleAssembly.finish(params, layers, logits, quiet, recorder, neuronDetail);
    listener.onSampleEnd(sample, r);
    return r;
  }

  private void step(int t, SimState s) {
    boolean first = t == 1;
    injectInput(t, s);
    StBifNeuron.step(net.patchNeurons(), s.patchInput, s.patchSpikes);
    SpikeTokenEmbedding.step(net.clsToken(), net.posEmbed(), net.patchNeurons(), s.patchSpikes, s.tokens, first);
    ValueBuffer x = s.tokens;
    for (int b = 0; b < net.blocks().size(); b++) {
      x = block(net.blocks().get(b), s.blocks.get(b), x, first, s.softmaxScratch);
    }
    SpikeLayerNorm.step(net.norm(), x, s.norm);
    StBifNeuron.step(net.normNeurons(), s.norm, s.normSpikes);
    SpikeLinear.step(net.head(), s.normSpikes, s.headAcc, s.logits, 1, first);
  }

  /** The patch embedding's running value: {@code conv(image) * fraction(t) + bias}. */
  private void injectInput(int t, SimState s) {
    RowSet changed = s.patchInput.changed();
    changed.clear();
    if (!encoding.injectsAt(t, net.level())) {
      return;
    }
    double frac = encoding.fraction(t, net.level());
    double[] y = s.patchInput.values();
    double[] conv = s.patchProjection;
    int d = s.patchInput.cols();
    for (int i = 0; i < y.length; i++) {
      y[i] = conv[i] * frac + net.patchEmbed().bias(i % d);
    }
    changed.addAll();
  }

  private static ValueBuffer block(SpikingBlock p, BlockState s, ValueBuffer x, boolean first, double[] scratch) {
    SpikeLayerNorm.step(p.norm1(), x, s.norm1);
    StBifNeuron.step(p.norm1Neurons(), s.norm1, s.norm1Spikes);
    SpikeLinear.step(p.q(), s.norm1Spikes, s.qAcc, s.q, Integer.MAX_VALUE, first);
    SpikeLinear.step(p.k(), s.norm1Spikes, s.kAcc, s.k, Integer.MAX_VALUE, first);
    SpikeLinear.step(p.v(), s.norm1Spikes, s.vAcc, s.v, Integer.MAX_VALUE, first);
    StBifNeuron.step(p.qNeurons(), s.q, s.qSpikes);
    StBifNeuron.step(p.kNeurons(), s.k, s.kSpikes);
    StBifNeuron.step(p.vNeurons(), s.v, s.vSpikes);
    SpikeAttention.scores(s.qSpikes, s.kSpikes, s.attention, s.scores, first);
    SpikeSoftmax.step(s.scores, p.scoreScale(), s.probs, scratch);
    StBifNeuron.step(p.attnNeurons(), s.probs, s.attnSpikes);
    SpikeAttention.values(s.attnSpikes, s.vSpikes, s.attention, p.attentionValueScale(), s.attnValue, first);
    StBifNeuron.step(p.attnValueNeurons(), s.attnValue, s.attnValueSpikes);
    SpikeLinear.step(p.proj(), s.attnValueSpikes, s.projAcc, s.proj, Integer.MAX_VALUE, first);
    StBifNeuron.step(p.projNeurons(), s.proj, s.projSpikes);
    SpikeResidual.step(x, p.projNeurons(), s.projSpikes, s.afterAttention);
    SpikeLayerNorm.step(p.norm2(), s.afterAttention, s.norm2);
    StBifNeuron.step(p.norm2Neurons(), s.norm2, s.norm2Spikes);
    SpikeLinear.step(p.fc1(), s.norm2Spikes, s.fc1Acc, s.fc1, Integer.MAX_VALUE, first);
    StBifNeuron.step(p.actNeurons(), s.fc1, s.actSpikes);
    SpikeLinear.step(p.fc2(), s.actSpikes, s.fc2Acc, s.fc2, Integer.MAX_VALUE, first);
    StBifNeuron.step(p.fc2Neurons(), s.fc2, s.fc2Spikes);
    SpikeResidual.step(s.afterAttention, p.fc2Neurons(), s.fc2Spikes, s.out);
    return s.out;
  }
}
