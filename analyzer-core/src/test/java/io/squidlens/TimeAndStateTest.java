package io.squidlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.base.InputException;
import io.squidlens.classify.TrafficClass;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time windows, the class timeline, and the state that carries counts across runs. */
final class TimeAndStateTest {
  @TempDir Path dir;

  private static String line(long epochSeconds, int n) {
    return String.format(
        Locale.ROOT,
        "%d.000 5 10.0.0.1 TCP_TUNNEL/200 100 CONNECT host-%d.example:443 - HIER_DIRECT/198.51.100.1"
            + " -",
        epochSeconds,
        n % 7);
  }

  private static AnalyzerOptions.Builder options() {
    return AnalyzerOptions.builder().threads(2).profile("kubernetes");
  }

  private Analysis analyze(AnalyzerOptions.Builder b, String... files) throws IOException {
    Analyzer a = new Analyzer(b.build());
    return a.analyze(a.inputs(List.of(files)), null);
  }

  @Test
  void window_recordAtUntilIsOutside_recordAtSinceInside_andOutsideOnesAreCounted()
      throws IOException {
    Path log =
        Files.write(
            dir.resolve("w.log"),
            List.of(line(1000, 1), line(1009, 2), line(1010, 3), line(1019, 4), line(1020, 5)));
    Analysis a = analyze(options().since("1010").until("1970-01-01T00:17:00Z"), log.toString());
    assertEquals(5, a.lines());
    assertEquals(5, a.summary().parsedLines());
    assertEquals(3, a.summary().outsideWindowLines());
    assertEquals(2, a.summary().records(), "1010 and 1019 are inside [1010, 1020)");
    assertEquals(1_010_000, a.summary().firstSeen());
    assertEquals(1_019_000, a.summary().lastSeen());
  }

  @Test
  void timeline_bucketsOfEachClassAddUpToItsTotal() throws IOException {
    Analysis a =
        analyze(
            options(),
            TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir).toString());
    for (TrafficClass c : TrafficClass.values()) {
      long sum = 0;
      for (Analysis.Timeline.Bucket b : a.timeline().buckets()) {
        sum += b.requests(c);
      }
      assertEquals(a.totals(c).requests(), sum, c.id());
    }
    assertEquals(1000, a.timeline().bucketMillis());
  }

  /** Appends lines {@code [from, to)} to {@code file}. */
  private static int append(Path file, int from, int to) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      lines.add(line(1_763_712_000L + i, i));
    }
    Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return to;
  }

  private static void gzip(Path from, Path to) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
    Files.delete(from);
  }

  private Analysis daily(Path state) throws IOException {
    List<String> logs = new ArrayList<>();
    try (var listing = Files.list(dir)) {
      listing
          .filter(p -> p.getFileName().toString().startsWith("access.log"))
          .forEach(p -> logs.add(p.toString()));
    }
    Analyzer a = new Analyzer(options().build());
    return a.analyze(a.inputs(logs), null, state);
  }

  @Test
  void state_dailyRunsThroughRenameAndGzip_countEveryLineExactlyOnce() throws IOException {
    Path log = dir.resolve("access.log");
    Path state = dir.resolve("squidlens.state");
    int n = append(log, 0, 300);
    assertEquals(300, daily(state).summary().records());
    // Day 2: more lines, then squid -k rotate: access.log -> access.log.1, a new access.log.
    n = append(log, n, 450);
    Files.move(log, dir.resolve("access.log.1"));
    n = append(log, n, 500);
    assertEquals(500, daily(state).summary().records());
    // Day 3: logrotate compresses .1 into .2.gz, rotates again.
    gzip(dir.resolve("access.log.1"), dir.resolve("access.log.2.gz"));
    n = append(log, n, 520);
    Files.move(log, dir.resolve("access.log.1"));
    n = append(log, n, 600);
    assertEquals(600, daily(state).summary().records());
    // Day 4: nothing new: nothing counted twice.
    Analysis last = daily(state);
    assertEquals(600, last.summary().records());
    assertEquals(n, last.lines());
    // The same as one run over every line.
    Path all = dir.resolve("all.log");
    append(all, 0, 600);
    Analysis once = analyze(options(), all.toString());
    assertEquals(once.classes(), last.classes());
    assertEquals(once.timeline(), last.timeline());
  }

  @Test
  void state_crashBeforeTheRename_leavesTheOldStateIntact() throws IOException {
    Path log = dir.resolve("access.log");
    Path state = dir.resolve("squidlens.state");
    append(log, 0, 100);
    daily(state);
    byte[] before = Files.readAllBytes(state);
    append(log, 100, 200);
    Analyzer a = new Analyzer(options().build());
    Analyzer.Stated next = a.withState(a.inputs(List.of(log.toString())), null, state);
    RuntimeException crash =
        assertThrows(
            RuntimeException.class,
            () ->
                next.state()
                    .write(
                        state,
                        () -> {
                          throw new RuntimeException("killed between write and rename");
                        }));
    assertEquals("killed between write and rename", crash.getMessage());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(state)), "old state intact");
    assertEquals(100, State.read(state).summary().records());
    // The next run picks up where the intact state left off.
    assertEquals(200, daily(state).summary().records());
  }

  @Test
  void state_damagedOrFromANewerVersion_isAnUnusableInputNamingIt() throws IOException {
    Path log = dir.resolve("access.log");
    Path state = dir.resolve("squidlens.state");
    append(log, 0, 50);
    daily(state);
    byte[] good = Files.readAllBytes(state);
    Files.write(state, java.util.Arrays.copyOf(good, good.length / 2));
    InputException damaged = assertThrows(InputException.class, () -> daily(state));
    assertTrue(damaged.unusable(), damaged.getMessage());
    assertTrue(damaged.getMessage().startsWith(state.toString()), damaged.getMessage());

    Files.write(state, good);
    State s = State.read(state);
    Path newer = dir.resolve("newer.state");
    new State(s.inputs(), s.summary()).write(newer, null);
    // Rewrite the version field in place: CBOR stores the small integer after its key.
    byte[] raw;
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(newer))) {
      raw = in.readAllBytes();
    }
    String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("stateVersion") + "stateVersion".length();
    raw[at] = (byte) 0x09;
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(newer))) {
      out.write(raw);
    }
    InputException tooNew = assertThrows(InputException.class, () -> State.read(newer));
    assertTrue(tooNew.unusable());
    assertTrue(tooNew.getMessage().contains("newer squidlens"), tooNew.getMessage());
  }

  @Test
  void states_mergeLikeTheirLogs_andALogGivenAgainIsCountedOnceWithAWarning() throws IOException {
    Path mon = dir.resolve("mon.log");
    Path tue = dir.resolve("tue.log");
    append(mon, 0, 120);
    append(tue, 120, 260);
    Analyzer a = new Analyzer(options().build());
    a.analyze(a.inputs(List.of(mon.toString())), null, dir.resolve("mon.state"));
    a.analyze(a.inputs(List.of(tue.toString())), null, dir.resolve("tue.state"));
    Analysis states =
        a.analyze(
            a.inputs(
                List.of(dir.resolve("mon.state").toString(), dir.resolve("tue.state").toString())),
            null,
            null);
    Analysis logs = a.analyze(a.inputs(List.of(mon.toString(), tue.toString())), null);
    assertEquals(logs.summary().destinations(), states.summary().destinations());
    assertEquals(logs.classes(), states.classes());
    assertEquals(logs.timeline(), states.timeline());

    Analysis twice =
        a.analyze(
            a.inputs(List.of(dir.resolve("mon.state").toString(), mon.toString())), null, null);
    assertEquals(120, twice.summary().records());
    assertTrue(
        twice.warnings().stream().anyMatch(w -> w.contains("already in a state given")),
        twice.warnings()::toString);
    assertFalse(twice.warnings().isEmpty());
  }
}
