package io.squidlens.parse;

import java.util.List;

/**
 * Tries a primary format, then alternatives: for files in {@code auto} mode that mix native lines
 * with {@code common}/{@code combined} ones. A line none of them reads reports the primary's
 * problem.
 */
final class FallbackParser implements LineParser {
  private final LineParser primary;
  private final LineParser[] alternatives;

  FallbackParser(LineParser primary, List<LineParser> alternatives) {
    this.primary = primary;
    this.alternatives = alternatives.toArray(new LineParser[0]);
  }

  @Override
  public String formatName() {
    return primary.formatName();
  }

  @Override
  public boolean parse(byte[] b, int start, int end, LineFields f) {
    if (primary.parse(b, start, end, f)) {
      return true;
    }
    ParseProblem.Reason problem = f.problem;
    int at = f.problemAt;
    if (problem == ParseProblem.Reason.WHITESPACE_ONLY
        || problem == ParseProblem.Reason.TWO_RECORDS) {
      return false;
    }
    for (LineParser alternative : alternatives) {
      if (alternative.parse(b, start, end, f)) {
        return true;
      }
    }
    f.reset(b, start, end);
    return f.fail(problem, at);
  }
}
