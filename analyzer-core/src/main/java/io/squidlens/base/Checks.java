package io.squidlens.base;

import java.util.Locale;

/**
 * Argument and state guards that put the offending value in the message, formatted with {@link
 * Locale#ROOT} so messages do not change with the user's locale. Used by every squidlens package.
 */
public final class Checks {
  private Checks() {}

  /**
   * Throws {@link IllegalArgumentException} with the formatted message unless {@code condition}.
   *
   * @throws IllegalArgumentException if {@code condition} is false
   */
  public static void requireArgument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, template, args));
    }
  }

  /**
   * Throws {@link IllegalStateException} with the formatted message unless {@code condition}.
   *
   * @throws IllegalStateException if {@code condition} is false
   */
  public static void requireState(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(Locale.ROOT, template, args));
    }
  }
}
