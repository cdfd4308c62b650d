package io.squidlens.cli;

import io.squidlens.Analyzer;
import io.squidlens.Diff;
import io.squidlens.base.Durations;
import io.squidlens.report.Provenance;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squidlens diff}: did the change work? Before against after. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compares what the proxy carried before a change with what it carried after: which"
          + " cluster-internal and private-endpoint destinations stopped reaching it (fixed),"
          + " which still reach it (with the NO_PROXY entry that would fix each), and which"
          + " destinations are new. Both sides are classified alike. Internet destinations are"
          + " never fixed or still proxied: they should use the proxy.",
      "",
      "With --at, one set of logs is split at TIME (records at TIME are after). Without it, give"
          + " two inputs, BEFORE and AFTER, each a log, a directory of logs or a state file"
          + " written by 'analyze --state'.",
      "",
      "Examples:",
      "  squidlens diff --at 2025-11-21T10:42:00Z access.log",
      "  squidlens diff -o json --at 2025-11-21T10:42:00Z access.log.1 access.log",
      "  squidlens diff monday/access.log tuesday/access.log",
      "  squidlens diff -o html --output-file rollout.html --at 2025-11-21T10:42:00Z access.log",
      "  squidlens diff yesterday.state access.log",
      "  squidlens diff --fail-on-still-proxied --at \"$PATCHED_AT\" access.log   # in CI",
      ""
    },
    footer = ExitCodes.FOOTER)
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (default: the verdict first), json, markdown or html (one page with the"
              + " timeline and the change marked).")
  String output;

  @Mixin OutputFile outputFile;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = {
        "Split the logs at TIME, written as for --since (2025-11-21T10:42:00Z, an offset, a date"
            + " or epoch seconds): records before it are 'before', the rest 'after'."
      })
  String at;

  @Option(
      names = "--fail-on-still-proxied",
      description = "Exit with 65 when a private destination still reaches the proxy after.")
  boolean failOnStillProxied;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "With --at: the logs. Without: BEFORE and AFTER, each a log, a directory or a state"
              + " file.")
  List<String> files = new ArrayList<>();

  private final Context context;

  DiffCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String format = OutputFormats.require(output, "text", "json", "markdown", "md", "html");
    if (at == null && files.size() != 2) {
      throw new UsageException(
          "give --at TIME to split one set of logs, or exactly two inputs, BEFORE and AFTER (got "
              + files.size()
              + ")");
    }
    long atMillis = 0;
    if (at != null) {
      try {
        atMillis = Durations.parseInstant(at);
      } catch (io.squidlens.base.BadValueException e) {
        throw new UsageException("--at: " + e.getMessage());
      }
    }
    Analyzer analyzer = new Analyzer(analysis.toBuilder(context).build());
    Diff d =
        at != null
            ? analyzer.diff(analyzer.inputs(files), atMillis)
            : analyzer.diff(
                analyzer.inputs(List.of(files.get(0))), analyzer.inputs(List.of(files.get(1))));
    String error = Reports.noRecordsError(d);
    if (BatchOptions.noRecords(error, spec.commandLine().getErr())) {
      return ExitCodes.DATA;
    }
    Provenance how =
        new Provenance(
            VersionProvider.version(),
            arguments(),
            false,
            context.clock().instant(),
            context.machine());
    boolean terminal = outputFile.toStdout();
    outputFile.write(
        spec.commandLine().getOut(),
        out ->
            Reports.diff(
                d, format, out, how, terminal && context.color(), terminal && context.unicode()));
    return failOnStillProxied && !d.stillProxied().isEmpty() ? ExitCodes.DATA : ExitCodes.OK;
  }

  private List<String> arguments() {
    List<String> args = new ArrayList<>();
    args.add("squidlens");
    args.addAll(spec.commandLine().getParseResult().originalArgs());
    return args;
  }
}
