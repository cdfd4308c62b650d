package io.squidlens.base;

/**
 * A value the user gave (an option, a config key, a field of a file they pointed at) that squidlens
 * cannot use; the message names it and says why. Maps to exit code 2. Thrown by every package that
 * checks a user value; mapped by the front ends.
 */
public final class BadValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} should start with the option or file it is about. */
  public BadValueException(String message) {
    super(message);
  }

  /** Creates the exception with the failure that revealed the problem. */
  public BadValueException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Throws a {@link BadValueException} with the formatted message unless {@code condition}.
   *
   * @throws BadValueException if {@code condition} is false
   */
  public static void require(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new BadValueException(String.format(java.util.Locale.ROOT, template, args));
    }
  }
}
