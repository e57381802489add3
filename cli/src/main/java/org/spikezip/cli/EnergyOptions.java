package org.spikezip.cli;

import java.nio.file.Path;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyProfile;
import org.spikezip.error.InvalidInputException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The energy per operation: the 45 nm default, or a JSON profile, with {@code --e-mac} and
 * {@code --e-ac} overriding either.
 */
final class EnergyOptions {
  @Option(names = "--e-mac", paramLabel = "PJ",
      description = "Energy of one multiply-accumulate, pJ (default " + EnergyModel.DEFAULT_MAC_PJ
          + ", 45 nm; overrides the profile's).")
  Double macPj;

  @Option(names = "--e-ac", paramLabel = "PJ",
      description = "Energy of one accumulate, pJ (default " + EnergyModel.DEFAULT_AC_PJ
          + ", 45 nm; overrides the profile's).")
  Double acPj;

  @Option(names = "--energy-profile", paramLabel = "FILE",
      description = "JSON file {\"name\": ..., \"" + EnergyProfile.MAC_KEY + "\": ..., \"" + EnergyProfile.AC_KEY
          + "\": ...} with the energy per operation in pJ; other keys are errors.")
  Path profile;

  /** The model these options describe. */
  EnergyModel resolve(CommandSpec spec) throws InvalidInputException {
    EnergyModel base = profile == null ? EnergyModel.DEFAULT : EnergyProfile.read(profile);
    if (macPj == null && acPj == null) {
      return base;
    }
    check(spec, "--e-mac", macPj);
    check(spec, "--e-ac", acPj);
    return new EnergyModel(base.name() + ", set on the command line", macPj == null ? base.eMacPj() : macPj,
        acPj == null ? base.eAcPj() : acPj);
  }

  private static void check(CommandSpec spec, String option, Double pj) {
    if (pj != null && (!(pj >= 0) || pj.isInfinite())) {
      throw new ParameterException(spec.commandLine(), option + " must be finite and not negative (pJ), got " + pj);
    }
  }
}
