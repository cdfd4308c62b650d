package io.squidlens.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether a standard stream is a terminal, on Java 17 and later alike. */
final class Terminals {
  private Terminals() {}

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
