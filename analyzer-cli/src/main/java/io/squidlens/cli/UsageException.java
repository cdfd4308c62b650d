package io.squidlens.cli;

/** A command line that cannot be acted on; the message says why. Maps to exit code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
