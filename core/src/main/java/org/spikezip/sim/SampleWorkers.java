package org.spikezip.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs independent samples on worker threads: each worker gets its own state (a function from sample
 * index to result, made once per thread) and takes the next sample until none is left. Results come
 * back in sample order, so they do not depend on the thread count.
 */
final class SampleWorkers {
  private SampleWorkers() {}

  static List<SampleResult> run(int count, int threads, Supplier<IntFunction<SampleResult>> newWorker) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    SampleResult[] results = new SampleResult[count];
    int workers = Math.min(threads, Math.max(1, count));
    if (workers == 1) {
      IntFunction<SampleResult> worker = newWorker.get();
      for (int i = 0; i < count; i++) {
        results[i] = worker.apply(i);
      }
      return List.of(results);
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread th = new Thread(r, "spikezip-sim");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(() -> {
          IntFunction<SampleResult> worker = newWorker.get();
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            results[i] = worker.apply(i);
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
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException("bug: simulation worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return List.of(results);
  }
}
