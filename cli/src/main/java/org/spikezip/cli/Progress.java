package org.spikezip.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.SimulationListener;

/**
 * Reports samples done on stderr during a long simulation: nothing for the first few seconds, then
 * one line at most every few seconds. Called from the simulation's worker threads.
 */
final class Progress implements SimulationListener {
  private static final long INTERVAL_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final int total;
  private final long start = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private long lastReport = start;

  Progress(PrintWriter err, int total) {
    this.err = err;
    this.total = total;
  }

  @Override
  public void onSampleEnd(int sample, SampleResult result) {
    int n = done.incrementAndGet();
    long now = System.nanoTime();
    synchronized (this) {
      if (now - lastReport < INTERVAL_NANOS || n == total) {
        return;
      }
      lastReport = now;
    }
    err.printf(Locale.ROOT, "spikezip: simulated %d of %d samples (%.0f s)%n", n, total, (now - start) / 1e9);
    err.flush();
  }
}
