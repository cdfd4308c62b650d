package io.squidlens.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may know about the process it runs in, injected so tests can run commands in
 * process: environment variables and whether the standard streams are terminals. Immutable.
 *
 * @param env environment variables
 * @param stdoutIsTerminal whether standard output is a terminal (colour, default formats)
 * @param stderrIsTerminal whether standard error is a terminal (progress bars)
 * @param stdin what the input {@code -} reads, or null for the process's standard input
 */
record Context(
    Map<String, String> env,
    boolean stdoutIsTerminal,
    boolean stderrIsTerminal,
    InputStream stdin) {

  /** Copies the environment. */
  Context {
    env = Map.copyOf(env);
  }

  /** The real process: its environment, and terminals as the JVM sees them. */
  static Context system() {
    return new Context(System.getenv(), Terminals.isTerminal(1), Terminals.isTerminal(2), null);
  }

  /** A context for tests: no terminal, the given environment, nothing on stdin. */
  static Context of(Map<String, String> env) {
    return new Context(
        Objects.requireNonNull(env, "env"), false, false, InputStream.nullInputStream());
  }

  /** This context with {@code stdin} as standard input. */
  Context withStdin(InputStream stdin) {
    return new Context(env, stdoutIsTerminal, stderrIsTerminal, stdin);
  }
}
