package io.squidlens.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Spark front end reaches the core only through its facade, as the command line does. */
final class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.squidlens.spark");

  @Test
  void sparkFrontEnd_usesOnlyTheFacadeTheCommandLineAndTheSharedVocabulary() {
    noClasses()
        .that()
        .resideInAPackage("io.squidlens.spark..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.squidlens.aggregate..",
            "io.squidlens.classify..",
            "io.squidlens.dns..",
            "io.squidlens.net..",
            "io.squidlens.parse..",
            "io.squidlens.recommend..")
        .check(CLASSES);
  }
}
