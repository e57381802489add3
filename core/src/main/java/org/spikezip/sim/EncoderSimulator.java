package org.spikezip.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    SampleResult[] results = new SampleResult[inputs.size()];
    int workers = Math.min(threads, Math.max(1, inputs.size()));
    if (workers == 1) {
      for (int i = 0; i < inputs.size(); i++) {
        results[i] = run(inputs.get(i));
      }
      return List.of(results);
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread th = new Thread(r, "spikezip-encoder-sim");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(() -> {
          EncoderSimulator own = new EncoderSimulator(net, stopRule);
          for (int i = next.getAndIncrement(); i < inputs.size(); i = next.getAndIncrement()) {
            results[i] = own.run(inputs.get(i));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("bug: simulation worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return List.of(results);
  }
}
