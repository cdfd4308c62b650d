package io.squidlens.cli;

import io.squidlens.parse.InputSource;
import io.squidlens.parse.InputSources;
import io.squidlens.parse.LineConsumer;
import io.squidlens.parse.LineFields;
import io.squidlens.parse.LineRefs;
import io.squidlens.parse.LogFormat;
import io.squidlens.parse.LogReader;
import io.squidlens.parse.LogRecord;
import io.squidlens.parse.ReadResult;
import io.squidlens.parse.SourceStats;
import io.squidlens.report.Escapes;
import io.squidlens.report.RecordWriter;
import io.squidlens.report.Redactor;
import io.squidlens.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
          + " url, host, port, user, hierarchy, peer, mimeType ('-' in the log is null; host"
          + " and port come from the URL). Lines that are not records go to stderr as"
          + " 'source:line: malformed: reason'.",
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
    List<InputSource> sources = InputSources.resolve(files);
    List<String> names = sources.stream().map(InputSource::name).toList();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LogReader reader = new LogReader(LogFormat.of(logFormat), 1, null, context.stdin());
    // Records stream out as they are read, so pseudonyms are keyed hashes, not numbers.
    Redactor redactor = redaction.redactor();
    ReadResult result;
    try (RecordWriter writer =
        format.equals("csv") ? RecordWriter.csv(out) : RecordWriter.jsonLines(out)) {
      result =
          reader.readInOrder(
              sources,
              new LineConsumer() {
                @Override
                public void accept(LineFields f, long ref) {
                  try {
                    LogRecord r =
                        LogRecord.from(f, names.get(LineRefs.source(ref)), LineRefs.line(ref));
                    if (redactor != null) {
                      r =
                          r.withPeople(
                              redactor.streamedClient(r.client()),
                              redactor.streamedUser(r.user()),
                              Redactor.streamedUrl(r.url()),
                              Redactor.mask(r.extra()));
                    }
                    writer.write(r);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }

                @Override
                public void malformed(LineFields f, long ref) {
                  err.println(
                      Escapes.terminal(names.get(LineRefs.source(ref)))
                          + ":"
                          + LineRefs.line(ref)
                          + ": malformed line: "
                          + f.problem().message());
                }
              });
    }
    out.flush();
    long malformed = result.sources().stream().mapToLong(SourceStats::malformedLines).sum();
    long parsed = result.sources().stream().mapToLong(SourceStats::parsedLines).sum();
    if (parsed == 0) {
      err.println(
          "squidlens: "
              + Escapes.terminal(
                  TextReport.noRecordsError(
                      io.squidlens.aggregate.Summary.empty(1).withSources(result.sources()))));
      return ExitCodes.DATA;
    }
    return strict && malformed > 0 ? ExitCodes.DATA : ExitCodes.OK;
  }
}
