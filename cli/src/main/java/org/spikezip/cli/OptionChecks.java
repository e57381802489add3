package org.spikezip.cli;

import java.util.function.Supplier;
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

  /** What {@code build} returns; an {@link IllegalArgumentException} from it (a record refusing an option combination) is a usage error. */
  static <T> T checked(CommandSpec spec, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
