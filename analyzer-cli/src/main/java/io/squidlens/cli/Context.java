package io.squidlens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
 * @param terminalErr where a progress bar draws (standard error), or null for none
 * @param ownsProcess whether commands may install process-wide handlers (SIGINT and SIGTERM in
 *     follow mode); false when run in process by tests
 * @param dnsAnswers fixed answers that replace DNS whatever {@code --dns} says, or null for real
 *     DNS; tests set them so they never use the network
 * @param dnsSource what reports say the fixed answers come from
 * @param clock the time follow mode paces itself by; tests pass one they move
 */
record Context(
    Map<String, String> env,
    boolean stdoutIsTerminal,
    boolean stderrIsTerminal,
    InputStream stdin,
    PrintStream terminalErr,
    boolean ownsProcess,
    Map<String, List<String>> dnsAnswers,
    String dnsSource,
    Clock clock) {

  /** Copies the environment and the answers. */
  Context {
    env = Map.copyOf(env);
    dnsAnswers = dnsAnswers == null ? null : Map.copyOf(dnsAnswers);
    Objects.requireNonNull(clock, "clock");
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
        null,
        null,
        Clock.systemUTC());
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
        Map.of(),
        "test DNS (no network)",
        Clock.systemUTC());
  }

  /** This context as if both output streams were terminals, the bar drawing on {@code err}. */
  Context asTerminal(PrintStream err) {
    return new Context(env, true, true, stdin, err, ownsProcess, dnsAnswers, dnsSource, clock);
  }

  /** Whether text output may use colour: stdout is a terminal and NO_COLOR is unset or empty. */
  boolean color() {
    String noColor = env.get("NO_COLOR");
    return stdoutIsTerminal
        && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(env.get("TERM"));
  }

  /**
   * Whether text output may draw block characters: stdout is a terminal whose locale (LC_ALL,
   * LC_CTYPE or LANG, the first set) is UTF-8.
   */
  boolean unicode() {
    String locale = null;
    for (String v : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
      String x = env.get(v);
      if (x != null && !x.isEmpty()) {
        locale = x;
        break;
      }
    }
    String l = locale == null ? "" : locale.toLowerCase(java.util.Locale.ROOT);
    return stdoutIsTerminal && (l.contains("utf-8") || l.contains("utf8"));
  }

  /**
   * The name of this machine for a report's run facts, or null: {@code HOSTNAME} or {@code
   * COMPUTERNAME} when set, else {@code /etc/hostname}. Never asks DNS.
   */
  String machine() {
    for (String v : List.of("HOSTNAME", "COMPUTERNAME")) {
      String x = env.get(v);
      if (x != null && !x.isBlank()) {
        return x.strip();
      }
    }
    try {
      List<String> lines = Files.readAllLines(Path.of("/etc/hostname"));
      return lines.isEmpty() || lines.get(0).isBlank() ? null : lines.get(0).strip();
    } catch (IOException | RuntimeException e) {
      // No name is better than no report: the run comment then leaves it out.
      return null;
    }
  }

  /** This context with {@code stdin} as standard input. */
  Context withStdin(InputStream stdin) {
    return new Context(
        env,
        stdoutIsTerminal,
        stderrIsTerminal,
        stdin,
        terminalErr,
        ownsProcess,
        dnsAnswers,
        dnsSource,
        clock);
  }

  /** This context with {@code answers} (host to addresses) replacing DNS. */
  Context withDns(Map<String, List<String>> answers, String source) {
    return new Context(
        env,
        stdoutIsTerminal,
        stderrIsTerminal,
        stdin,
        terminalErr,
        ownsProcess,
        answers,
        source,
        clock);
  }

  /** This context with {@code newClock} as follow mode's time. */
  Context withClock(Clock newClock) {
    return new Context(
        env,
        stdoutIsTerminal,
        stderrIsTerminal,
        stdin,
        terminalErr,
        ownsProcess,
        dnsAnswers,
        dnsSource,
        newClock);
  }
}
