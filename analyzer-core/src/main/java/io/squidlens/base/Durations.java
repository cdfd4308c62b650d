package io.squidlens.base;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads durations and points in time as users write them: {@code 5s}, {@code 1500ms}, {@code 2m},
 * {@code 1h}; {@code 2025-11-21T10:42:00Z}, an offset, a date, epoch seconds. Used by the options,
 * the config file and the command line.
 */
public final class Durations {
  private Durations() {}

  /**
   * Parses a point in time: an ISO-8601 instant ({@code 2025-11-21T10:42:00Z}), a date and time
   * with an offset ({@code 2025-11-21T19:42:00+09:00}), a date ({@code 2025-11-21}, midnight UTC)
   * or epoch seconds ({@code 1763721720}, {@code 1763721720.5}).
   *
   * @return milliseconds since the epoch
   * @throws BadValueException naming the text when it is none of these
   */
  public static long parseInstant(String text) {
    String v = text.strip();
    try {
      if (v.matches("-?\\d+(\\.\\d{1,3})?")) {
        return new java.math.BigDecimal(v).movePointRight(3).longValueExact();
      }
      if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return java.time.LocalDate.parse(v)
            .atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli();
      }
      return java.time.OffsetDateTime.parse(v).toInstant().toEpochMilli();
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
      throw new BadValueException(
          "'"
              + text
              + "' is not a time (examples: 2025-11-21T10:42:00Z, 2025-11-21T19:42:00+09:00,"
              + " 2025-11-21, 1763721720)",
          e);
    }
  }

  /**
   * Parses {@code text}: a number with {@code ms}, {@code s}, {@code m} or {@code h}, or plain
   * seconds.
   *
   * @throws BadValueException naming the text when it is not a non-negative duration
   */
  public static Duration parse(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        d =
            Duration.ofMillis(
                Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      } else if (v.endsWith("h")) {
        d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
      } else if (v.endsWith("m")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
      } else {
        d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new BadValueException(
          "'" + text + "' is not a duration (examples: 5s, 1500ms, 2m, 1h)", e);
    }
    BadValueException.require(!d.isNegative(), "'%s' is a negative duration", text);
    return d;
  }
}
