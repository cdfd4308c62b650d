package io.squidlens.base;

import java.io.IOException;

/**
 * An input that cannot be read (exit code 74), or that was read and cannot be used, such as a
 * damaged state file (exit code 65); the message names it. Thrown by every package that reads a
 * file; mapped by the front ends.
 */
public final class InputException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final boolean unusable;

  /** Creates the exception for {@code input}, with a message that should start with its name. */
  public InputException(String input, String message, Throwable cause) {
    this(input, message, cause, false);
  }

  private InputException(String input, String message, Throwable cause, boolean unusable) {
    super(message, cause);
    this.input = input;
    this.unusable = unusable;
  }

  /** An input that was read but holds what squidlens cannot use (damaged, or too new). */
  public static InputException unusable(String input, String message, Throwable cause) {
    return new InputException(input, message, cause, true);
  }

  /**
   * What went wrong, in words, for a message: the exception's own message, or for the JDK's
   * message-less ones (a gzip stream cut short) what they mean.
   */
  public static String reason(Throwable e) {
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      return e.getMessage();
    }
    return e instanceof java.io.EOFException
        ? "unexpected end of data: the file is cut short"
        : e.getClass().getSimpleName();
  }

  /** Whether the input was read but cannot be used (exit 65), rather than not read (74). */
  public boolean unusable() {
    return unusable;
  }

  /** The input as the user named it. */
  public String input() {
    return input;
  }
}
