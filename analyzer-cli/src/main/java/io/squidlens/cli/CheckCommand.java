package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squidlens check}: what a NO_PROXY list does for each HTTP client. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shows what a NO_PROXY list means to each HTTP client: which entries a client ignores,"
          + " which mean different things to different clients and, with access logs, whether"
          + " each logged destination would go direct (D) or through the proxy (P). Flags"
          + " internet destinations some client would send direct and private ones some client"
          + " would still send to the proxy.",
      "",
      "Clients: go (CRI-O, kubelet, oc, operators), curl (7.86+), python (urllib), requests"
          + " (2.34+), java (http.nonProxyHosts), node (proxy-from-env, axios), wget.",
      "",
      "Without FILE only the entries are checked; give '-' to read a log from standard input.",
      "",
      "Examples:",
      "  squidlens check --no-proxy '.icr.io,172.21.0.0/16' --client all",
      "  squidlens check --client go,java --no-proxy \"$(cat no-proxy)\" access.log",
      ""
    },
    footer = ExitCodes.FOOTER)
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = "--no-proxy",
      required = true,
      paramLabel = "LIST",
      description = "The NO_PROXY value to check (for java, a |-separated list works too).")
  String noProxy;

  @Option(
      names = "--client",
      paramLabel = "CLIENT",
      split = ",",
      defaultValue = "all",
      description = "go, curl, python, requests, java, node, wget, or all (default; repeatable).")
  List<String> clients = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json.")
  String output;

  @Mixin BatchOptions batch;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Access logs whose destinations to check ('-': standard input).")
  List<String> files = new ArrayList<>();

  private final Context context;

  CheckCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String format = OutputFormats.require(output, "text", "json");
    for (String c : clients) {
      String name = c.strip().toLowerCase(Locale.ROOT);
      if (!name.equals("all") && !Analyzer.clients().contains(name)) {
        throw new UsageException(
            "--client: unknown client '"
                + c
                + "': expected "
                + String.join(", ", Analyzer.clients())
                + " or all");
      }
    }
    Analyzer analyzer = new Analyzer(analysis.toBuilder(context).build());
    Analysis a = null;
    if (!files.isEmpty()) {
      InputFiles given = new InputFiles();
      given.files = files;
      a = batch.analyze(context, analyzer, given, null);
      PrintWriter err = spec.commandLine().getErr();
      if (BatchOptions.noRecords(Reports.noRecordsError(a), err) || batch.failsStrict(a, err)) {
        return ExitCodes.DATA;
      }
    }
    Reports.check(
        analyzer.check(noProxy, clients, a), spec.commandLine().getOut(), format.equals("json"));
    return ExitCodes.OK;
  }
}
