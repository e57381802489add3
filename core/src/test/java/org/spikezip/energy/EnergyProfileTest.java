package org.spikezip.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.InvalidInputException;

class EnergyProfileTest {
  @TempDir Path dir;

  @Test
  void readsBothEnergiesAndTheName() throws Exception {
    Path file = Files.writeString(dir.resolve("p.json"), "{\"name\": \"22 nm\", \"e_mac_pj\": 3.1, \"e_ac_pj\": 0.1}");

    EnergyModel m = EnergyProfile.read(file);

    assertThat(m).isEqualTo(new EnergyModel("22 nm", 3.1, 0.1));
    assertThat(m.energyPj(10, 100)).isEqualTo(10 * 3.1 + 100 * 0.1);
  }

  @Test
  void theFileNameNamesAProfileWithoutName() throws Exception {
    Path file = Files.writeString(dir.resolve("chip.json"), "{\"e_mac_pj\": 0, \"e_ac_pj\": 0.5}");

    assertThat(EnergyProfile.read(file)).isEqualTo(new EnergyModel("chip.json", 0, 0.5));
  }

  @Test
  void theDefaultIsTheLiteratures45nmFigure() {
    assertThat(EnergyModel.DEFAULT.eMacPj()).isEqualTo(4.6);
    assertThat(EnergyModel.DEFAULT.eAcPj()).isEqualTo(0.9);
  }

  @Test
  void unknownKeysAreErrors() {
    assertThatThrownBy(() -> EnergyProfile.parse("{\"e_mac_pj\": 4.6, \"e_ac_pj\": 0.9, \"e_mac\": 1}", "p.json",
        "p"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("p.json: unknown key 'e_mac' in energy profile; allowed keys: name, e_mac_pj, e_ac_pj");
  }

  @Test
  void missingNegativeInfiniteOrNonNumericEnergiesAreErrors() {
    assertThatThrownBy(() -> EnergyProfile.parse("{\"e_mac_pj\": 4.6}", "p.json", "p"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("p.json: energy profile is missing key 'e_ac_pj' (pJ per operation)");
    assertThatThrownBy(() -> EnergyProfile.parse("{\"e_mac_pj\": -1, \"e_ac_pj\": 0.9}", "p.json", "p"))
        .hasMessage("p.json: energy profile key 'e_mac_pj' must be finite and not negative, got -1.0");
    assertThatThrownBy(() -> EnergyProfile.parse("{\"e_mac_pj\": 1e400, \"e_ac_pj\": 0.9}", "p.json", "p"))
        .hasMessage("p.json: energy profile key 'e_mac_pj' must be finite and not negative, got Infinity");
    assertThatThrownBy(() -> EnergyProfile.parse("{\"e_mac_pj\": \"4.6\", \"e_ac_pj\": 0.9}", "p.json", "p"))
        .hasMessage("p.json: energy profile key 'e_mac_pj' must be a number of pJ, got \"4.6\"");
    assertThatThrownBy(() -> EnergyProfile.parse("{\"name\": 3, \"e_mac_pj\": 1, \"e_ac_pj\": 0.9}", "p.json", "p"))
        .hasMessage("p.json: energy profile key 'name' must be a non-empty string, got 3");
  }

  @Test
  void malformedJsonAndMissingFilesAreErrors() {
    assertThatThrownBy(() -> EnergyProfile.parse("[1, 2]", "p.json", "p"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("p.json: an energy profile is a JSON object with keys name, e_mac_pj, e_ac_pj, got [1,2]");
    assertThatThrownBy(() -> EnergyProfile.parse("{\"e_mac_pj\": ", "p.json", "p"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("p.json: not valid JSON (");
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> EnergyProfile.read(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(missing + ": no such file (an energy profile must exist)");
  }

  @Test
  void theModelRejectsBadFiguresFromCode() {
    assertThatThrownBy(() -> new EnergyModel("x", Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eMacPj must be finite and not negative, got NaN");
    assertThatThrownBy(() -> new EnergyModel(" ", 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
