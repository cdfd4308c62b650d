package io.squidlens.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries, checked over the class files: what leaves {@code parse}, what the command
 * line may touch, that packages depend one way, and how many core types are public.
 */
final class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          // Test classes of this module and of the core's test jar are not the product.
          .withImportOption(
              location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
          .importPackages("io.squidlens");

  /**
   * What parse lets out: the read-only line view, the record and the problem a line becomes, and
   * the reader facade (the reader, its inputs, formats and result). Their nested types go with
   * them.
   */
  private static final Set<String> PARSE_EXPORTS =
      Set.of(
          "LineView",
          "LogRecord",
          "ParseProblem",
          "LogReader",
          "InputSource",
          "LogFormat",
          "ReadResult");

  /** The core packages behind the facade. */
  private static final List<String> FORBIDDEN_FOR_CLI =
      List.of(
          "io.squidlens.aggregate",
          "io.squidlens.classify",
          "io.squidlens.dns",
          "io.squidlens.net",
          "io.squidlens.parse",
          "io.squidlens.recommend");

  private static final DescribedPredicate<JavaClass> PARSE_INTERNALS =
      DescribedPredicate.describe(
          "types of io.squidlens.parse other than " + PARSE_EXPORTS,
          c ->
              c.getPackageName().equals("io.squidlens.parse")
                  && !PARSE_EXPORTS.contains(topLevel(c).getSimpleName()));

  private static JavaClass topLevel(JavaClass c) {
    JavaClass t = c;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }

  @Test
  void parseInternals_areUsedOnlyInsideParse() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.squidlens.parse")
        .should()
        .dependOnClassesThat(PARSE_INTERNALS)
        .check(CLASSES);
  }

  @Test
  void commandLine_usesOnlyTheFacadeTheReportsAndTheSharedVocabulary() {
    // The facade (Analyzer, Analysis, LiveAnalysis) and the options live in io.squidlens itself;
    // base holds the errors the exit codes map and the option names the flags spell.
    noClasses()
        .that()
        .resideInAPackage("io.squidlens.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FORBIDDEN_FOR_CLI.stream().map(p -> p + "..").toArray(String[]::new))
        .check(CLASSES);
  }

  @Test
  void commandLine_receivesNoCoreInternalsThroughTheFacade() {
    // A call's target is a facade type, but what it returns or takes could still be an internal
    // one (analysis.summary()): the calls themselves are checked too.
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : CLASSES) {
      if (!c.getPackageName().startsWith("io.squidlens.cli")) {
        continue;
      }
      for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
        List<JavaClass> types = new ArrayList<>(call.getTarget().getRawParameterTypes());
        types.add(call.getTarget().getRawReturnType());
        for (JavaClass t : types) {
          if (FORBIDDEN_FOR_CLI.stream().anyMatch(p -> t.getPackageName().startsWith(p))) {
            leaks.add(call.getDescription());
          }
        }
      }
    }
    assertTrue(leaks.isEmpty(), String.join("\n", leaks));
  }

  @Test
  void corePackages_dependOneWay() {
    slices()
        .matching("io.squidlens.(*)..")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .check(CLASSES);
  }

  @Test
  void corePublicTopLevelTypes_areAtMostFortyFive() {
    List<String> open =
        CLASSES.stream()
            .filter(c -> c.getPackageName().startsWith("io.squidlens"))
            .filter(c -> !c.getPackageName().startsWith("io.squidlens.cli"))
            .filter(c -> c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC))
            .map(JavaClass::getName)
            .sorted()
            .toList();
    assertTrue(open.size() > 10, "the core's classes were not found: " + open);
    assertTrue(open.size() <= 45, open.size() + " public types: " + open);
  }
}
