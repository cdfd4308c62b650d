package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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

  /** Reads and analyzes the inputs, with a progress bar when one is wanted. */
  Analysis analyze(Context context, AnalysisOptions analysis, InputFiles files) throws IOException {
    return analyze(context, new Analyzer(analysis.toBuilder(context).build()), files, null);
  }

  /**
   * Reads and analyzes the inputs with {@code analyzer}, with a progress bar when wanted.
   *
   * @param state the state file to continue and write back, or null
   */
  Analysis analyze(Context context, Analyzer analyzer, InputFiles files, Path state)
      throws IOException {
    Analyzer.Inputs inputs = analyzer.inputs(files.files, files.labelled);
    LongAdder read = new LongAdder();
    Progress progress = Progress.start(context, noProgress, inputs.totalBytes(), read);
    try {
      return analyzer.analyze(inputs, read, state);
    } finally {
      progress.close();
    }
  }

  /**
   * When no input held a single record, says so on {@code err} and returns true: a report or list
   * drawn from nothing would look like a clean bill of health.
   */
  static boolean noRecords(String error, PrintWriter err) {
    if (error == null) {
      return false;
    }
    err.println("squidlens: " + Reports.terminal(error));
    return true;
  }

  /**
   * Under {@code --strict}, lists the malformed lines compiler-style on {@code err} and returns
   * true when there were any.
   */
  boolean failsStrict(Analysis a, PrintWriter err) {
    if (!strict) {
      return false;
    }
    List<String> lines = Reports.malformedLines(a, STRICT_SHOWN);
    lines.forEach(err::println);
    return !lines.isEmpty();
  }
}
