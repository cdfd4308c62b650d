package io.squidlens.parse;

import io.squidlens.base.ByteScan;

/**
 * Unwraps a record that a log shipper put inside a JSON object, as Docker's json-file driver (a
 * {@code "log"} field holding the line and its newline) and most collectors (a {@code "message"} or
 * {@code "msg"} field) do. Slow path: only lines starting with a brace come here.
 */
final class JsonWrapping {
  private static final byte[][] KEYS = {
    "\"log\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    "\"message\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    "\"msg\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII)
  };

  private JsonWrapping() {}

  /**
   * Decodes the record string of a JSON-wrapped line into {@code f.scratch}.
   *
   * @return the decoded length (trailing newline removed), or -1 if the line is not a wrapper
   */
  static int unwrap(byte[] b, int start, int end, LineFields f) {
    for (byte[] key : KEYS) {
      int at = ByteScan.indexOf(b, start, end, key);
      if (at < 0) {
        continue;
      }
      int p = Lines.skipSpaces(b, at + key.length, end);
      if (p >= end || b[p] != ':') {
        continue;
      }
      p = Lines.skipSpaces(b, p + 1, end);
      if (p >= end || b[p] != '"') {
        continue;
      }
      int n = decodeString(b, p + 1, end, f);
      if (n >= 0) {
        while (n > 0 && (f.scratch[n - 1] == '\n' || f.scratch[n - 1] == '\r')) {
          n--;
        }
        return n;
      }
    }
    return -1;
  }

  /** Decodes a JSON string body starting after its opening quote; -1 if unterminated. */
  private static int decodeString(byte[] b, int from, int end, LineFields f) {
    byte[] out = f.scratch;
    int n = 0;
    for (int i = from; i < end; i++) {
      if (n + 4 > out.length) {
        out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + 8));
        f.scratch = out;
      }
      byte c = b[i];
      if (c == '"') {
        return n;
      }
      if (c != '\\') {
        out[n++] = c;
        continue;
      }
      if (++i >= end) {
        return -1;
      }
      byte esc = b[i];
      switch (esc) {
        case 'n' -> out[n++] = '\n';
        case 'r' -> out[n++] = '\r';
        case 't' -> out[n++] = '\t';
        case 'b' -> out[n++] = '\b';
        case 'f' -> out[n++] = '\f';
        case 'u' -> {
          if (i + 4 >= end) {
            return -1;
          }
          int cp = 0;
          for (int k = 1; k <= 4; k++) {
            int d = Character.digit(b[i + k], 16);
            if (d < 0) {
              return -1;
            }
            cp = cp * 16 + d;
          }
          i += 4;
          n = putUtf8(out, n, cp);
        }
        default -> out[n++] = esc;
      }
    }
    return -1;
  }

  private static int putUtf8(byte[] out, int n, int cp) {
    if (cp < 0x80) {
      out[n++] = (byte) cp;
    } else if (cp < 0x800) {
      out[n++] = (byte) (0xC0 | (cp >> 6));
      out[n++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      out[n++] = (byte) (0xE0 | (cp >> 12));
      out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[n++] = (byte) (0x80 | (cp & 0x3F));
    }
    return n;
  }
}
