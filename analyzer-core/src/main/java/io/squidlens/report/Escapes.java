package io.squidlens.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Makes text from a log safe to print: control characters (C0, DEL, C1, so ANSI escapes too) and
 * bidirectional overrides become visible {@code \\xNN} or {@code \\u{NNNN}} escapes. Stateless.
 */
final class Escapes {
  private Escapes() {}

  /**
   * A JSON generator on {@code out} that escapes what {@link #terminal} escapes: JSON's own escapes
   * cover C0 controls only, so DEL, C1 controls (which include a one-byte ANSI escape introducer)
   * and bidirectional overrides are written as {@code \\uNNNN} too, and a report piped to a
   * terminal or opened in an editor shows them instead of obeying them.
   */
  static JsonGenerator jsonGenerator(Writer out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.setCharacterEscapes(JsonEscapes.INSTANCE);
    return g;
  }

  private static final class JsonEscapes extends CharacterEscapes {
    static final JsonEscapes INSTANCE = new JsonEscapes();
    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    private JsonEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch > 0x7F && ch <= 0xFFFF && !safe((char) ch)) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
      }
      return null;
    }
  }

  /** The text with every control character escaped visibly; null stays null. */
  static String terminal(String s) {
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
