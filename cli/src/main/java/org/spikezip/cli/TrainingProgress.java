package org.spikezip.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.spikezip.train.BatchProgress;
import org.spikezip.train.EpochSummary;
import org.spikezip.train.TrainingListener;

/** Shows training progress on stderr: a bar line every few seconds and one line per epoch. */
final class TrainingProgress implements TrainingListener {
  private static final long INTERVAL_NANOS = 3_000_000_000L;
  private final PrintWriter err;
  private long last = System.nanoTime();

  TrainingProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void onBatch(BatchProgress p) {
    long now = System.nanoTime();
    if (now - last < INTERVAL_NANOS && p.batch() != p.batches()) {
      return;
    }
    last = now;
    int width = 30;
    int done = (int) ((long) width * p.batch() / p.batches());
    err.printf(Locale.ROOT, "  %s epoch %d/%d [%s%s] %d/%d batches, loss %.4f%n", stage(p.stage().toString()), p.epoch(),
        p.epochs(), "#".repeat(done), ".".repeat(width - done), p.batch(), p.batches(), p.loss());
    err.flush();
  }

  @Override
  public void onEpoch(EpochSummary s) {
    err.printf(Locale.ROOT, "  %s epoch %d/%d done: loss %.4f, test top-1 %.2f %%, %.0f s (cpu %.0f s), eval %.1f s%n",
        stage(s.stage().toString()), s.epoch(), s.epochs(), s.meanLoss(), 100 * s.testTop1(), s.trainSeconds(),
        s.trainCpuSeconds(), s.evalSeconds());
    err.flush();
  }

  private static String stage(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
