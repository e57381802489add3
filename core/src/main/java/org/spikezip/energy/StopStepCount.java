package org.spikezip.energy;

/**
 * How many samples stopped after {@code steps} steps: quiet (nothing could change any more) or at the
 * step cap (lossy: the SNN may not have reached the QANN's answer).
 */
public record StopStepCount(int steps, int quiescent, int capped) {
  public int samples() {
    return quiescent + capped;
  }
}
