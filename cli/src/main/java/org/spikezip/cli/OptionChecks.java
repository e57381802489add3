package org.spikezip.cli;

import org.spikezip.error.InvalidInputException;
import org.spikezip.quant.QannCheckpoint;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of option values that picocli's type conversion cannot make; failures are usage errors. */
final class OptionChecks {
  private OptionChecks() {}

  static void positive(CommandSpec spec, String option, long value) {
    if (value <= 0) {
      throw new ParameterException(spec.commandLine(), option + " must be positive, got " + value);
    }
  }

  static void level(CommandSpec spec, int level) {
    try {
      QannCheckpoint.checkLevel(level, "--level");
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
