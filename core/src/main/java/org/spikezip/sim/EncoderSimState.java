package org.spikezip.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.model.EncoderConfig;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * All dynamic state of one sequence's simulation of a {@link SpikingEncoder} at one sequence length
 * n: the embedding input and neurons, every layer's buffers, the classifier's accumulators and
 * [CLS]-row output, the logits read out of it, and the sample's additive padding mask (a constant
 * of the sample, set at injection).
 */
final class EncoderSimState {
  final int length;
  final ValueBuffer embeddings;
  final SpikeBuffer embeddingSpikes;
  final ValueBuffer embeddingValue;
  final List<EncoderLayerState> layers;
  final double[] classifierAcc;
  final ValueBuffer classifierOut;
  final ValueBuffer logits;
  final double[] softmaxScratch;
  double[] mask;
  private final List<SpikeBuffer> neuronLayers;

  EncoderSimState(SpikingEncoder net, int n) {
    EncoderConfig c = net.source().config();
    int d = c.hidden();
    length = n;
    embeddings = new ValueBuffer(n, d);
    embeddingSpikes = new SpikeBuffer(n, d);
    embeddingValue = new ValueBuffer(n, d);
    List<EncoderLayerState> ls = new ArrayList<>();
    List<SpikeBuffer> all = new ArrayList<>();
    all.add(embeddingSpikes);
    for (int l = 0; l < net.layers().size(); l++) {
      EncoderLayerState s = new EncoderLayerState(c, n);
      ls.add(s);
      all.addAll(s.neuronLayers());
    }
    layers = Collections.unmodifiableList(ls);
    neuronLayers = Collections.unmodifiableList(all);
    classifierAcc = new double[net.classifier().out()];
    classifierOut = new ValueBuffer(1, net.classifier().out());
    logits = new ValueBuffer(1, c.numClasses());
    softmaxScratch = new double[n];
  }

  /** Neuron layers in the order of {@link SpikingEncoder#neuronLayers()}. */
  List<SpikeBuffer> neuronLayers() {
    return neuronLayers;
  }

  void reset() {
    embeddings.reset();
    embeddingSpikes.reset();
    embeddingValue.reset();
    for (EncoderLayerState l : layers) {
      l.reset();
    }
    Arrays.fill(classifierAcc, 0);
    classifierOut.reset();
    logits.reset();
    mask = null;
  }
}
