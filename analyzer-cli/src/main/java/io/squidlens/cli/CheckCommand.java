package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
      "With --egress-firewall F instead of --no-proxy, tests an EgressFirewall or"
          + " EgressNetworkPolicy (YAML or JSON, as 'oc get -o yaml' prints it) the same way:"
          + " whether pods can reach the proxy, and for each logged destination whether pods"
          + " could reach it directly or the rules drop it (first match wins; what no rule"
          + " matches is allowed). Flags private destinations it blocks and internet"
          + " destinations it lets pods reach around the proxy.",
      "",
      "Examples:",
      "  squidlens check --no-proxy '.icr.io,172.21.0.0/16' --client all",
      "  squidlens check --client go,java --no-proxy \"$(cat no-proxy)\" access.log",
      "  squidlens check --egress-firewall fw.yaml --proxy-config proxy.json access.log",
      ""
    },
    footer = ExitCodes.FOOTER)
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = "--no-proxy",
      paramLabel = "LIST",
      description = "The NO_PROXY value to check (for java, a |-separated list works too).")
  String noProxy;

  @Option(
      names = "--egress-firewall",
      paramLabel = "FILE",
      description = "An EgressFirewall or EgressNetworkPolicy to check instead of a NO_PROXY list.")
  Path egressFirewall;

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
    if ((noProxy == null) == (egressFirewall == null)) {
      throw new UsageException("give one of --no-proxy LIST and --egress-firewall FILE");
    }
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
    if (egressFirewall != null) {
      Reports.firewallCheck(
          analyzer.checkEgressFirewall(egressFirewall, "--egress-firewall", a),
          spec.commandLine().getOut(),
          format.equals("json"));
      return ExitCodes.OK;
    }
    Reports.check(
        analyzer.check(noProxy, clients, a), spec.commandLine().getOut(), format.equals("json"));
    return ExitCodes.OK;
  }
}
