package io.squidlens.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level command: lists the subcommands. They are added by {@link Main}, in {@link
 * #SUBCOMMANDS} order, rather than named in the annotation, so that a run of one command builds
 * only that command's model.
 */
@Command(
    name = "squidlens",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reads Squid access logs and shows what your egress proxy really carries: internet,"
          + " cluster-internal and private-endpoint traffic, and what Squid denied. Recommends"
          + " the noProxy value for OpenShift's proxy/cluster and the NO_PROXY line for CRI-O,"
          + " each entry backed by evidence from the log.",
      ""
    },
    footer = ExitCodes.FOOTER)
final class SquidlensCommand implements Callable<Integer> {
  /** Every subcommand, in the order help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          AnalyzeCommand.class,
          RecommendCommand.class,
          CheckCommand.class,
          FollowCommand.class,
          ParseCommand.class,
          ExplainCommand.class,
          DiffCommand.class,
          CompletionCommand.class,
          picocli.CommandLine.HelpCommand.class);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
