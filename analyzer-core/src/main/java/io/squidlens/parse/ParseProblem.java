package io.squidlens.parse;

import java.util.Objects;

/**
 * A line that is not a log record: where it is, why, and a short escaped excerpt. Immutable. What
 * the readers report for such lines, to the aggregates, the reports and the {@code parse} command.
 *
 * @param source the input as given ({@code -} for stdin)
 * @param line 1-based line number within {@code source}
 * @param column 1-based byte column where parsing gave up, or 0 when not meaningful
 * @param reason what is wrong, in words
 * @param excerpt the start of the line with control and non-ASCII bytes escaped
 */
public record ParseProblem(String source, long line, int column, String reason, String excerpt) {

  /** Checks fields. */
  public ParseProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(excerpt, "excerpt");
    io.squidlens.base.Checks.requireArgument(line >= 1, "line %d is not 1-based", line);
  }

  /**
   * Why a line is not a log record. Each constant carries the message shown to users after {@code
   * file:line: malformed line:}.
   */
  public enum Reason {
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

    Reason(String message) {
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

  /**
   * The problem of a malformed line, as the reader handed it over.
   *
   * @param source the input's name
   * @param lineNumber the line's 1-based number in it
   */
  public static ParseProblem of(LineView line, String source, long lineNumber) {
    int at = line.problemAt();
    int column = at >= line.lineStart() ? at - line.lineStart() + 1 : 0;
    return new ParseProblem(source, lineNumber, column, line.problem().message(), line.excerpt());
  }

  /** This problem at another place (a line whose number was known only later). */
  public ParseProblem at(String newSource, long newLine) {
    return new ParseProblem(newSource, newLine, column, reason, excerpt);
  }

  /** This problem with {@code newExcerpt} as its excerpt. */
  public ParseProblem withExcerpt(String newExcerpt) {
    return new ParseProblem(source, line, column, reason, newExcerpt);
  }

  /** Compiler-style form: {@code access.log:1234: malformed line: <reason>}. */
  @Override
  public String toString() {
    return source + ":" + line + ": malformed line: " + reason;
  }
}
