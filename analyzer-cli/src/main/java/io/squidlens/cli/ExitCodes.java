package io.squidlens.cli;

/** The exit codes squidlens documents (and lists in the {@code --help} footer). */
final class ExitCodes {
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int USAGE = 2;
  static final int DATA = 65;
  static final int IO = 74;

  /** The {@code --help} footer. */
  static final String FOOTER =
      "%nExit codes:%n"
          + "  0   success%n"
          + "  1   internal error (a bug: please report it with the command line)%n"
          + "  2   usage error (bad option or value)%n"
          + "  65  no log record in the inputs, malformed lines under --strict, a value%n"
          + "      that must not be applied (too long, or rejected by OpenShift), a%n"
          + "      damaged state file or one from a newer squidlens, or (diff%n"
          + "      --fail-on-still-proxied) a private destination still proxied%n"
          + "  74  an input could not be read, or --output-file could not be written%n";

  private ExitCodes() {}
}
