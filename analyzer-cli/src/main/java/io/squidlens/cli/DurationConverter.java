package io.squidlens.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Reads durations such as {@code 5s}, {@code 1500ms}, {@code 2m}, {@code 1h} or plain seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      }
      if (v.endsWith("h")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
      }
      if (v.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (examples: 5s, 1500ms, 2m, 1h)");
    }
  }
}
