package io.squidlens.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squidlens completion}: the shell completion script, generated from the command model. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints a completion script for SHELL (bash, the default, or zsh) that completes"
          + " squidlens's commands, options and their values (targets, formats, files).",
      "",
      "Install for your user, then open a new shell:",
      "  squidlens completion bash > ~/.local/share/bash-completion/completions/squidlens",
      "  squidlens completion zsh > ~/.zfunc/_squidlens   # with fpath+=~/.zfunc in ~/.zshrc",
      "Or for the current shell only:",
      "  source <(squidlens completion bash)",
      ""
    },
    footer = ExitCodes.FOOTER)
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHELL",
      arity = "0..1",
      defaultValue = "bash",
      description = "bash (default) or zsh.")
  String shell;

  @Override
  public Integer call() {
    String s = shell.strip().toLowerCase(Locale.ROOT);
    if (!s.equals("bash") && !s.equals("zsh")) {
      throw new UsageException("completion: unknown shell '" + shell + "': expected bash or zsh");
    }
    spec.commandLine().getOut().print(script(spec.root().commandLine(), s.equals("zsh")));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /**
   * The script for the whole command tree. picocli writes one bash script; zsh runs it through its
   * bash-completion emulation, which the prelude loads.
   */
  static String script(picocli.CommandLine root, boolean zsh) {
    String bash = AutoComplete.bash("squidlens", root);
    return zsh
        ? "#compdef squidlens\n"
            + "autoload -U +X compinit && compinit\n"
            + "autoload -U +X bashcompinit && bashcompinit\n"
            + bash
        : bash;
  }
}
