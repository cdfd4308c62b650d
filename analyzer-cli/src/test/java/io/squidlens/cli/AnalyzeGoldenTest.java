package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.TestLogs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code squidlens analyze} in every output format: one directory per behaviour
 * under {@code golden/analyze/} (see {@code golden/README.md}).
 */
final class AnalyzeGoldenTest {
  private static final String ROOT = "golden/analyze";
  private static final Map<String, String> FORMATS =
      Map.of("text", "txt", "json", "json", "csv", "csv", "markdown", "md");

  /**
   * Inputs are copied from the classpath to this relative directory, always the same string, so the
   * paths the reports print (and wrap) are the same on every machine; the prefix is then removed
   * from the output.
   */
  private static final Path WORK = Path.of("target", "golden-work");

  static List<String> behaviours() {
    return TestLogs.list(ROOT);
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String b : behaviours()) {
      for (String format : new TreeSet<>(FORMATS.keySet())) {
        out.add(Arguments.of(b, format));
      }
    }
    return out.stream();
  }

  private static List<String> args(String behaviour) {
    return TestLogs.text(ROOT + "/" + behaviour + "/args").lines().toList();
  }

  @ParameterizedTest(name = "{0} -o {1}")
  @MethodSource("cases")
  void analyze_matchesGolden(String behaviour, String format) throws IOException {
    List<String> argv = new ArrayList<>(List.of("analyze", "-o", format));
    for (String arg : args(behaviour)) {
      int eq = arg.indexOf("=sample-logs/");
      if (arg.startsWith("sample-logs/")) {
        argv.add(TestLogs.copyKeepingPath(arg, WORK).toString());
      } else if (eq > 0 && !arg.startsWith("-")) {
        // --source NAME=PATH: the label stays, the path is the copied sample
        argv.add(arg.substring(0, eq + 1) + TestLogs.copyKeepingPath(arg.substring(eq + 1), WORK));
      } else if (!arg.startsWith("-") && TestLogs.exists(ROOT + "/" + behaviour + "/" + arg)) {
        argv.add(TestLogs.copy(ROOT + "/" + behaviour + "/" + arg, WORK).toString());
      } else {
        argv.add(arg);
      }
    }
    MainTest.Run r = MainTest.run(argv.toArray(new String[0]));
    assertEquals(exitCode(behaviour), r.code(), r.err());
    String work = WORK + File.separator;
    String out =
        r.out()
            .replace(work, "")
            .replace(work.replace("-", "\\-"), "")
            .replace(VersionProvider.version(), "<version>");
    Golden.check(ROOT + "/" + behaviour + "/expected." + FORMATS.get(format), out);
  }

  /** The exit code a case expects: 0 unless its directory holds an {@code exit} file. */
  private static int exitCode(String behaviour) {
    String file = ROOT + "/" + behaviour + "/exit";
    return TestLogs.exists(file) ? Integer.parseInt(TestLogs.text(file).strip()) : 0;
  }

  @Test
  void everyBehaviour_hasArgsAndEveryExpectation_noOrphans() {
    List<String> behaviours = behaviours();
    assertTrue(behaviours.size() >= 5, behaviours::toString);
    for (String b : behaviours) {
      TreeSet<String> allowed = new TreeSet<>(List.of("args"));
      if (TestLogs.exists(ROOT + "/" + b + "/exit")) {
        allowed.add("exit");
      }
      for (String ext : FORMATS.values()) {
        allowed.add("expected." + ext);
      }
      for (String arg : args(b)) {
        if (!arg.startsWith("-") && TestLogs.exists(ROOT + "/" + b + "/" + arg)) {
          allowed.add(arg);
        }
      }
      TreeSet<String> actual = new TreeSet<>(TestLogs.list(ROOT + "/" + b));
      if (!Golden.REGENERATE) {
        assertEquals(
            allowed.stream().filter(actual::contains).toList().size(),
            actual.size(),
            b + ": files no args line or format accounts for: " + actual);
        assertTrue(actual.containsAll(allowed), b + ": missing " + allowed + " in " + actual);
      }
    }
  }
}
