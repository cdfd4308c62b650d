package io.squidlens.parse;

import io.squidlens.base.ByteScan;

/** Allocation-free number parsing over byte ranges; -1 means "not a number". */
final class Numbers {
  private Numbers() {}

  /** Parses 1 to 18 ASCII digits; returns -1 for anything else. */
  static long parseUnsigned(byte[] b, int s, int e) {
    if (e <= s || e - s > 18) {
      return -1;
    }
    long v = 0;
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Parses {@code seconds[.fraction]} into milliseconds; returns -1 if malformed. */
  static long parseDecimalMillis(byte[] b, int s, int e) {
    int dot = ByteScan.indexOf(b, s, e, (byte) '.');
    if (dot < 0) {
      long sec = parseUnsigned(b, s, e);
      return sec < 0 ? -1 : sec * 1000;
    }
    long sec = parseUnsigned(b, s, dot);
    if (sec < 0 || dot + 1 >= e) {
      return -1;
    }
    long ms = 0;
    int digits = 0;
    for (int i = dot + 1; i < e; i++) {
      byte c = b[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      if (digits < 3) {
        ms = ms * 10 + (c - '0');
      }
      digits++;
    }
    for (; digits < 3; digits++) {
      ms *= 10;
    }
    return sec * 1000 + ms;
  }
}
