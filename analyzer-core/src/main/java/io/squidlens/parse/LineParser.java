package io.squidlens.parse;

/**
 * Parses one line of bytes into a {@link LineFields} view. Implementations are immutable and
 * thread-safe; all per-line state lives in the {@code LineFields} the caller supplies.
 */
sealed interface LineParser permits NativeParser, FormatParser, FallbackParser {

  /**
   * Parses {@code [start, end)} of {@code buf}, a line without its newline.
   *
   * @return true if the line is a record; false if not, with {@link LineFields#problem()} saying
   *     why. Never throws for bad input.
   */
  boolean parse(byte[] buf, int start, int end, LineFields out);

  /** The format name shown in reports ({@code squid}, {@code common}, ...). */
  String formatName();
}
