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
  void parseSize_andParseCount_understandSuffixes() {
    assertEquals(4L << 30, LogGenerator.parseSize("4G"));
    assertEquals(512L << 20, LogGenerator.parseSize("512m"));
    assertEquals(100_000, LogGenerator.parseCount("100k"));
    assertEquals(5_000_000, LogGenerator.parseCount("5M"));
  }
}
