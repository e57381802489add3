package org.spikezip.sim;

import java.util.List;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.model.EncoderInput;

/**
 * Runs a {@link SpikingEncoder} on tokenized sequences, each stopping on its own (per-sample stop
 * rule). The state of the last sequence length is kept and reused while the length repeats (a
 * state per length would hold gigabytes over 128-token reviews of every length); {@link #run} is
 * not thread-safe, {@link #runAll} gives each worker thread its own state.
 *
 * <p>Contract: with {@link StopRule#quiescent}, at the stop every neuron layer's tracer equals the
 * codes of {@link org.spikezip.quant.EncoderQannForward} under the same quantizer name and the
 * logits equal the QANN's bit for bit. Per-layer activity (spikes, ACs, MACs, neuron updates per
 * step) follows {@code EncoderOpCounter}'s rules, the last entry being {@code head}. A
 * {@link SimulationListener} hears {@link SimulationListener#onSampleEnd} for every sequence (its
 * {@code onStep} takes a ViT's {@link SimState} and is not called here).
 */
public final class EncoderSimulator {
  private final SpikingEncoder net;
  private final StopRule stopRule;
  private final boolean neuronDetail;
  private EncoderSimState state;

  public EncoderSimulator(SpikingEncoder net, StopRule stopRule) {
    this(net, stopRule, true);
  }

  private EncoderSimulator(SpikingEncoder net, StopRule stopRule, boolean neuronDetail) {
    this.net = net;
    this.stopRule = stopRule;
    this.neuronDetail = neuronDetail;
  }

  /**
   * A simulator whose results keep per-layer totals only, without each neuron's final count and
   * spike total (empty {@link SampleResult#spikeCounts} and {@link SampleResult#spikesAbs}): for
   * runs over whole datasets.
   */
  public EncoderSimulator withoutNeuronDetail() {
    return new EncoderSimulator(net, stopRule, false);
  }

  /** Simulates one sequence on the caller's thread. */
  public SampleResult run(EncoderInput input) {
    return run(0, input, SimulationListener.NONE);
  }

  /** Simulates every sequence with {@code threads} workers; results in input order, independent of the thread count. */
  public List<SampleResult> runAll(List<EncoderInput> inputs, int threads) {
    return runAll(inputs, threads, SimulationListener.NONE);
  }

  /**
   * Simulates every sequence with {@code threads} workers, telling {@code listener} as each one
   * ends (from the worker's thread); results in input order, independent of the thread count.
   */
  public List<SampleResult> runAll(List<EncoderInput> inputs, int threads, SimulationListener listener) {
    return SampleWorkers.run(inputs.size(), threads, () -> {
      EncoderSimulator own = new EncoderSimulator(net, stopRule, neuronDetail);
      return i -> own.run(i, inputs.get(i), listener);
    });
  }

  private SampleResult run(int sample, EncoderInput input, SimulationListener listener) {
    if (state == null || state.length != input.length()) {
      state = null; // let the old arrays go before the new ones are allocated
      state = new EncoderSimState(net, input.length());
    }
    EncoderSimState s = state;
    SampleResult r = new EncoderRunner(net, stopRule, neuronDetail).run(input, s);
    listener.onSampleEnd(sample, r);
    return r;
  }
}
