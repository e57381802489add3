package org.spikezip.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.model.EncoderInput;

/**
 * Runs a {@link SpikingEncoder} on tokenized sequences, each stopping on its own (per-sample stop
 * rule). State is allocated once per sequence length and reused; {@link #run} is not thread-safe,
 * {@link #runAll} gives each worker thread its own states.
 *
 * <p>Contract: with {@link StopRule#quiescent}, at the stop every neuron layer's tracer equals the
 * codes of {@link org.spikezip.quant.EncoderQannForward} under the same quantizer name and the
 * logits equal the QANN's bit for bit. Per-layer activity (spikes, ACs, MACs, neuron updates per
 * step) follows {@code EncoderOpCounter}'s rules, the last entry being {@code head}.
 */
public final class EncoderSimulator {
  private final SpikingEncoder net;
  private final StopRule stopRule;
  private final Map<Integer, EncoderSimState> states = new HashMap<>();

  public EncoderSimulator(SpikingEncoder net, StopRule stopRule) {
    this.net = net;
    this.stopRule = stopRule;
  }

  /** Simulates one sequence on the caller's thread. */
  public SampleResult run(EncoderInput input) {
    EncoderSimState s = states.computeIfAbsent(input.length(), n -> new EncoderSimState(net, n));
    return new EncoderRunner(net, stopRule).run(input, s);
  }

  /** Simulates every sequence with {@code threads} workers; results in input order, independent of the thread count. */
  public List<SampleResult> runAll(List<EncoderInput> inputs, int threads) {
    return SampleWorkers.run(inputs.size(), threads, () -> {
      EncoderSimulator own = new EncoderSimulator(net, stopRule);
      return i -> own.run(inputs.get(i));
    });
  }
}
