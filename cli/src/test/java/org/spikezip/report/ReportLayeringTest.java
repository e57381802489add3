package org.spikezip.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE §1: {@code report} sits below {@code cli}, and only the command line prints. */
class ReportLayeringTest {
  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.spikezip.report");

  @Test
  void theReportDoesNotUseTheCommandLine() {
    noClasses().that().resideInAPackage("org.spikezip.report..")
        .should().dependOnClassesThat().resideInAPackage("org.spikezip.cli..")
        .check(classes);
  }

  @Test
  void theReportDoesNotPrint() {
    noClasses().that().resideInAPackage("org.spikezip.report..")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .check(classes);
  }
}
