package io.squidlens.report;

/**
 * Makes CSV cells safe to open in a spreadsheet: a text cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return would run as a formula ("CSV injection"), so it gets
 * a leading apostrophe, which spreadsheets show as text and hide. Control characters are escaped
 * visibly first, as in every squidlens output. Numbers are written as numbers and never pass
 * through here. Stateless.
 */
final class CsvCells {
  private CsvCells() {}

  /** The text, neutralised if a spreadsheet would evaluate it; null stays null. */
  static String text(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    String t = Escapes.terminal(s);
    char c = t.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      return "'" + t;
    }
    return t;
  }
}
