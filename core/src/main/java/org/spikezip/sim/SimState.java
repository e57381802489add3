package org.spikezip.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.spikezip.convert.SpikingVit;
import org.spikezip.model.VitConfig;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * All dynamic state of one sample's simulation of a {@link SpikingVit}: tracers, pending neurons,
 * accumulators and running values of every layer. Allocated once per worker and
 * {@linkplain #reset() reset} between samples; operators hold none.
 */
public final class SimState {
  final ValueBuffer patchInput;
  final SpikeBuffer patchSpikes;
  final ValueBuffer tokens;
  final List<BlockState> blocks;
  final ValueBuffer norm;
  final SpikeBuffer normSpikes;
  final double[] headAcc;
  final ValueBuffer logits;
  final double[] softmaxScratch;
  double[] patchProjection;
  private final List<SpikeBuffer> neuronLayers;

  SimState(SpikingVit net) {
    VitConfig c = net.config();
    int n = c.numTokens();
    int d = c.embedDim();
    patchInput = new ValueBuffer(c.numPatches(), d);
    patchSpikes = new SpikeBuffer(c.numPatches(), d);
    tokens = new ValueBuffer(n, d);
    List<BlockState> bs = new ArrayList<>();
    for (int b = 0; b < c.depth(); b++) {
      bs.add(new BlockState(c));
    }
    blocks = Collections.unmodifiableList(bs);
    norm = new ValueBuffer(n, d);
    normSpikes = new SpikeBuffer(n, d);
    headAcc = new double[c.numClasses()];
    logits = new ValueBuffer(1, c.numClasses());
    softmaxScratch = new double[n];
    List<SpikeBuffer> layers = new ArrayList<>();
    layers.add(patchSpikes);
    for (BlockState b : blocks) {
      layers.addAll(b.neuronLayers());
    }
    layers.add(normSpikes);
    neuronLayers = Collections.unmodifiableList(layers);
  }

  /** Neuron layers in the order of {@link SpikingVit#neuronLayers()}. */
  public List<SpikeBuffer> neuronLayers() {
    return neuronLayers;
  }

  /** The running logits (the accumulated output). */
  public double[] logits() {
    return logits.values();
  }

  /** Clears everything for a new sample. */
  public void reset() {
    for (SpikeBuffer s : neuronLayers) {
      s.reset();
    }
    patchInput.reset();
    tokens.reset();
    norm.reset();
    logits.reset();
    Arrays.fill(headAcc, 0);
    for (BlockState b : blocks) {
      for (ValueBuffer v : b.valueBuffers()) {
        v.reset();
      }
      for (double[] a : b.accumulators()) {
        Arrays.fill(a, 0);
      }
      b.attention.reset();
    }
  }
}
