package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.report.Provenance;
import io.squidlens.report.Redactor;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code squidlens analyze}: the batch report with recommendations. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reads Squid access logs and reports where each request really went (internet,"
          + " cluster-internal, private-endpoint, denied), why, and the noProxy / NO_PROXY"
          + " values to apply.",
      "",
      "Examples:",
      "  squidlens analyze access.log access.log.1 access.log.2.gz",
      "  zcat access.log.*.gz | squidlens analyze -",
      "  squidlens analyze -o json access.log | jq '.recommendations.crio.noProxy'",
      "  squidlens analyze -o markdown --redact access.log > ticket.md",
      "  squidlens analyze -o html --redact --output-file report.html access.log",
      "  squidlens analyze --since 2025-11-21T10:42:00Z access.log   # since the patch",
      "  squidlens analyze --state squidlens.state /var/log/squid/access.log*   # daily",
      "  squidlens analyze --source zone-1=a/access.log --source zone-2=b/access.log",
      ""
    },
    footer = ExitCodes.FOOTER)
final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      completionCandidates = AnalyzeCommand.Formats.class,
      description = {
        "text (default: a summary to act on, coloured on a terminal unless NO_COLOR is set),"
            + " json (the full contract, schemaVersion 1), csv (one row per destination),"
            + " markdown (for support tickets) or html (one self-contained page with charts, for"
            + " a browser or a ticket; opens offline)."
      })
  String output;

  @Mixin OutputFile outputFile;

  @Mixin RedactOptions redaction;

  @Mixin BatchOptions batch;

  @Mixin InputFiles inputs;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = {
        "Keep counts across runs in FILE: read it if it exists, add the inputs, report"
            + " everything it now holds, write it back (atomically). A log already in it is read"
            + " on from where it was left, also after a rename or gzip (access.log ->"
            + " access.log.1 -> access.log.2.gz), so a daily run over access.log* counts every"
            + " line once."
      })
  Path state;

  /** The report formats, for shell completion. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("text", "json", "csv", "markdown", "html").iterator();
    }
  }

  private final Context context;
  private final Engine engine;

  AnalyzeCommand(Context context) {
    this(context, null);
  }

  /** The command reading and writing through {@code engine} (null: this machine). */
  AnalyzeCommand(Context context, Engine engine) {
    this.context = context;
    this.engine = engine;
  }

  @Override
  public Integer call() throws IOException {
    String format = OutputFormats.require(output, "text", "json", "csv", "markdown", "md", "html");
    Redactor redactor = redaction.redactor();
    Analyzer analyzer = new Analyzer(analysis.toBuilder(context).build());
    Analysis a =
        engine == null
            ? batch.analyze(context, analyzer, inputs, state)
            : analyzer.analyze(
                engine.reader(analyzer),
                engine.inputs(analyzer, inputs.files, inputs.labelled),
                state);
    if (redactor != null) {
      a = redactor.apply(a);
    }
    PrintWriter err = spec.commandLine().getErr();
    Analysis report = a;
    Provenance how = provenance(redactor != null);
    boolean terminal = outputFile.toStdout();
    outputFile.write(
        spec.commandLine().getOut(),
        engine == null ? null : engine::create,
        out ->
            Reports.analysis(
                report,
                format,
                out,
                how,
                terminal && context.color(),
                terminal && context.unicode()));
    if (BatchOptions.noRecords(Reports.noRecordsError(a), err)) {
      return ExitCodes.DATA;
    }
    return batch.failsStrict(a, err) ? ExitCodes.DATA : ExitCodes.OK;
  }

  private Provenance provenance(boolean redacted) throws IOException {
    List<String> args = new ArrayList<>();
    args.add(spec.root().name());
    List<String> given = spec.commandLine().getParseResult().originalArgs();
    for (int i = 0; i < given.size(); i++) {
      String arg = given.get(i);
      if (arg.startsWith("--redact-key=")) {
        args.add("--redact-key=***");
      } else {
        args.add(arg);
        if (arg.equals("--redact-key") && i + 1 < given.size()) {
          args.add("***");
          i++;
        }
      }
    }
    return new Provenance(
        VersionProvider.version(), args, redacted, context.clock().instant(), context.machine());
  }
}
