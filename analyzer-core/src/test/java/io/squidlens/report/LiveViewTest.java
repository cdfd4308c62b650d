package io.squidlens.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.AnalyzerOptions;
import io.squidlens.LiveAnalysis.NewDestination;
import io.squidlens.TestLogs;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
import io.squidlens.parse.InputSource;
import io.squidlens.recommend.NoProxyRecommender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Follow's live view fits the terminal it is given, and keeps its header whatever the size. */
final class LiveViewTest {
  @TempDir Path dir;

  private Analysis sample() throws Exception {
    Path log = TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir);
    return new Analyzer(AnalyzerOptions.builder().dns("off").threads(1).build())
        .analyze(new Analyzer.Inputs(InputSource.resolve(List.of(log.toString()))), null);
  }

  /** Every private destination of the sample, as the view's highlights. */
  private static List<NewDestination> highlights(Analysis a) {
    List<NewDestination> out = new ArrayList<>();
    for (Verdict v : a.verdicts()) {
      if (v.destinationClass().bypassesProxy()) {
        Destination d = Destination.of(v.host(), v.ports().isEmpty() ? -1 : v.ports().get(0));
        out.add(
            new NewDestination(
                d,
                null,
                v.stats().clients().isEmpty() ? null : v.stats().clients().get(0),
                null,
                "access.log",
                1,
                0,
                v.stats().deniedRequests() > 0,
                v.classification(),
                NoProxyRecommender.entryFor(v.classification(), d)));
      }
    }
    return out;
  }

  private static List<String> lines(String frame) {
    String body = frame.startsWith("\u001b[H\u001b[2J") ? frame.substring(7) : frame;
    List<String> out = new ArrayList<>(List.of(body.split("\n", -1)));
    out.remove(out.size() - 1);
    return out;
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"24, 80", "50, 120", "5, 80", "24, 40"})
  void frame_neverExceedsTheTerminal_andKeepsTheHeader(int rows, int cols) throws Exception {
    Analysis a = sample();
    List<String> notices = List.of("access.log was rotated (a new file took its name)");
    for (boolean color : new boolean[] {false, true}) {
      String frame =
          Reports.liveView(a, "access.log", 12.5, highlights(a), notices, true, color, rows, cols);
      List<String> l = lines(frame);
      assertTrue(l.size() <= rows - 1, rows + "x" + cols + ": " + l.size() + " lines\n" + frame);
      for (String line : l) {
        assertTrue(TextReport.visible(line) <= cols, "wider than " + cols + ": " + line);
      }
      assertTrue(l.get(0).contains("squidlens follow"), frame);
      assertTrue(String.join("\n", l).contains("requests/s"), "the rate is in the header");
      assertTrue(String.join("\n", l).contains("internet "), "the counts are in the header");
    }
  }

  @Test
  void tallWindow_showsEverySection_shortOne_cutsFromTheBottomAndSaysSo() throws Exception {
    Analysis a = sample();
    String tall =
        Reports.liveView(a, "access.log", 1, highlights(a), List.of(), true, false, 50, 120);
    assertTrue(tall.contains("Lists so far"), tall);
    assertTrue(tall.contains("Busiest destinations"), tall);
    assertTrue(tall.contains("carried private-endpoint"), "highlights show their class");
    String small =
        Reports.liveView(a, "access.log", 1, highlights(a), List.of(), true, false, 24, 80);
    assertFalse(small.contains("Lists so far"), small);
    assertTrue(small.contains("a taller window shows them"), small);
    String unknown =
        Reports.liveView(a, "access.log", 1, highlights(a), List.of(), false, false, 0, 0);
    assertTrue(unknown.contains("Lists so far"), "no size known: nothing is dropped");
  }
}
