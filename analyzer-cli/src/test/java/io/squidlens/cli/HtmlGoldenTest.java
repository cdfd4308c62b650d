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
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
  void table_holdsTheTenThousandBusiest_andSaysWhatItLeftOut(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10_200; i++) {
      // Destination i gets two requests when i < 10,000, one after: the busiest come first.
      for (int k = 0; k < (i < 10_000 ? 2 : 1); k++) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%d.%03d 5 10.0.0.9 TCP_TUNNEL/200 100 CONNECT h%05d.example.com:443 -"
                    + " HIER_DIRECT/203.0.113.9 -",
                1763712000 + i,
                k,
                i));
      }
    }
    Path log = TestLogs.write(dir, "many.log", lines);
    MainTest.Run r = MainTest.run("analyze", "-o", "html", "--dns", "off", log.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(10_000, r.out().split("<tr (hidden )?data-c=", -1).length - 1);
    assertTrue(r.out().contains("<h2>Destinations (10,200)</h2>"));
    assertTrue(
        r.out()
            .contains("destinations; 200 more with 200 requests between them are in every total"),
        "no note of the rows left out");
    assertFalse(r.out().contains("h10100.example.com:443<td>"));
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
