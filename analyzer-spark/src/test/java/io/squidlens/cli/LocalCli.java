package io.squidlens.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs {@code squidlens} in process, as the command line runs it: what Spark's answers must equal.
 */
public final class LocalCli {
  private LocalCli() {}

  /** What a run printed and its exit code. */
  public record Run(int code, String out, String err) {}

  /** Runs {@code squidlens ARGS}. */
  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(Context.system(), new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }
}
