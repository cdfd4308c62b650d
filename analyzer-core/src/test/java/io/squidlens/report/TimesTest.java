package io.squidlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimesTest {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static String formatter(long millis) {
    return ISO.format(Instant.ofEpochMilli(millis));
  }

  @Test
  void iso_writesWhatTheIsoPatternWrites_acrossTheYearsLogsLiveIn() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long millis = random.nextLong(0, 253_402_300_800_000L);
      assertEquals(formatter(millis), Times.iso(millis), () -> "at " + millis);
    }
  }

  @Test
  void iso_writesTheEdgesOfDaysYearsAndLeapDays() {
    long[] edges = {
      0,
      999,
      1000,
      86_399_999,
      951_782_400_000L, // 2000-02-29
      951_868_799_999L, // 2000-02-29T23:59:59.999
      4_107_542_399_999L, // 2100-02-28T23:59:59.999 (no leap day)
      1_763_712_000_031L,
      253_402_300_799_999L // 9999-12-31T23:59:59.999
    };
    for (long millis : edges) {
      assertEquals(formatter(millis), Times.iso(millis), () -> "at " + millis);
    }
  }

  @Test
  void iso_fallsBackToThePatternBefore1970AndFromTheYear10000() {
    for (long millis : new long[] {-1, -86_400_000L * 365 * 3000, 253_402_300_800_000L}) {
      assertEquals(formatter(millis), Times.iso(millis), () -> "at " + millis);
    }
  }

  @Test
  void iso_isNullForTheNoneSentinels() {
    assertNull(Times.iso(Long.MAX_VALUE));
    assertNull(Times.iso(Long.MIN_VALUE));
  }
}
