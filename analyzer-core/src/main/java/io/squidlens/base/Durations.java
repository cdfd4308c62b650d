package io.squidlens.base;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads durations as users write them: {@code 5s}, {@code 1500ms}, {@code 2m}, {@code 1h}. Used by
 * the config file and the command line.
 */
public final class Durations {
  private Durations() {}

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
