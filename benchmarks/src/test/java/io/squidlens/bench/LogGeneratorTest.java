package io.squidlens.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.base.ByteScan;
import io.squidlens.parse.LogFormat;
import org.junit.jupiter.api.Test;

final class LogGeneratorTest {
  /** The third field of a native line: time, elapsed, client. */
  private static final java.util.regex.Pattern CLIENT =
      java.util.regex.Pattern.compile("^\\S+ +\\S+ +(\\S+)");

  @Test
  void bytes_sameOptions_sameBytes() {
    LogGenerator.Options o = new LogGenerator.Options(200_000, 500, 7, 1000, false);
    assertArrayEquals(LogGenerator.bytes(o), LogGenerator.bytes(o));
  }

  @Test
  void bytes_differentSeed_differentBytes() {
    assertFalse(
        java.util.Arrays.equals(
            LogGenerator.bytes(new LogGenerator.Options(50_000, 500, 1, 0, false)),
            LogGenerator.bytes(new LogGenerator.Options(50_000, 500, 2, 0, false))));
  }

  @Test
  void bytes_parseWithTheExpectedShareOfMalformedLinesAndDestinations() {
    byte[] log = LogGenerator.bytes(new LogGenerator.Options(4 << 20, 2000, 42, 1000, false));
    LogFormat.Parser parser = LogFormat.of("squid").newParser();
    Accumulator acc = new Accumulator();
    int lines = 0;
    int bad = 0;
    int i = 0;
    while (i < log.length) {
      int nl = ByteScan.indexOf(log, i, log.length, (byte) '\n');
      int e = nl < 0 ? log.length : nl;
      lines++;
      if (parser.parse(log, i, e)) {
        acc.accept(parser.line(), lines);
      } else {
        bad++;
      }
      i = e + 1;
    }
    assertTrue(log.length >= 4 << 20);
    // 1,000 per million requested; allow for chance.
    assertTrue(bad > lines / 2000 && bad < lines / 500, bad + " of " + lines);
    int destinations = acc.destinationCount();
    assertTrue(destinations > 1000 && destinations < 6000, "destinations " + destinations);
  }

  @Test
  void shapes_haveTheirClientsAndDestinations_andEveryLineParses() {
    for (LogGenerator.Shape shape : LogGenerator.Shape.values()) {
      int dests = shape == LogGenerator.Shape.WIDE ? 20_000 : 3_000;
      byte[] log =
          LogGenerator.bytes(new LogGenerator.Options(8 << 20, dests, 42, 0, false, shape));
      LogFormat.Parser parser = LogFormat.of("squid").newParser();
      java.util.Set<String> clients = new java.util.HashSet<>();
      Accumulator acc = new Accumulator();
      int lines = 0;
      int http = 0;
      int i = 0;
      while (i < log.length) {
        int nl = ByteScan.indexOf(log, i, log.length, (byte) '\n');
        int e = nl < 0 ? log.length : nl;
        lines++;
        assertTrue(parser.parse(log, i, e), shape + " line " + lines);
        acc.accept(parser.line(), lines);
        String line = new String(log, i, e - i, java.nio.charset.StandardCharsets.US_ASCII);
        clients.add(CLIENT.matcher(line).results().findFirst().orElseThrow().group(1));
        http += line.contains(" GET http://") ? 1 : 0;
        i = e + 1;
      }
      String what = shape + ": " + clients.size() + " clients, " + http + " of " + lines + " http";
      switch (shape) {
        case NARROW -> {
          assertEquals(200, clients.size(), what);
          assertTrue(http > lines * 0.04 && http < lines * 0.06, what);
          // Host and port: the registry hosts also get plain HTTP on port 80.
          assertTrue(acc.destinationCount() < 6_000, what + ", " + acc.destinationCount());
        }
        case WIDE -> {
          // 8 MiB is about 60,000 lines: most of 260,000 clients appear once at most.
          assertTrue(clients.size() > 40_000, what);
          assertTrue(http > lines * 0.14 && http < lines * 0.16, what);
          assertTrue(acc.destinationCount() > 15_000, what + ", " + acc.destinationCount());
        }
        default -> assertTrue(clients.size() > 200, what);
      }
    }
  }

  @Test
  void parseSize_andParseCount_understandSuffixes() {
    assertEquals(4L << 30, LogGenerator.parseSize("4G"));
    assertEquals(512L << 20, LogGenerator.parseSize("512m"));
    assertEquals(100_000, LogGenerator.parseCount("100k"));
    assertEquals(5_000_000, LogGenerator.parseCount("5M"));
  }
}
