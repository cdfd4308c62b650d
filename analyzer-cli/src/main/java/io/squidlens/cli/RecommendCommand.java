package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code squidlens recommend}: one target's artifact, ready to paste, and nothing else on stdout.
 */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Analyzes the logs and prints one target's recommendation ready to paste: only the"
          + " artifact on standard output; notes, warnings and errors on standard error. Exits"
          + " 65, printing nothing, when the value must not be applied.",
      "",
      "Targets:",
      "  cluster  'oc patch proxy/cluster': the spec.noProxy OpenShift does not add",
      "  crio     HTTP_PROXY, HTTPS_PROXY, NO_PROXY for CRI-O's environment file",
      "  env      shell exports, upper and lower case, with the complete list",
      "  java     JAVA_TOOL_OPTIONS with proxy flags and -Dhttp.nonProxyHosts",
      "  docker   the docker systemd drop-in and ~/.docker/config.json proxies",
      "  mtc      'oc patch' of the MigrationController's spec.noProxy",
      "",
      "Egress rules that enforce it: pods may reach the proxy and the private destinations"
          + " the log shows directly, and nothing else outside the cluster (--namespace NS):",
      "  egressfirewall       OVN-Kubernetes EgressFirewall (k8s.ovn.org/v1)",
      "  egressnetworkpolicy  OpenShift SDN EgressNetworkPolicy",
      "  egress-router-proxy  the egress router's EGRESS_HTTP_PROXY_DESTINATION",
      "",
      "egress-router-proxy denies the private destinations and allows the rest; with"
          + " --allow-only-seen it allows only the internet destinations the log shows.",
      "",
      "Examples:",
      "  squidlens recommend --target cluster --proxy-config proxy.json access.log",
      "  squidlens recommend -t crio --proxy-url http://10.0.0.4:3128 access.log",
      "  squidlens recommend --target crio --value-only access.log",
      "  squidlens recommend -t egressfirewall --namespace my-app access.log",
      ""
    },
    footer = ExitCodes.FOOTER)
final class RecommendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = {"-t", "--target"},
      required = true,
      paramLabel = "TARGET",
      completionCandidates = Targets.class,
      description =
          "cluster, crio, env, java, docker, mtc, egressfirewall, egressnetworkpolicy or"
              + " egress-router-proxy.")
  String target;

  @Option(
      names = "--value-only",
      description =
          "Print just the NO_PROXY value (for java: the http.nonProxyHosts value; for the egress"
              + " targets: the rules, one per line).")
  boolean valueOnly;

  @Mixin BatchOptions batch;

  @Mixin InputFiles inputs;

  /** The target names, for shell completion. */
  static final class Targets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Reports.targets().iterator();
    }
  }

  private final Context context;

  RecommendCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String t = target.strip().toLowerCase(Locale.ROOT);
    if (!Reports.targets().contains(t)) {
      throw new UsageException(
          "--target: unknown target '"
              + target
              + "': expected "
              + String.join(", ", Reports.targets()));
    }
    Analysis a = batch.analyze(context, analysis, inputs);
    PrintWriter err = spec.commandLine().getErr();
    if (BatchOptions.noRecords(Reports.noRecordsError(a), err) || batch.failsStrict(a, err)) {
      return ExitCodes.DATA;
    }
    boolean printed = Reports.recommendation(a, t, valueOnly, spec.commandLine().getOut(), err);
    return printed ? ExitCodes.OK : ExitCodes.DATA;
  }
}
