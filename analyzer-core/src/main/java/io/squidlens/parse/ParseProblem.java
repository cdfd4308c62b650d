package io.squidlens.parse;

import java.util.Objects;

/**
 * A line that is not a log record: where it is, why, and a short escaped excerpt. Immutable.
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
    io.squidlens.net.Checks.requireArgument(line >= 1, "line %d is not 1-based", line);
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
