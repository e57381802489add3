package org.spikezip.cli;

import org.spikezip.sim.Encoding;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How samples are simulated: the input encoding, the step cap and the worker threads. */
final class SimulationOptions {
  @Option(names = "--encoding", paramLabel = "E", defaultValue = "analog",
      description = "How the image enters the SNN: analog (all of it at step 1) or rate (L frames of image/L).")
  Encoding encoding;

  @Option(names = "--max-steps", paramLabel = "T", defaultValue = "512",
      description = "Step cap per sample; each sample stops earlier once quiet. A sample that hits the cap is"
          + " lossy (warned about on stderr).")
  int maxSteps;

  @Option(names = "--threads", paramLabel = "N", showDefaultValue = Visibility.NEVER,
      description = "Worker threads, one sample at a time each (default: all cores). Results do not depend on it.")
  int threads = Runtime.getRuntime().availableProcessors();

  /** Refuses a cap or a thread count below 1 as a usage error. */
  void check(CommandSpec spec) {
    OptionChecks.positive(spec, "--max-steps", maxSteps);
    OptionChecks.positive(spec, "--threads", threads);
  }
}
