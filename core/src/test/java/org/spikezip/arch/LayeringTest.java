package org.spikezip.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Packages follow the pipeline (STYLE §1): a package may use only the packages listed after it.
 * Stages not in the core module (cli, report, train) sit above all of these.
 */
class LayeringTest {
  /** Top to bottom. */
  private static final List<String> LAYERS = List.of(
      "org.spikezip.energy..",
      "org.spikezip.sim..",
      "org.spikezip.snn..",
      "org.spikezip.convert..",
      "org.spikezip.quant..",
      "org.spikezip.model..",
      "org.spikezip.data..",
      "org.spikezip.io..",
      "org.spikezip.kernel..",
      "org.spikezip.tensor..",
      "org.spikezip.error..");

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.spikezip");

  @Test
  void noStageUsesALaterStage() {
    for (int i = 1; i < LAYERS.size(); i++) {
      String[] above = LAYERS.subList(0, i).toArray(new String[0]);
      noClasses().that().resideInAPackage(LAYERS.get(i))
          .should().dependOnClassesThat().resideInAnyPackage(above)
          .because("package " + LAYERS.get(i) + " is below " + Arrays.toString(above))
          .check(classes);
    }
  }

  @Test
  void coreNeverUsesDjl() {
    noClasses().should().dependOnClassesThat().resideInAPackage("ai.djl..").check(classes);
  }

  @Test
  void onlyTheCommandLinePrints() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .check(classes);
  }
}
