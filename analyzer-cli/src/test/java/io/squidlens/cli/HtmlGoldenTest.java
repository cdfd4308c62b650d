package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.TestLogs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code analyze -o html}: one directory per case under {@code golden/html/} with
 * {@code args} and {@code expected.html}, the page byte for byte once its {@code <!-- run:} comment
 * (the time and machine of the run) is stripped.
 */
final class HtmlGoldenTest {
  private static final String ROOT = "golden/html";
  private static final Path WORK = Path.of("target", "golden-work");
  private static final Pattern RUN = Pattern.compile("<!-- run:[^\\n]*-->\\n");

  static List<String> cases() {
    return TestLogs.list(ROOT);
  }

  private static String page(String behaviour) throws IOException {
    List<String> argv = new ArrayList<>(List.of("analyze", "-o", "html"));
    for (String arg : TestLogs.text(ROOT + "/" + behaviour + "/args").lines().toList()) {
      if (arg.startsWith("sample-logs/")) {
        argv.add(TestLogs.copyKeepingPath(arg, WORK).toString());
      } else if (!arg.startsWith("-") && TestLogs.exists(ROOT + "/" + behaviour + "/" + arg)) {
        argv.add(TestLogs.copy(ROOT + "/" + behaviour + "/" + arg, WORK).toString());
      } else {
        argv.add(arg);
      }
    }
    MainTest.Run r = MainTest.run(argv.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    return r.out()
        .replace(WORK + File.separator, "")
        .replace(VersionProvider.version(), "<version>");
  }

  /** The page without its run comment, after checking there is exactly one. */
  static String stripRun(String html) {
    Matcher m = RUN.matcher(html);
    assertTrue(m.find(), "no <!-- run: comment");
    String out = m.replaceFirst("");
    assertFalse(RUN.matcher(out).find(), "more than one <!-- run: comment");
    return out;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void htmlReport_matchesGolden(String behaviour) throws IOException {
    Golden.check(ROOT + "/" + behaviour + "/expected.html", stripRun(page(behaviour)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void htmlReport_isTheSameBytesEveryRun_apartFromTheRunComment(String behaviour)
      throws IOException {
    assertEquals(stripRun(page(behaviour)), stripRun(page(behaviour)));
  }

  @Test
  void everyCase_hasArgsAndExpectation_noOrphans() {
    assertFalse(cases().isEmpty());
    for (String b : cases()) {
      TreeSet<String> actual = new TreeSet<>(TestLogs.list(ROOT + "/" + b));
      assertTrue(actual.contains("args") && actual.contains("expected.html"), b + ": " + actual);
    }
  }
}
