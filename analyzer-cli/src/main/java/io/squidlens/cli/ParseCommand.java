package io.squidlens.cli;

import io.squidlens.Analyzer;
import io.squidlens.AnalyzerOptions;
import io.squidlens.report.RecordWriter;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squidlens parse}: every record as JSON Lines or CSV. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints every parsed record, in input order, as JSON Lines (default) or CSV, with the keys"
          + " source, line, epochMillis, elapsedMs, client, resultCode, status, bytes, method,"
          + " url, host, port, user, hierarchy, peer, mimeType, extra ('-' in the log is null;"
          + " host and port come from the URL; extra holds fields logged after the content"
          + " type). Lines that are not records go to standard error, one per line, as"
          + " 'FILE:LINE: malformed line: REASON'; none is skipped silently.",
      "",
      "Examples:",
      "  squidlens parse access.log | jq -r 'select(.status == 403) | .host'",
      "  squidlens parse -o csv access.log.1.gz > records.csv",
      ""
    },
    footer = ExitCodes.FOOTER)
final class ParseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "jsonl",
      description = "jsonl (default) or csv.")
  String output;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description = "auto (default), squid, common, combined or a Squid logformat string.")
  String logFormat;

  @Option(names = "--strict", description = "Exit with 65 if any line was malformed.")
  boolean strict;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = {
        "Print only records logged at or after TIME: 2025-11-21T10:42:00Z, an offset"
            + " (2025-11-21T19:42:00+09:00), a date (2025-11-21, midnight UTC) or epoch seconds."
            + " Records outside the window are parsed, not printed."
      })
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Print only records logged before TIME (excluded), written as for --since.")
  String until;

  @Mixin RedactOptions redaction;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Access logs, plain or gzip; '-' or none: standard input.")
  List<String> files = new ArrayList<>();

  private final Context context;

  ParseCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String format = OutputFormats.require(output, "jsonl", "csv");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Analyzer analyzer =
        new Analyzer(
            AnalyzerOptions.builder()
                .names(AnalysisOptions::flag)
                .logFormat(logFormat)
                .since(since)
                .until(until)
                .threads(1)
                .stdin(context.stdin())
                .build());
    Analyzer.Parsed parsed;
    // Records stream out as they are read, so pseudonyms are keyed hashes, not numbers.
    try (RecordWriter writer = RecordWriter.of(format, out, err, redaction.redactor())) {
      parsed = analyzer.records(analyzer.inputs(files), writer);
    }
    out.flush();
    long outside = parsed.outsideWindowLines();
    if (outside > 0) {
      err.printf(
          "squidlens: %,d record%s outside the window (--since/--until) parsed, not written%n",
          outside, outside == 1 ? "" : "s");
      err.flush();
    }
    if (BatchOptions.noRecords(Reports.noRecordsError(parsed), err)) {
      return ExitCodes.DATA;
    }
    return strict && parsed.malformedLines() > 0 ? ExitCodes.DATA : ExitCodes.OK;
  }
}
