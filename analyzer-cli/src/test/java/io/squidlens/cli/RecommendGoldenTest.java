package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.TestLogs;
import io.squidlens.report.Reports;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code squidlens recommend}: every target (the NO_PROXY ones and the egress
 * rules) on every sample log of the sample-logs module, stdout and stderr as a user sees them, in
 * {@code golden/recommend/<sample>/<target>.txt} (see {@code golden/README.md}).
 */
final class RecommendGoldenTest {
  private static final String ROOT = "golden/recommend";
  private static final String PROXY = "http://10.240.0.4:3128";

  /**
   * Inputs are copied from the classpath to this relative directory, always the same string, so the
   * paths the reports print (and wrap) are the same on every machine; the prefix is then removed
   * from the output.
   */
  private static final Path WORK = Path.of("target", "golden-work");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String sample : TestLogs.sampleLogs()) {
      for (String t : Reports.targets()) {
        out.add(Arguments.of(sample, t));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} --target {1}")
  @MethodSource("cases")
  void recommend_sampleLog_matchesGolden(String sample, String target) {
    String log = "sample-logs/" + sample + "/access.log";
    MainTest.Run r =
        MainTest.run(
            "recommend",
            "--target",
            target,
            "--proxy-url",
            PROXY,
            TestLogs.copyKeepingPath(log, WORK).toString());
    String actual =
        ("$ squidlens recommend --target "
                + target
                + " --proxy-url "
                + PROXY
                + " "
                + log
                + "\n"
                + r.out()
                + "--- stderr\n"
                + r.err()
                + "--- exit "
                + r.code()
                + "\n")
            .replace(WORK + File.separator, "");
    Golden.check(ROOT + "/" + sample + "/" + target + ".txt", actual);
  }

  @Test
  void goldenFiles_haveNoOrphans() {
    TreeSet<String> expected = new TreeSet<>();
    for (String sample : TestLogs.sampleLogs()) {
      for (String t : Reports.targets()) {
        expected.add(sample + "/" + t + ".txt");
      }
    }
    TreeSet<String> actual = new TreeSet<>();
    for (String sample : TestLogs.list(ROOT)) {
      for (String file : TestLogs.list(ROOT + "/" + sample)) {
        actual.add(sample + "/" + file);
      }
    }
    if (!Golden.REGENERATE) {
      assertEquals(expected, actual, "golden files without a sample and target, or missing");
    }
    assertTrue(expected.size() >= 12, "fewer samples than expected: " + expected);
  }
}
