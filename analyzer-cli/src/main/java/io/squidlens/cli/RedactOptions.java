package io.squidlens.cli;

import io.squidlens.report.Redactor;
import picocli.CommandLine.Option;

/** {@code --redact}: pseudonyms for client addresses and user names. */
final class RedactOptions {
  @Option(
      names = "--redact",
      description = {
        "Replace client addresses and user names by pseudonyms (client-1, user-3) in every"
            + " format, malformed-line excerpts included; destinations are kept. Pseudonyms come"
            + " from a keyed hash with a random key per run, so they cannot be reversed by"
            + " guessing."
      })
  boolean redact;

  @Option(
      names = "--redact-key",
      paramLabel = "SECRET",
      description = {
        "Key the pseudonyms with SECRET instead of a random key (implies --redact): the same"
            + " secret gives the same pseudonyms, so redacted reports can be compared."
      })
  String key;

  /** The redactor these options ask for, or null when output is not redacted. */
  Redactor redactor() {
    if (key != null) {
      return Redactor.withKey(key);
    }
    return redact ? Redactor.randomKey() : null;
  }
}
