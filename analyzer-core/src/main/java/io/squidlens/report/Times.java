package io.squidlens.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Timestamps in reports: always UTC, always with milliseconds, never locale-dependent. */
final class Times {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Times() {}

  /**
   * A time span for a summary line: {@code 2025-11-21 08:00:00Z to 08:12:31Z (12m 31s)}, the end
   * date repeated only when it differs.
   */
  static String span(long firstMillis, long lastMillis) {
    String from = SHORT.format(Instant.ofEpochMilli(firstMillis));
    String to = SHORT.format(Instant.ofEpochMilli(lastMillis));
    if (to.regionMatches(0, from, 0, 11)) {
      to = to.substring(11);
    }
    return from + " to " + to + " (" + duration(lastMillis - firstMillis) + ")";
  }

  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static String duration(long millis) {
    long s = Math.max(0, millis) / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    if (s < 86400) {
      return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
    return (s / 86400) + "d " + (s % 86400 / 3600) + "h";
  }

  /**
   * A time window in words, {@code window 2025-11-21 10:42:00Z to (no end): 1,234 records outside
   * it not analysed}, or null when the window is unbounded.
   */
  static String window(io.squidlens.Analysis.Window w, long outside) {
    if (!w.bounded()) {
      return null;
    }
    String from =
        w.since() == Long.MIN_VALUE ? "(no start)" : SHORT.format(Instant.ofEpochMilli(w.since()));
    String to =
        w.until() == Long.MAX_VALUE ? "(no end)" : SHORT.format(Instant.ofEpochMilli(w.until()));
    return String.format(
        Locale.ROOT,
        "window %s to %s, end excluded: %,d record%s outside it not analysed",
        from,
        to,
        outside,
        outside == 1 ? "" : "s");
  }

  /** {@code 2025-11-21 08:00:00Z}: to the second, for labels. */
  static String seconds(long epochMillis) {
    return SHORT.format(Instant.ofEpochMilli(epochMillis));
  }

  /** ISO-8601 UTC with milliseconds, or null for the "none" sentinels. */
  static String iso(long epochMillis) {
    if (epochMillis == Long.MAX_VALUE || epochMillis == Long.MIN_VALUE) {
      return null;
    }
    if (epochMillis < 0 || epochMillis >= YEAR_10000) {
      // Outside 1970-9999 the pattern's sign and width rules apply; no log lives there.
      return ISO.format(Instant.ofEpochMilli(epochMillis));
    }
    // A report prints two per destination and more per example and bucket, and the formatter's
    // walk over its printer-parsers was 6% of the main thread's samples after the parse.
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(
            epochMillis / 1000, (int) (epochMillis % 1000) * 1_000_000, ZoneOffset.UTC);
    byte[] c = new byte[24];
    digits(c, 0, t.getYear(), 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    c[19] = '.';
    digits(c, 20, (int) (epochMillis % 1000), 3);
    c[23] = 'Z';
    return new String(c, StandardCharsets.ISO_8859_1);
  }

  /** 10000-01-01T00:00:00Z: from there the ISO pattern prints a sign and a fifth digit. */
  private static final long YEAR_10000 = 253_402_300_800_000L;

  private static void digits(byte[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
