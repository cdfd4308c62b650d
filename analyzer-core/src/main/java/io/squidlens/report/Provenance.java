package io.squidlens.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a report was produced, for reports that travel (a support ticket must say which version read
 * which files with which options). The reports' bytes depend only on the input and the options:
 * when and where the report was made is written only into the HTML report's one {@code <!-- run:}
 * comment, which a comparison strips. Immutable. Made by the front ends; written by the reports.
 *
 * @param version the squidlens version
 * @param arguments the command-line arguments, secrets already masked
 * @param redacted whether client addresses and user names were replaced by pseudonyms
 * @param ranAt when the report was made, or null to leave it out
 * @param ranOn the name of the machine it was made on, or null to leave it out
 */
public record Provenance(
    String version, List<String> arguments, boolean redacted, Instant ranAt, String ranOn) {
  /** Checks fields and copies the list. */
  public Provenance {
    Objects.requireNonNull(version, "version");
    arguments = List.copyOf(arguments);
  }

  /** Provenance without run-time facts. */
  public Provenance(String version, List<String> arguments, boolean redacted) {
    this(version, arguments, redacted, null, null);
  }
}
