package io.squidlens.base;

import java.io.IOException;

/**
 * An input that cannot be read; the message names it. Maps to exit code 74. Thrown by every package
 * that reads a file; mapped by the front ends.
 */
public final class InputException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String input;

  /** Creates the exception for {@code input}, with a message that should start with its name. */
  public InputException(String input, String message, Throwable cause) {
    super(message, cause);
    this.input = input;
  }

  /** The input as the user named it. */
  public String input() {
    return input;
  }
}
