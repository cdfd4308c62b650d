package io.squidlens.parse;

import io.squidlens.base.ByteScan;
import java.util.Arrays;

/**
 * Splits a buffer into lines and feeds each to the parser and consumer, counting per source. One
 * per worker thread; not thread-safe.
 */
final class LineHandler {
  /** Longest line accepted; Squid itself never writes records over 8 KB. */
  static final int MAX_LINE = 65536;

  private static final byte[][] CONFLICT_MARKERS = {
    "<<<<<<<".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    ">>>>>>>".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    "=======".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    "|||||||".getBytes(java.nio.charset.StandardCharsets.US_ASCII)
  };

  private final LineFields fields = new LineFields();
  private final LineView.Consumer consumer;
  private final long since;
  private final long until;
  private long[] lines = new long[4];
  private long[] parsed = new long[4];
  private long[] malformed = new long[4];
  private long[] outside = new long[4];

  /**
   * A handler feeding {@code consumer} the records logged in {@code [since, until)} (epoch ms); the
   * others are counted as outside the window.
   */
  LineHandler(LineView.Consumer consumer, long since, long until) {
    this.consumer = consumer;
    this.since = since;
    this.until = until;
  }

  /**
   * Handles every line of {@code [from, to)}, the last one whether or not a newline ends it, with
   * keys from {@code firstKey} up.
   *
   * @return the number of lines handled (empty ones included)
   */
  int handleRange(LineParser parser, int source, byte[] b, int from, int to, long firstKey) {
    int count = 0;
    int i = from;
    while (i < to) {
      int nl = ByteScan.indexOf(b, i, to, (byte) '\n');
      int e = nl < 0 ? to : nl;
      handle(parser, source, b, i, e, firstKey + count);
      count++;
      i = e + 1;
    }
    return count;
  }

  /** Handles one line {@code [s, e)} without its newline. */
  void handle(LineParser parser, int source, byte[] b, int s, int e, long key) {
    int end = e;
    if (end > s && b[end - 1] == '\r') {
      end--;
    }
    if (end == s) {
      return;
    }
    ensure(source);
    lines[source]++;
    LineFields f = fields;
    if (end - s > MAX_LINE) {
      f.reset(b, s, s + Excerpts.MAX_BYTES);
      f.fail(ParseProblem.Reason.TOO_LONG, s);
      malformed[source]++;
      consumer.malformed(f, key);
      return;
    }
    parseOne(parser, source, b, s, end, key);
  }

  /**
   * Parses one record; two records glued on one line (a writer lost the newline) are split and both
   * counted, each as a line of its own under the same line number.
   */
  private void parseOne(LineParser parser, int source, byte[] b, int s, int end, long key) {
    LineFields f = fields;
    if (parser.parse(b, s, end, f)) {
      parsed[source]++;
      // The parser has decoded the time already: the window costs two compares.
      long t = f.epochMillis;
      if (t < since || t >= until) {
        outside[source]++;
        return;
      }
      consumer.accept(f, key);
      return;
    }
    int second = f.problemAt;
    if (f.problem == ParseProblem.Reason.TWO_RECORDS && f.buf == b && second > s && second < end) {
      lines[source]++;
      parseOne(parser, source, b, s, Lines.trimRight(b, s, second), key);
      parseOne(parser, source, b, second, end, key);
      return;
    }
    diagnose(f, b, s, end);
    malformed[source]++;
    consumer.malformed(f, key);
  }

  /** Reports a line too long to buffer; only its first bytes are at hand. */
  void tooLong(int source, byte[] b, int s, int e, long key) {
    ensure(source);
    lines[source]++;
    malformed[source]++;
    fields.reset(b, s, Math.min(e, s + Excerpts.MAX_BYTES));
    fields.fail(ParseProblem.Reason.TOO_LONG, s);
    consumer.malformed(fields, key);
  }

  /** Replaces a parser's generic complaint by a more telling one when the bytes show it. */
  private static void diagnose(LineFields f, byte[] b, int s, int e) {
    ParseProblem.Reason p = f.problem;
    for (byte[] marker : CONFLICT_MARKERS) {
      if (e - s >= marker.length && ByteScan.regionEquals(b, s, marker)) {
        f.problem = ParseProblem.Reason.CONFLICT_MARKER;
        return;
      }
    }
    int control = 0;
    for (int i = s; i < e; i++) {
      int c = b[i] & 0xFF;
      if (c == 0) {
        f.problem = ParseProblem.Reason.BINARY;
        return;
      }
      if (c < 0x20 && c != '\t') {
        control++;
      }
    }
    if (control * 10 > e - s) {
      f.problem = ParseProblem.Reason.BINARY;
      return;
    }
    int len = e - s;
    if (len >= 8000
        && len <= 8200
        && p != ParseProblem.Reason.TWO_RECORDS
        && p != ParseProblem.Reason.NO_TIMESTAMP) {
      f.problem = ParseProblem.Reason.CUT_AT_RECORD_LIMIT;
    }
  }

  private void ensure(int source) {
    if (source >= lines.length) {
      int n = Math.max(source + 1, lines.length * 2);
      lines = Arrays.copyOf(lines, n);
      parsed = Arrays.copyOf(parsed, n);
      malformed = Arrays.copyOf(malformed, n);
      outside = Arrays.copyOf(outside, n);
    }
  }

  /** Records of {@code source} logged outside the window. */
  long outside(int source) {
    return source < outside.length ? outside[source] : 0;
  }

  long lines(int source) {
    return source < lines.length ? lines[source] : 0;
  }

  long parsed(int source) {
    return source < parsed.length ? parsed[source] : 0;
  }

  long malformed(int source) {
    return source < malformed.length ? malformed[source] : 0;
  }
}
