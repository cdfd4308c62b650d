package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Target;
import io.squidlens.report.Escapes;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
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
      "Examples:",
      "  squidlens recommend --target cluster --proxy-config proxy.json access.log",
      "  squidlens recommend -t crio --proxy-url http://10.0.0.4:3128 access.log",
      "  squidlens recommend --target crio --value-only access.log",
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
      description = "cluster, crio, env, java, docker or mtc.")
  String target;

  @Option(
      names = "--value-only",
      description = "Print just the NO_PROXY value (for java: the http.nonProxyHosts value).")
  boolean valueOnly;

  @Mixin BatchOptions batch;

  @Mixin InputFiles inputs;

  private final Context context;

  RecommendCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Target t;
    try {
      t = Target.of(target);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--target: " + e.getMessage());
    }
    Analysis a = batch.analyze(context, analysis, inputs.files);
    Recommendation r = a.recommendations().get(t);
    PrintWriter err = spec.commandLine().getErr();
    if (BatchOptions.noRecords(a.summary(), err) || batch.failsStrict(a.summary(), err)) {
      return ExitCodes.DATA;
    }
    Set<String> said = new LinkedHashSet<>();
    for (String w : a.warnings()) {
      if (said.add(w)) {
        err.println("squidlens: warning: " + Escapes.terminal(w));
      }
    }
    for (String w : r.warnings()) {
      if (said.add(w)) {
        err.println("squidlens: warning: " + Escapes.terminal(w));
      }
    }
    for (String n : r.notes()) {
      if (said.add(n)) {
        err.println("squidlens: note: " + Escapes.terminal(n));
      }
    }
    if (!r.errors().isEmpty()) {
      for (String e : r.errors()) {
        err.println("squidlens: error: " + Escapes.terminal(e));
      }
      err.println("squidlens: not printing the " + t.id() + " recommendation: fix the above");
      return ExitCodes.DATA;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(valueOnly ? r.noProxy() : r.artifact());
    return ExitCodes.OK;
  }
}
