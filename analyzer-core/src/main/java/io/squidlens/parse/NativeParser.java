package io.squidlens.parse;

import static io.squidlens.parse.Lines.isDigit;
import static io.squidlens.parse.Lines.skipSpaces;
import static io.squidlens.parse.Lines.trimLeftOf;

import io.squidlens.base.ByteScan;

/**
 * Parser for Squid's native format ({@code logformat squid}, {@code FormatSquidNative.cc}) of every
 * generation from 2.x to 7.x, including syslog-prefixed lines and {@code log_mime_hdrs} blocks.
 */
enum NativeParser implements LineParser {
  INSTANCE;

  /*
   * Implementation notes.
   *
   * The record is "ts.ms elapsed client code/status bytes method URL user hier/peer mime", where
   * only the elapsed column is padded (right-aligned in width 6) and URL and user may contain
   * spaces (uri_whitespace allow; user names are not space-escaped by QuoteMimeBlob). So the six
   * leading fields are read left to right, the two trailing ones right to left, and the middle
   * is split into URL and user:
   *
   *   - two tokens: URL and user;
   *   - more: CONNECT URLs never contain a space, so the rest is the user; otherwise a trailing
   *     "-" user means the URL holds the spaces, else the user does (an ambiguity inherent in the
   *     format: Squid does not escape spaces in either).
   *
   * Field ends are found eight bytes at a time (ByteScan), the trailing ones from the right, so a
   * long URL is never scanned byte by byte. (A whole-line space bitmap, tried as an alternative,
   * cost more to build than it saved.) A middle with more than two
   * tokens is also where two records glued together show up, so only then is it scanned for a
   * second record start. Everything that can disambiguate cheaply (the last byte being ']' for
   * log_mime_hdrs, '"' for appended Referer/User-Agent, '{' first for JSON shippers) is checked
   * once per line; prefix detection runs only when the line does not start with a timestamp.
   */

  private static final byte[] CONNECT = {'C', 'O', 'N', 'N', 'E', 'C', 'T'};
  private static final byte[] ERROR_URL = {'e', 'r', 'r', 'o', 'r', ':'};

  /** How far into a line a syslog or shipper prefix may reach. */
  private static final int MAX_PREFIX = 512;

  @Override
  public String formatName() {
    return "squid";
  }

  @Override
  public boolean parse(byte[] b, int start, int end, LineFields f) {
    f.begin(b, start, end);
    int e = Lines.trimRight(b, start, end);
    if (e == start) {
      return f.fail(ParseProblem.Reason.WHITESPACE_ONLY, start);
    }
    if (b[start] == '{' && b != f.scratch) {
      int inner = JsonWrapping.unwrap(b, start, e, f);
      if (inner >= 0) {
        byte[] scratch = f.scratch;
        return parse(scratch, 0, inner, f);
      }
    }
    int p = parseLeading(b, start, e, f);
    if (p < 0) {
      ParseProblem.Reason problem = f.problem;
      int at = f.problemAt;
      int record = findRecordStart(b, start, e);
      if (record <= start) {
        return f.fail(problem, at);
      }
      f.begin(b, start, end);
      f.prefixEnd = record;
      p = parseLeading(b, record, e, f);
      if (p < 0) {
        return false;
      }
    }
    if (!parseTrailing(b, p, e, f)) {
      return false;
    }
    Lines.deriveDestination(f);
    return true;
  }

  /**
   * Reads timestamp, elapsed, client, code/status, bytes and method.
   *
   * @return the offset just after the method, or -1 with the problem recorded.
   */
  static int parseLeading(byte[] b, int start, int e, LineFields f) {
    int i = start;
    long sec = 0;
    long ms = 0;
    int valid = -1;
    if (start + 15 <= e && b[start + 10] == '.' && b[start + 14] == ' ') {
      // The common shape "dddddddddd.ddd ": fixed offsets, one branch for all thirteen digits.
      valid = 0;
      for (int k = 0; k < 10; k++) {
        int d = b[start + k] - '0';
        valid |= d | (9 - d);
        sec = sec * 10 + d;
      }
      for (int k = 11; k < 14; k++) {
        int d = b[start + k] - '0';
        valid |= d | (9 - d);
        ms = ms * 10 + d;
      }
      i = start + 14;
    }
    if (valid < 0) {
      // Any other shape (fewer digits, padding right after a short fraction, no fraction).
      i = start;
      sec = 0;
      ms = 0;
      while (i < e && isDigit(b[i])) {
        sec = sec * 10 + (b[i] - '0');
        i++;
      }
      int intDigits = i - start;
      if (intDigits == 0 || intDigits > 12) {
        return fail(f, ParseProblem.Reason.NO_TIMESTAMP, start);
      }
      if (i < e && b[i] == '.') {
        i++;
        int digits = 0;
        while (i < e && isDigit(b[i])) {
          if (digits < 3) {
            ms = ms * 10 + (b[i] - '0');
          }
          digits++;
          i++;
        }
        if (digits == 0) {
          return fail(f, ParseProblem.Reason.NO_TIMESTAMP, start);
        }
        for (; digits < 3; digits++) {
          ms *= 10;
        }
      }
      if (i >= e || b[i] != ' ') {
        return fail(f, ParseProblem.Reason.NO_TIMESTAMP, start);
      }
    }
    f.epochMillis = sec * 1000 + ms;

    int p = skipSpaces(b, i, e);
    i = p;
    boolean negative = i < e && b[i] == '-';
    if (negative) {
      i++;
    }
    int digitsStart = i;
    long elapsed = 0;
    while (i < e && isDigit(b[i])) {
      elapsed = elapsed * 10 + (b[i] - '0');
      i++;
    }
    if (i >= e) {
      return fail(f, ParseProblem.Reason.MISSING_FIELDS, e);
    }
    if (i == digitsStart || i - digitsStart > 18 || b[i] != ' ') {
      return fail(f, ParseProblem.Reason.NO_ELAPSED, p);
    }
    f.elapsedMs = negative ? -elapsed : elapsed;
    f.hasElapsed = true;

    p = skipSpaces(b, i, e);
    i = ByteScan.indexOf(b, p, e, (byte) ' ');
    if (i < 0) {
      return fail(f, ParseProblem.Reason.MISSING_FIELDS, e);
    }
    f.clientStart = p;
    f.clientEnd = i;

    p = skipSpaces(b, i, e);
    i = ByteScan.indexOf(b, p, e, (byte) ' ');
    if (i < 0) {
      return fail(f, ParseProblem.Reason.MISSING_FIELDS, e);
    }
    // Result codes never contain '/', so the status follows the last one; statuses have 1-3
    // digits, and three is by far the most common.
    int slash = i - p >= 5 && b[i - 4] == '/' ? i - 4 : ByteScan.indexOf(b, p, i, (byte) '/');
    if (slash <= p) {
      return fail(f, ParseProblem.Reason.NO_RESULT_CODE, p);
    }
    int statusDigits = i - slash - 1;
    if (statusDigits < 1 || statusDigits > 3) {
      return fail(f, ParseProblem.Reason.BAD_STATUS, slash + 1);
    }
    int status = 0;
    for (int k = slash + 1; k < i; k++) {
      int d = b[k] - '0';
      if (d < 0 || d > 9) {
        return fail(f, ParseProblem.Reason.BAD_STATUS, slash + 1);
      }
      status = status * 10 + d;
    }
    f.codeStart = p;
    f.codeEnd = slash;
    f.status = status;

    p = skipSpaces(b, i, e);
    i = p;
    long bytes = 0;
    while (i < e && isDigit(b[i])) {
      bytes = bytes * 10 + (b[i] - '0');
      i++;
    }
    if (i >= e) {
      return fail(f, ParseProblem.Reason.MISSING_FIELDS, e);
    }
    if (i == p || i - p > 18 || b[i] != ' ') {
      return fail(f, ParseProblem.Reason.NO_BYTES, p);
    }
    f.bytes = bytes;

    p = skipSpaces(b, i, e);
    i = ByteScan.indexOf(b, p, e, (byte) ' ');
    if (i < 0) {
      i = e;
    }
    if (i == p) {
      return fail(f, ParseProblem.Reason.NO_METHOD, p);
    }
    f.methodStart = p;
    f.methodEnd = i;
    return i;
  }

  private static int fail(LineFields f, ParseProblem.Reason problem, int at) {
    f.fail(problem, at);
    return -1;
  }

  /** Reads URL, user, hierarchy/peer and content type from {@code [p, e)}. */
  private static boolean parseTrailing(byte[] b, int p, int e, LineFields f) {
    int r0 = skipSpaces(b, p, e);
    if (r0 >= e) {
      return f.fail(ParseProblem.Reason.MISSING_FIELDS, e);
    }
    int re = e;
    byte last = b[re - 1];
    if (last == ']') {
      re = stripMimeHeaders(b, r0, re);
    } else if (last == '"') {
      re = stripQuoted(b, r0, re);
    }

    int mimeSpace = ByteScan.lastIndexOf(b, r0, re, (byte) ' ');
    if (mimeSpace < 0) {
      return f.fail(ParseProblem.Reason.MISSING_FIELDS, r0);
    }
    f.mimeStart = mimeSpace + 1;
    f.mimeEnd = re;

    int he = trimLeftOf(b, r0, mimeSpace);
    int hierSpace = ByteScan.lastIndexOf(b, r0, he, (byte) ' ');
    if (hierSpace < 0) {
      return f.fail(ParseProblem.Reason.MISSING_FIELDS, r0);
    }
    int hs = hierSpace + 1;
    int slash = ByteScan.indexOf(b, hs, he, (byte) '/');
    if (slash <= hs || !upper(b[hs]) || !upper(b[slash - 1])) {
      // Not HIER_DIRECT/..., DIRECT/..., TIMEOUT_.../...: a logformat with more fields than the
      // native one puts them after the content type. Find hierarchy and type by their shape.
      int[] shifted = shiftedTrailing(b, r0, re);
      if (shifted == null) {
        if (slash < 0) {
          return f.fail(ParseProblem.Reason.NO_HIERARCHY, hs);
        }
      } else {
        hierSpace = shifted[0];
        hs = hierSpace + 1;
        he = shifted[1];
        slash = shifted[2];
        f.mimeStart = shifted[3];
        f.mimeEnd = shifted[4];
        f.extraStart = shifted[5];
        f.extraEnd = re;
      }
    }
    f.hierStart = hs;
    f.hierEnd = slash;
    f.peerStart = slash + 1;
    f.peerEnd = he;

    int me = trimLeftOf(b, r0, hierSpace);
    int userSpace = ByteScan.lastIndexOf(b, r0, me, (byte) ' ');
    if (userSpace < 0) {
      return f.fail(ParseProblem.Reason.MISSING_FIELDS, r0);
    }
    int urlEnd = trimLeftOf(b, r0, userSpace);
    int firstSpace = ByteScan.indexOf(b, r0, urlEnd, (byte) ' ');
    if (firstSpace < 0) {
      f.urlStart = r0;
      f.urlEnd = urlEnd;
      f.userStart = userSpace + 1;
      f.userEnd = me;
      return true;
    }
    int glued = Lines.findRecordStartAfter(b, r0, me);
    if (glued >= 0) {
      return f.fail(ParseProblem.Reason.TWO_RECORDS, glued);
    }
    boolean userIsDash = me - userSpace == 2 && b[me - 1] == '-';
    if (isConnect(b, f.methodStart, f.methodEnd) || !userIsDash) {
      f.urlStart = r0;
      f.urlEnd = firstSpace;
      f.userStart = skipSpaces(b, firstSpace, me);
      f.userEnd = me;
    } else {
      f.urlStart = r0;
      f.urlEnd = urlEnd;
      f.userStart = userSpace + 1;
      f.userEnd = me;
    }
    return true;
  }

  /** Most fields a logformat may add after the content type and still be read. */
  private static final int MAX_EXTRA = 3;

  private static boolean upper(byte c) {
    return c >= 'A' && c <= 'Z';
  }

  /**
   * Finds, right to left among the last few tokens of {@code [from, end)}, a hierarchy/peer token
   * ({@code HIER_DIRECT/...}: upper case before its first '/') with a content type after it and at
   * least one more token after that.
   *
   * @return {hierarchy space, hierarchy end, slash, type start, type end, extra start}, or null
   */
  private static int[] shiftedTrailing(byte[] b, int from, int end) {
    int tokenEnd = end;
    int[] starts = new int[MAX_EXTRA + 2];
    int[] ends = new int[MAX_EXTRA + 2];
    for (int k = 0; k < starts.length; k++) {
      int space = ByteScan.lastIndexOf(b, from, tokenEnd, (byte) ' ');
      if (space < 0) {
        return null;
      }
      starts[k] = space + 1;
      ends[k] = tokenEnd;
      if (k >= 2) {
        int hs = starts[k];
        int slash = ByteScan.indexOf(b, hs, ends[k], (byte) '/');
        if (slash > hs && upper(b[hs]) && upper(b[slash - 1])) {
          return new int[] {space, ends[k], slash, starts[k - 1], ends[k - 1], starts[k - 2]};
        }
      }
      tokenEnd = trimLeftOf(b, from, space);
    }
    return null;
  }

  /**
   * Drops the {@code " [request headers] [reply headers]"} blocks of {@code log_mime_hdrs}. Square
   * brackets are %-encoded inside the blocks, so each block starts at the last {@code " ["}.
   */
  private static int stripMimeHeaders(byte[] b, int from, int end) {
    int reply = lastBlockStart(b, from, end);
    if (reply < 0 || reply == from || b[reply - 1] != ']') {
      return end;
    }
    int request = lastBlockStart(b, from, reply);
    return request < 0 ? end : trimLeftOf(b, from, request);
  }

  private static int lastBlockStart(byte[] b, int from, int end) {
    for (int i = end - 1; i > from; i--) {
      if (b[i] == '[' && b[i - 1] == ' ') {
        return i - 1;
      }
    }
    return -1;
  }

  /** Drops up to two appended quoted fields (Referer, User-Agent) from the end. */
  private static int stripQuoted(byte[] b, int from, int end) {
    int e = end;
    for (int k = 0; k < 2 && e - from > 1 && b[e - 1] == '"'; k++) {
      int open = -1;
      for (int i = e - 2; i > from; i--) {
        if (b[i] == '"' && b[i - 1] == ' ') {
          open = i;
          break;
        }
      }
      if (open < 0) {
        break;
      }
      e = trimLeftOf(b, from, open - 1);
    }
    return e;
  }

  static boolean isConnect(byte[] b, int start, int end) {
    return ByteScan.equals(b, start, end, CONNECT);
  }

  static boolean isErrorUrl(byte[] b, int start, int end) {
    return end - start >= ERROR_URL.length && ByteScan.regionEquals(b, start, ERROR_URL);
  }

  /**
   * Finds where a record starts after a syslog or shipper prefix: the first token (within {@link
   * #MAX_PREFIX} bytes) that reads as "digits.digits elapsed client code/status".
   */
  private static int findRecordStart(byte[] b, int start, int e) {
    int limit = Math.min(e, start + MAX_PREFIX);
    for (int i = start + 1; i < limit; i++) {
      if (b[i - 1] == ' ' && isDigit(b[i]) && Lines.looksLikeRecordStart(b, i, e)) {
        return i;
      }
    }
    return -1;
  }
}
