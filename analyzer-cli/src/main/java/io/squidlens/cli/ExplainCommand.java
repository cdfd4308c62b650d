package io.squidlens.cli;

import io.squidlens.Analyzer;
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

/** {@code squidlens explain}: one destination's class and the whole chain of evidence. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shows how squidlens classifies one destination under the current options, step by step:"
          + " address rules, name rules, the peer Squid logged, the hosts file, DNS. Give access"
          + " logs to use the peers they logged for it and to detect the profile from them.",
      "",
      "Examples:",
      "  squidlens explain --profile roks-vpc icr.io:443",
      "  squidlens explain console.apps.example.com access.log",
      "  squidlens explain --hosts worker-hosts --dns off registry.ng.bluemix.net",
      ""
    },
    footer = ExitCodes.FOOTER)
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json.")
  String output;

  @Option(
      names = "--peer",
      paramLabel = "IP",
      split = ",",
      description = "An address Squid connected to for it (HIER_DIRECT/IP), as a log would show.")
  List<String> peers = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "The destination.")
  String destination;

  @Parameters(
      index = "1..*",
      paramLabel = "FILE",
      arity = "0..*",
      description = "Access logs to take logged peers and the profile from.")
  List<String> files = new ArrayList<>();

  private final Context context;

  ExplainCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String format = OutputFormats.require(output, "text", "json");
    Analyzer analyzer = new Analyzer(analysis.toBuilder(context).build());
    Analyzer.Explanation x =
        analyzer.explain(destination, peers, files.isEmpty() ? null : analyzer.inputs(files));
    if (BatchOptions.noRecords(Reports.noRecordsError(x), spec.commandLine().getErr())) {
      return ExitCodes.DATA;
    }
    Reports.explanation(x, spec.commandLine().getOut(), format.equals("json"));
    return ExitCodes.OK;
  }
}
