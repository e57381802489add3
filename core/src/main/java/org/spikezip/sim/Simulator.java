package org.spikezip.sim;

import java.util.List;
import org.spikezip.convert.SpikingVit;

/**
 * Runs a {@link SpikingVit} on a batch of images. Samples are independent (each stops on its own)
 * and are split across threads; each thread owns one {@link SimState}. Results come back in input
 * order and do not depend on the thread count.
 */
public final class Simulator {
  private final SpikingVit net;
  private final Encoding encoding;
  private final StopRule stopRule;
  private final boolean neuronDetail;

  public Simulator(SpikingVit net, Encoding encoding, StopRule stopRule) {
    this(net, encoding, stopRule, true);
  }

  private Simulator(SpikingVit net, Encoding encoding, StopRule stopRule, boolean neuronDetail) {
    this.net = net;
    this.encoding = encoding;
    this.stopRule = stopRule;
    this.neuronDetail = neuronDetail;
  }

  /**
   * A simulator whose results keep per-layer totals only, without each neuron's final count and
   * spike total (which take a few hundred kilobytes per sample even for small models): for runs
   * over whole datasets.
   */
  public Simulator withoutNeuronDetail() {
    return new Simulator(net, encoding, stopRule, false);
  }

  /** A fresh state for this network (one per thread). */
  public SimState newState() {
    return new SimState(net);
  }

  /** Simulates one image {@code [inChans, imgSize, imgSize]} on the caller's thread. */
  public SampleResult run(double[] image, SimState state, SimulationListener listener) {
    return new VitRunner(net, encoding, stopRule, neuronDetail).run(0, image, state, listener);
  }

  /** Simulates every image with {@code threads} worker threads. */
  public List<SampleResult> runAll(List<double[]> images, int threads, SimulationListener listener) {
    return SampleWorkers.run(images.size(), threads, () -> {
      SimState state = newState();
      VitRunner runner = new VitRunner(net, encoding, stopRule, neuronDetail);
      return i -> runner.run(i, images.get(i), state, listener);
    });
  }
}
