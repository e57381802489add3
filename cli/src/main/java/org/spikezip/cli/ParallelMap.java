package org.spikezip.cli;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Applies a function to every item on a pool of a given size, keeping the items' order. */
final class ParallelMap {
  private ParallelMap() {}

  static <T, R> List<R> map(List<T> items, int threads, Function<T, R> f) {
    if (threads == 1) {
      return items.stream().map(f).collect(Collectors.toList());
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> items.parallelStream().map(f).collect(Collectors.toList())).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException("bug: worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
