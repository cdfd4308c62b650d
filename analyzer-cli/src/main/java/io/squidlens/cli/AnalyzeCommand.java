package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.parse.InputSources;
import io.squidlens.report.JsonReport;
import io.squidlens.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
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
      description = "text (default) or json.")
  String output;

  @Mixin InputFiles inputs;

  private final Context context;

  AnalyzeCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String format = OutputFormats.require(output, "text", "json");
    Analyzer analyzer = new Analyzer(analysis.toBuilder(context).build());
    Analysis a = analyzer.analyze(InputSources.resolve(inputs.files), null);
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      JsonReport.write(a, out);
    } else {
      TextReport.write(a, out);
    }
    return ExitCodes.OK;
  }
}
