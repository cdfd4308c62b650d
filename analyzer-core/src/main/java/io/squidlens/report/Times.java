package io.squidlens.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Timestamps in reports: always UTC, always with milliseconds, never locale-dependent. */
final class Times {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Times() {}

  /** ISO-8601 UTC with milliseconds, or null for the "none" sentinels. */
  static String iso(long epochMillis) {
    if (epochMillis == Long.MAX_VALUE || epochMillis == Long.MIN_VALUE) {
      return null;
    }
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }
}
