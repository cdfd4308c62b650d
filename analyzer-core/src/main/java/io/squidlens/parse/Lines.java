package io.squidlens.parse;

import io.squidlens.base.ByteScan;

/** Small byte-level helpers shared by the line parsers. */
final class Lines {
  private static final int MAX_SCHEME = 32;

  private Lines() {}

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  static int skipSpaces(byte[] b, int i, int e) {
    // Eight bytes at a time: the lowest byte that differs from a space ends the run. Most calls
    // skip nothing or a few padding spaces, so one word usually decides without a loop branch.
    while (i + 8 <= e) {
      long x = ByteScan.readLong(b, i) ^ 0x2020202020202020L;
      if (x != 0) {
        return i + (Long.numberOfTrailingZeros(x) >>> 3);
      }
      i += 8;
    }
    while (i < e && b[i] == ' ') {
      i++;
    }
    return i;
  }

  /** Returns the end of {@code [from, end)} without trailing spaces, tabs and carriage returns. */
  static int trimRight(byte[] b, int from, int end) {
    int e = end;
    while (e > from) {
      byte c = b[e - 1];
      if (c == ' ' || c == '\t' || c == '\r') {
        e--;
      } else {
        break;
      }
    }
    return e;
  }

  /** Returns the end of {@code [from, end)} without trailing spaces. */
  static int trimLeftOf(byte[] b, int from, int end) {
    int e = end;
    while (e > from && b[e - 1] == ' ') {
      e--;
    }
    return e;
  }

  /**
   * Whether a native record appears to start at {@code i}: "digits.digits elapsed client
   * code/status ". Used on slow paths only (prefix detection, glued records).
   */
  static boolean looksLikeRecordStart(byte[] b, int i, int e) {
    int p = i;
    while (p < e && isDigit(b[p])) {
      p++;
    }
    if (p - i < 9 || p - i > 12 || p >= e || b[p] != '.') {
      return false;
    }
    int frac = ++p;
    while (p < e && isDigit(b[p])) {
      p++;
    }
    if (p == frac || p >= e || b[p] != ' ') {
      return false;
    }
    p = skipSpaces(b, p, e);
    if (p < e && b[p] == '-') {
      p++;
    }
    int digits = p;
    while (p < e && isDigit(b[p])) {
      p++;
    }
    if (p == digits || p >= e || b[p] != ' ') {
      return false;
    }
    p = skipSpaces(b, p, e);
    int client = p;
    while (p < e && b[p] != ' ') {
      p++;
    }
    if (p == client || p >= e) {
      return false;
    }
    p = skipSpaces(b, p, e);
    int slash = -1;
    int code = p;
    while (p < e && b[p] != ' ') {
      if (b[p] == '/' && slash < 0) {
        slash = p;
      }
      p++;
    }
    return slash > code && slash + 1 < p && isDigit(b[slash + 1]);
  }

  /**
   * Offset of a second record starting inside {@code (from, to)}, or -1: after a space, or glued to
   * the end of the first record's last field when a writer lost the newline between them ({@code
   * ...application/json1748891224.924 11159 ...}).
   */
  static int findRecordStartAfter(byte[] b, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      byte before = b[i - 1];
      if (isDigit(b[i])
          && !isDigit(before)
          && before != '.'
          && (before == ' ' || before > ' ')
          && looksLikeRecordStart(b, i, to)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Sets {@link LineFields#destKind}, {@link LineFields#scheme} and the authority span from the URL
   * and method spans. CONNECT URLs are authorities; absolute URLs yield their authority; {@code -},
   * {@code error:} and relative URLs name no destination.
   */
  static void deriveDestination(LineFields f) {
    byte[] b = f.buf;
    int us = f.urlStart;
    int ue = f.urlEnd;
    if (us < 0 || ue <= us) {
      f.destKind = LineFields.DEST_NONE;
      return;
    }
    boolean connect = f.methodStart >= 0 && NativeParser.isConnect(b, f.methodStart, f.methodEnd);
    if (connect) {
      // host:port, unless an e2guardian-style scheme precedes it ("https://host:443").
      int colon = ByteScan.indexOf(b, us, ue, (byte) ':');
      if (colon < 0 || colon + 2 >= ue || b[colon + 1] != '/' || b[colon + 2] != '/') {
        f.scheme = LineFields.SCHEME_CONNECT;
        f.authStart = us;
        f.authEnd = ue;
        f.destKind = LineFields.DEST_AUTHORITY;
        return;
      }
    } else if (ByteScan.regionEquals(b, us, HTTP)) {
      authority(f, b, LineFields.SCHEME_HTTP, us + 4, us + HTTP.length, ue);
      return;
    } else if (ByteScan.regionEquals(b, us, HTTPS)) {
      authority(f, b, LineFields.SCHEME_HTTPS, us + 5, us + HTTPS.length, ue);
      return;
    }
    if (ue - us == 1 && b[us] == '-') {
      f.destKind = LineFields.DEST_NONE;
      return;
    }
    if (NativeParser.isErrorUrl(b, us, ue)) {
      f.destKind = LineFields.DEST_ERROR;
      return;
    }
    int limit = Math.min(ue, us + MAX_SCHEME);
    int i = us;
    while (i < limit && isSchemeChar(b[i])) {
      i++;
    }
    if (i > us && i + 2 < ue && b[i] == ':' && b[i + 1] == '/' && b[i + 2] == '/') {
      authority(f, b, schemeOf(b, us, i), i, i + 3, ue);
      return;
    }
    if (b[us] == '/') {
      f.destKind = LineFields.DEST_RELATIVE;
      return;
    }
    if (ByteScan.indexOf(b, us, ue, (byte) '/') >= 0) {
      f.destKind = LineFields.DEST_UNKNOWN;
      return;
    }
    f.scheme = LineFields.SCHEME_NONE;
    f.authStart = us;
    f.authEnd = ue;
    f.destKind = LineFields.DEST_AUTHORITY;
  }

  private static final byte[] HTTP = {'h', 't', 't', 'p', ':', '/', '/'};
  private static final byte[] HTTPS = {'h', 't', 't', 'p', 's', ':', '/', '/'};

  /** Sets the authority span of an absolute URL: up to the first '/', '?' or '#'. */
  private static void authority(LineFields f, byte[] b, int scheme, int schemeEnd, int as, int ue) {
    f.scheme = scheme;
    f.schemeEnd = schemeEnd;
    int ae = ByteScan.indexOf(b, as, ue, (byte) '/');
    if (ae < 0) {
      ae = ue;
    }
    int q = ByteScan.indexOf(b, as, ae, (byte) '?');
    if (q >= 0) {
      ae = q;
    }
    int h = ByteScan.indexOf(b, as, ae, (byte) '#');
    if (h >= 0) {
      ae = h;
    }
    if (ae == as) {
      f.destKind = LineFields.DEST_UNKNOWN;
      return;
    }
    f.authStart = as;
    f.authEnd = ae;
    f.destKind = LineFields.DEST_AUTHORITY;
  }

  private static boolean isSchemeChar(byte c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '-'
        || c == '.'
        || c == '_';
  }

  private static int schemeOf(byte[] b, int start, int end) {
    int len = end - start;
    if ((len == 4 || len == 5)
        && (b[start] | 0x20) == 'h'
        && (b[start + 1] | 0x20) == 't'
        && (b[start + 2] | 0x20) == 't'
        && (b[start + 3] | 0x20) == 'p') {
      if (len == 4) {
        return LineFields.SCHEME_HTTP;
      }
      if ((b[start + 4] | 0x20) == 's') {
        return LineFields.SCHEME_HTTPS;
      }
    }
    return LineFields.SCHEME_OTHER;
  }
}
