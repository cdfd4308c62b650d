package io.squidlens.cli;

import java.util.List;
import java.util.Locale;

/** Checks an {@code -o/--output} value against the formats a command writes. */
final class OutputFormats {
  private OutputFormats() {}

  /**
   * The format, lower-cased.
   *
   * @throws UsageException naming the value and the formats the command accepts
   */
  static String require(String given, String... accepted) {
    String f = given.strip().toLowerCase(Locale.ROOT);
    if (List.of(accepted).contains(f)) {
      return f;
    }
    String list =
        accepted.length == 1
            ? accepted[0]
            : String.join(", ", List.of(accepted).subList(0, accepted.length - 1))
                + " or "
                + accepted[accepted.length - 1];
    throw new UsageException("unknown output format '" + given + "': expected " + list);
  }
}
