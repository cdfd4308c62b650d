package io.squidlens.parse;

/**
 * Why a line is not a log record. Each constant carries the message shown to users after {@code
 * file:line: malformed line:}.
 */
public enum LineProblem {
  WHITESPACE_ONLY("line holds only whitespace"),
  TOO_LONG("line longer than the 65536-byte limit (Squid itself cuts records at 8 KB)"),
  CUT_AT_RECORD_LIMIT("record cut at Squid's 8 KB logging limit"),
  BINARY("binary data (NUL or other control bytes), not a log record"),
  CONFLICT_MARKER("version-control conflict marker, not a log record"),
  TWO_RECORDS("two records glued together on one line (a missing newline)"),
  NO_TIMESTAMP("expected a timestamp such as 1763712000.123 at the start of the record"),
  NO_ELAPSED("expected the elapsed time in milliseconds after the timestamp"),
  NO_CLIENT("expected the client address after the elapsed time"),
  NO_RESULT_CODE("expected result code and status such as TCP_TUNNEL/200"),
  BAD_STATUS("expected a 1-3 digit HTTP status after the result code"),
  NO_BYTES("expected the reply size in bytes after the result code"),
  NO_METHOD("expected the request method after the reply size"),
  MISSING_FIELDS("too few fields: the line ends before the record does"),
  NO_HIERARCHY("expected hierarchy/peer such as HIER_DIRECT/192.0.2.1 before the content type"),
  FORMAT_MISMATCH("does not match the configured log format"),
  BAD_TIME("unreadable date/time field");

  private final String message;

  LineProblem(String message) {
    this.message = message;
  }

  /** A stable identifier for JSON ({@code no-timestamp}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The human-readable reason, without location. */
  public String message() {
    return message;
  }
}
