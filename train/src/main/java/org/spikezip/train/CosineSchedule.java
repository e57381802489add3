package org.spikezip.train;

/**
 * Linear warm-up then cosine decay of the learning rate, per optimizer step {@code t = 0, 1, ...}:
 *
 * <pre>
 * lr(t) = peak * (t + 1) / warmup                                      t &lt; warmup
 * lr(t) = min + (peak - min) * (1 + cos(pi * (t - warmup) / (total - warmup))) / 2   otherwise
 * </pre>
 *
 * @param peak the learning rate reached after warm-up
 * @param min the learning rate at the end
 * @param warmupSteps steps of linear warm-up, at most {@code totalSteps}
 * @param totalSteps all optimizer steps of the run
 */
public record CosineSchedule(double peak, double min, long warmupSteps, long totalSteps) {
  public CosineSchedule {
    if (!(peak > 0) || !(min >= 0) || min > peak) {
      throw new IllegalArgumentException("need 0 <= min <= peak and peak > 0, got min " + min + ", peak " + peak);
    }
    if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
      throw new IllegalArgumentException(
          "need 0 <= warmupSteps <= totalSteps and totalSteps >= 1, got " + warmupSteps + " and " + totalSteps);
    }
  }

  /** The learning rate of step {@code t}. */
  public double at(long t) {
    if (t < warmupSteps) {
      return peak * (t + 1) / warmupSteps;
    }
    long span = totalSteps - warmupSteps;
    double progress = span == 0 ? 1 : Math.min(1.0, (double) (t - warmupSteps) / span);
    return min + (peak - min) * (1 + Math.cos(Math.PI * progress)) / 2;
  }
}
