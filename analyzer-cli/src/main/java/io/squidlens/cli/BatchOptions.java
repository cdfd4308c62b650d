package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.aggregate.Summary;
import io.squidlens.parse.InputSource;
import io.squidlens.parse.InputSources;
import io.squidlens.parse.ParseProblem;
import io.squidlens.report.Escapes;
import io.squidlens.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Option;

/** Options of commands that read whole logs: {@code --strict} and {@code --no-progress}. */
final class BatchOptions {
  /** Malformed lines printed under {@code --strict} before a count of the rest. */
  static final int STRICT_SHOWN = 20;

  @Option(
      names = "--strict",
      description = {
        "Exit with 65 if any line was malformed, after listing them on standard error as"
            + " FILE:LINE: malformed line: REASON."
      })
  boolean strict;

  @Option(
      names = "--no-progress",
      description = {
        "Never show the progress bar (shown on a terminal for inputs of 64 MiB or more, and for"
            + " standard input)."
      })
  boolean noProgress;

  /** Reads and analyzes {@code files}, with a progress bar when one is wanted. */
  Analysis analyze(Context context, AnalysisOptions analysis, List<String> files)
      throws IOException {
    List<InputSource> sources = InputSources.resolve(files);
    Analyzer analyzer = new Analyzer(analysis.toBuilder(context).build());
    LongAdder read = new LongAdder();
    Progress progress = Progress.start(context, noProgress, sources, read);
    try {
      return analyzer.analyze(sources, read);
    } finally {
      progress.close();
    }
  }

  /**
   * When no input held a single record, says so on {@code err} and returns true: a report or list
   * drawn from nothing would look like a clean bill of health.
   */
  static boolean noRecords(Summary s, PrintWriter err) {
    if (s.hasRecords()) {
      return false;
    }
    err.println("squidlens: " + Escapes.terminal(TextReport.noRecordsError(s)));
    return true;
  }

  /**
   * Under {@code --strict}, lists the malformed lines compiler-style on {@code err} and returns
   * true when there were any.
   */
  boolean failsStrict(Summary s, PrintWriter err) {
    if (!strict || s.malformedLines() == 0) {
      return false;
    }
    List<ParseProblem> ps = s.malformed();
    for (ParseProblem p : ps.subList(0, Math.min(ps.size(), STRICT_SHOWN))) {
      err.println(Escapes.terminal(p.toString()));
    }
    long rest = s.malformedLines() - Math.min(ps.size(), STRICT_SHOWN);
    if (rest > 0) {
      err.println(String.format(Locale.ROOT, "squidlens: and %,d more malformed lines", rest));
    }
    err.println(
        String.format(
            Locale.ROOT,
            "squidlens: --strict: %,d of %,d lines were malformed",
            s.malformedLines(),
            s.lines()));
    return true;
  }
}
