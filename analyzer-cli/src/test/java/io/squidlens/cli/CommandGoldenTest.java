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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files for {@code squidlens explain}, {@code check} and {@code diff} in every format they
 * write: one directory per behaviour under {@code golden/explain/}, {@code golden/check/} and
 * {@code golden/diff/} (see {@code golden/README.md}).
 */
final class CommandGoldenTest {
  private static final List<String> COMMANDS = List.of("explain", "check", "diff");
  private static final Map<String, String> FORMATS = Map.of("text", "txt", "json", "json");
  private static final Map<String, String> DIFF_FORMATS =
      Map.of("text", "txt", "json", "json", "markdown", "md");

  private static Map<String, String> formats(String command) {
    return command.equals("diff") ? DIFF_FORMATS : FORMATS;
  }

  /** Inputs are copied here, always the same relative path, so printed paths do not vary. */
  private static final Path WORK = Path.of("target", "golden-work");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String command : COMMANDS) {
      for (String b : TestLogs.list("golden/" + command)) {
        for (String format : new TreeSet<>(formats(command).keySet())) {
          out.add(Arguments.of(command, b, format));
        }
      }
    }
    return out.stream();
  }

  private static List<String> args(String dir) {
    return TestLogs.text(dir + "/args").lines().toList();
  }

  @ParameterizedTest(name = "{0} {1} -o {2}")
  @MethodSource("cases")
  void command_matchesGolden(String command, String behaviour, String format) throws IOException {
    String dir = "golden/" + command + "/" + behaviour;
    List<String> argv = new ArrayList<>(List.of(command, "-o", format));
    for (String arg : args(dir)) {
      if (arg.startsWith("sample-logs/")) {
        argv.add(TestLogs.copyKeepingPath(arg, WORK).toString());
      } else {
        argv.add(arg);
      }
    }
    MainTest.Run r = MainTest.run(argv.toArray(new String[0]));
    String file = dir + "/exit";
    int exit = TestLogs.exists(file) ? Integer.parseInt(TestLogs.text(file).strip()) : 0;
    assertEquals(exit, r.code(), r.err());
    String out =
        r.out().replace(WORK + File.separator, "").replace(VersionProvider.version(), "<version>");
    Golden.check(dir + "/expected." + formats(command).get(format), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"explain", "check", "diff"})
  void everyBehaviour_hasArgsAndBothExpectations_noOrphans(String command) {
    List<String> behaviours = TestLogs.list("golden/" + command);
    assertTrue(behaviours.size() >= 2, command + ": " + behaviours);
    for (String b : behaviours) {
      String dir = "golden/" + command + "/" + b;
      TreeSet<String> allowed = new TreeSet<>(List.of("args"));
      formats(command).values().forEach(ext -> allowed.add("expected." + ext));
      if (TestLogs.exists(dir + "/exit")) {
        allowed.add("exit");
      }
      TreeSet<String> actual = new TreeSet<>(TestLogs.list(dir));
      if (!Golden.REGENERATE) {
        assertEquals(allowed, actual, dir);
      }
    }
  }
}
