package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class StrftimePatternTest {
  private static long parse(String pattern, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return StrftimePattern.compile(pattern).parse(b, 0, b.length);
  }

  @Test
  void parse_squidDefault_withOffsets() {
    assertEquals(
        1763712000000L, parse(StrftimePattern.SQUID_DEFAULT, "21/Nov/2025:08:00:00 +0000"));
    assertEquals(
        1763712000000L, parse(StrftimePattern.SQUID_DEFAULT, "21/Nov/2025:03:00:00 -0500"));
  }

  @Test
  void parse_garbage_isMinValue() {
    assertEquals(
        Long.MIN_VALUE, parse(StrftimePattern.SQUID_DEFAULT, "21/Foo/2025:08:00:00 +0000"));
    assertEquals(Long.MIN_VALUE, parse(StrftimePattern.SQUID_DEFAULT, "21/Nov/2025"));
  }

  @Test
  void daysFromCivil_agreesWithJavaTime_forRandomDates() {
    long seed = 20251121L;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 10_000; i++) {
      LocalDate d = LocalDate.ofEpochDay(r.nextLong(-800_000, 800_000));
      assertEquals(
          d.toEpochDay(),
          StrftimePattern.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()),
          () -> "seed " + seed + ": " + d);
    }
  }

  @Test
  void compile_unsupportedConversion_named() {
    assertThrows(IllegalArgumentException.class, () -> StrftimePattern.compile("%Q"));
  }
}
