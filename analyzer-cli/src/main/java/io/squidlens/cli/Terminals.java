package io.squidlens.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether a standard stream is a terminal, on Java 17 and later alike, and its size. */
final class Terminals {
  private Terminals() {}

  /**
   * Standard output's terminal, for its size, read through JLine, and a callback when the window is
   * resized (SIGWINCH). JLine's own signal handling stays off: it would take SIGINT from the JVM,
   * whose shutdown hook prints follow's final summary.
   */
  static final class Screen implements AutoCloseable {
    private final org.jline.terminal.Terminal terminal;
    private final Object winch;

    private Screen(org.jline.terminal.Terminal terminal, Object winch) {
      this.terminal = terminal;
      this.winch = winch;
    }

    /** The terminal standard output is on, or a screen of unknown size when JLine finds none. */
    static Screen open(Runnable onResize) {
      org.jline.terminal.Terminal t = null;
      try {
        t =
            org.jline.terminal.TerminalBuilder.builder()
                .system(true)
                .systemOutput(org.jline.terminal.TerminalBuilder.SystemOutput.SysOut)
                .nativeSignals(false)
                .dumb(true)
                .build();
        return new Screen(t, org.jline.utils.Signals.register("WINCH", onResize));
      } catch (IOException | RuntimeException e) {
        if (t != null) {
          try {
            t.close();
          } catch (IOException ignored) {
            // closing what could not be used
          }
        }
        return new Screen(null, null);
      }
    }

    /** Lines, or 0 when unknown. */
    int rows() {
      return terminal == null ? 0 : Math.max(0, terminal.getSize().getRows());
    }

    /** Columns, or 0 when unknown. */
    int cols() {
      return terminal == null ? 0 : Math.max(0, terminal.getSize().getColumns());
    }

    @Override
    public void close() {
      if (winch != null) {
        org.jline.utils.Signals.unregister("WINCH", winch);
      }
      if (terminal != null) {
        try {
          terminal.close();
        } catch (IOException e) {
          // nothing left to do with it
        }
      }
    }
  }

  /**
   * Whether file descriptor {@code fd} (1 stdout, 2 stderr) is a terminal. On Linux this reads the
   * descriptor's target in /proc; elsewhere it falls back to {@link System#console()}, asking
   * {@code Console.isTerminal()} where the JDK has it (22+ returns a console even for pipes).
   */
  static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return consoleIsTerminal();
    }
  }

  // The null check is right for JDK 17-21; on 22+ isTerminal() below gives the real answer.
  @SuppressWarnings("SystemConsoleNull")
  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(console);
    } catch (ReflectiveOperationException e) {
      // Before JDK 22 a non-null console means a terminal.
      return true;
    }
  }
}
