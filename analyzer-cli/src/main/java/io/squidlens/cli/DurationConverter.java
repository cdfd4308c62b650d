package io.squidlens.cli;

import io.squidlens.base.BadValueException;
import io.squidlens.base.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads durations such as {@code 5s}, {@code 1500ms}, {@code 2m}, {@code 1h} or plain seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (BadValueException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
