package org.spikezip.sim;

/**
 * When a sample's simulation ends, decided per sample: at quiescence (a step after the last input
 * in which no neuron spiked, so nothing can change any more) or at the cap, whichever comes first;
 * or always at the cap.
 *
 * @param maxSteps the cap T
 * @param untilQuiet whether to stop early at quiescence
 */
public record StopRule(int maxSteps, boolean untilQuiet) {
  public StopRule {
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("max steps must be positive, got " + maxSteps);
    }
  }

  public static StopRule quiescent(int maxSteps) {
    return new StopRule(maxSteps, true);
  }

  public static StopRule fixed(int steps) {
    return new StopRule(steps, false);
  }
}
