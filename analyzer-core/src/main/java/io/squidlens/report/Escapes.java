package io.squidlens.report;

/**
 * Makes text from a log safe to print: control characters (C0, DEL, C1, so ANSI escapes too) and
 * bidirectional overrides become visible {@code \\xNN} or {@code \\u{NNNN}} escapes. Stateless.
 */
public final class Escapes {
  private Escapes() {}

  /** The text with every control character escaped visibly; null stays null. */
  public static String terminal(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    int i = 0;
    while (i < n && safe(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (safe(c)) {
        sb.append(c);
      } else if (c < 0x100) {
        sb.append("\\x")
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      } else {
        sb.append("\\u{").append(Integer.toHexString(c)).append('}');
      }
    }
    return sb.toString();
  }

  private static boolean safe(char c) {
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
      return false;
    }
    // Line separators and bidirectional overrides can reorder or split what a reader sees.
    return !(c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\uFEFF');
  }
}
