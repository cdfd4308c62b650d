package io.squidlens.cli;

import com.github.benmanes.caffeine.cache.Ticker;
import io.squidlens.dns.AsyncResolver;
import io.squidlens.dns.CachingResolver;
import io.squidlens.dns.DnsjavaResolver;
import io.squidlens.dns.HostResolver;
import io.squidlens.dns.StaticResolver;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What a command may know about the process it runs in, injected so tests can run commands in
 * process: environment variables and whether the standard streams are terminals. Immutable.
 *
 * @param env environment variables
 * @param stdoutIsTerminal whether standard output is a terminal (colour, default formats)
 * @param stderrIsTerminal whether standard error is a terminal (progress bars)
 * @param stdin what the input {@code -} reads, or null for the process's standard input
 * @param terminalErr where a progress bar draws (standard error), or null for none
 * @param ownsProcess whether commands may install process-wide handlers (SIGINT and SIGTERM in
 *     follow mode); false when run in process by tests
 * @param dns turns a {@code --dns} value and budget into a resolver; tests replace it so they never
 *     use the network
 */
record Context(
    Map<String, String> env,
    boolean stdoutIsTerminal,
    boolean stderrIsTerminal,
    InputStream stdin,
    PrintStream terminalErr,
    boolean ownsProcess,
    BiFunction<String, Duration, HostResolver> dns) {

  /** Copies the environment. */
  Context {
    env = Map.copyOf(env);
  }

  /** The real process: its environment, and terminals as the JVM sees them. */
  static Context system() {
    return new Context(
        System.getenv(),
        Terminals.isTerminal(1),
        Terminals.isTerminal(2),
        null,
        System.err,
        true,
        Context::realDns);
  }

  /**
   * A context for tests: no terminal, the given environment, nothing on stdin, and DNS that finds
   * nothing (without asking any server).
   */
  static Context of(Map<String, String> env) {
    return new Context(
        Objects.requireNonNull(env, "env"),
        false,
        false,
        InputStream.nullInputStream(),
        null,
        false,
        (mode, budget) -> StaticResolver.of(Map.of(), "test DNS (no network)"));
  }

  /** This context as if both output streams were terminals, the bar drawing on {@code err}. */
  Context asTerminal(PrintStream err) {
    return new Context(env, true, true, stdin, err, ownsProcess, dns);
  }

  /** Whether text output may use colour: stdout is a terminal and NO_COLOR is unset or empty. */
  boolean color() {
    String noColor = env.get("NO_COLOR");
    return stdoutIsTerminal
        && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(env.get("TERM"));
  }

  /** This context with {@code stdin} as standard input. */
  Context withStdin(InputStream stdin) {
    return new Context(
        env, stdoutIsTerminal, stderrIsTerminal, stdin, terminalErr, ownsProcess, dns);
  }

  /** This context with {@code resolver} answering whatever {@code --dns} says. */
  Context withDns(HostResolver resolver) {
    return new Context(
        env,
        stdoutIsTerminal,
        stderrIsTerminal,
        stdin,
        terminalErr,
        ownsProcess,
        (mode, budget) -> resolver);
  }

  /**
   * The resolver {@code --dns} asks for: {@code off}, {@code system} (resolv.conf) or a comma list
   * of server addresses, cached and time-boxed.
   */
  static HostResolver realDns(String mode, Duration budget) {
    String m = mode.strip().toLowerCase(Locale.ROOT);
    if (m.equals("off")) {
      return HostResolver.disabled("DNS off (--dns off)");
    }
    AsyncResolver r =
        m.equals("system")
            ? DnsjavaResolver.system(DnsjavaResolver.DEFAULT_TIMEOUT)
            : DnsjavaResolver.of(List.of(m.split(",", -1)), DnsjavaResolver.DEFAULT_TIMEOUT);
    return new CachingResolver(r, budget, Ticker.systemTicker());
  }
}
