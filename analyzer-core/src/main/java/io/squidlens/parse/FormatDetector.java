package io.squidlens.parse;

import io.squidlens.base.ByteScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Chooses a log format per input from a sample of its first lines. */
final class FormatDetector {
  /** How many non-empty lines are sampled. */
  static final int SAMPLE_LINES = 64;

  /** How many bytes of an input are sampled at most. */
  static final int SAMPLE_BYTES = 64 * 1024;

  /** The parser chosen for one input and how. */
  record Detection(LineParser parser, String note) {}

  private FormatDetector() {}

  /**
   * Picks the format for an input from {@code [from, to)}, its first bytes.
   *
   * @param complete whether the sample holds the whole input (its last line counts even without a
   *     newline)
   */
  static Detection detect(LogFormat format, byte[] b, int from, int to, boolean complete) {
    if (!format.isAuto()) {
      return new Detection(format.parser(), format.givenNote());
    }
    List<LineParser> candidates = LogFormat.builtIns();
    int[] score = new int[candidates.size()];
    int sampled = 0;
    LineFields f = new LineFields();
    int i = from;
    while (i < to && sampled < SAMPLE_LINES) {
      int nl = ByteScan.indexOf(b, i, to, (byte) '\n');
      if (nl < 0 && !complete) {
        break;
      }
      int e = nl < 0 ? to : nl;
      int end = Lines.trimRight(b, i, e);
      if (end > i) {
        sampled++;
        for (int c = 0; c < candidates.size(); c++) {
          if (candidates.get(c).parse(b, i, end, f)) {
            score[c]++;
          }
        }
      }
      i = e + 1;
    }
    int best = 0;
    for (int c = 1; c < score.length; c++) {
      if (score[c] > score[best]) {
        best = c;
      }
    }
    LineParser chosen = candidates.get(best);
    List<LineParser> others = new ArrayList<>(candidates);
    others.remove(best);
    String note;
    if (sampled == 0) {
      note = "auto: nothing to sample, assumed squid";
    } else if (score[best] == 0) {
      note =
          String.format(
              Locale.ROOT,
              "auto: none of the first %d lines matched a built-in format; assumed squid",
              sampled);
    } else {
      note = String.format(Locale.ROOT, "auto: %d of the first %d lines", score[best], sampled);
    }
    return new Detection(new FallbackParser(chosen, others), note);
  }
}
