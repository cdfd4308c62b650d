package io.squidlens.report;

import java.util.List;
import java.util.Objects;

/**
 * How a report was produced, for reports that travel (a support ticket must say which version read
 * which files with which options). Holds no wall-clock time, so reports stay reproducible.
 * Immutable. Made by the front ends; written by the reports.
 *
 * @param version the squidlens version
 * @param arguments the command-line arguments, secrets already masked
 * @param redacted whether client addresses and user names were replaced by pseudonyms
 */
public record Provenance(String version, List<String> arguments, boolean redacted) {
  /** Checks fields and copies the list. */
  public Provenance {
    Objects.requireNonNull(version, "version");
    arguments = List.copyOf(arguments);
  }
}
