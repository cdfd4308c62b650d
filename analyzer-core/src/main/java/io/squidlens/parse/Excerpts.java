package io.squidlens.parse;

/** Renders raw log bytes as short, terminal-safe text. */
final class Excerpts {
  /** Longest excerpt, in input bytes. */
  public static final int MAX_BYTES = 160;

  private Excerpts() {}

  /**
   * Escapes {@code [start, end)} for display: printable ASCII as is, backslash doubled, tab as
   * {@code \t}, every other byte (control, DEL, non-ASCII) as {@code \xNN}; cut after {@link
   * #MAX_BYTES} bytes with a trailing ellipsis.
   */
  public static String of(byte[] b, int start, int end) {
    int stop = Math.min(end, start + MAX_BYTES);
    StringBuilder sb = new StringBuilder(stop - start + 8);
    for (int i = start; i < stop; i++) {
      int c = b[i] & 0xFF;
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c >= 0x20 && c < 0x7F) {
        sb.append((char) c);
      } else {
        sb.append("\\x")
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      }
    }
    if (end > stop) {
      sb.append("...");
    }
    return sb.toString();
  }
}
