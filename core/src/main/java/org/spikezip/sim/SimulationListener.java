package org.spikezip.sim;

/**
 * Observes a simulation step by step (energy counting, traces, progress). Called from the worker
 * thread that simulates the sample, so implementations must be thread-safe across samples; they
 * must only read the state.
 */
public interface SimulationListener {
  /** After step {@code t} (1-based) of sample {@code sample} of a ViT ({@link Simulator}). */
  default void onStep(int sample, int t, SimState state) {}

  /** After the sample stopped. */
  default void onSampleEnd(int sample, SampleResult result) {}

  SimulationListener NONE = new SimulationListener() {};
}
