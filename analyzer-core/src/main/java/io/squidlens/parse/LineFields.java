package io.squidlens.parse;

import io.squidlens.net.Destination;
import java.nio.charset.StandardCharsets;

/**
 * The fields of one parsed line, as offsets into the byte buffer that holds the line.
 *
 * <p>This is the parser's hot-path output: one instance per worker thread is reused for every line,
 * so no {@code String} or object is made per field. Values are valid only until the next line is
 * parsed into the same instance; consumers that keep anything copy it out (see {@link
 * LogRecord#from}). Instances are mutable and not thread-safe.
 *
 * <p>A span is {@code [start, end)}; an absent field (one the log format does not carry) has {@code
 * start == -1}. A field logged as {@code -} is present and spans that one byte.
 */
public final class LineFields {
  /** The destination is an authority ({@code host[:port]}) at {@link #authStart()}. */
  public static final int DEST_AUTHORITY = 0;

  /** The URL is {@code -}: no destination. */
  public static final int DEST_NONE = 1;

  /** The URL is a Squid {@code error:} pseudo-URL. */
  public static final int DEST_ERROR = 2;

  /** The URL is relative ({@code /path}, accelerator mode): the host is unknown. */
  public static final int DEST_RELATIVE = 3;

  /** The URL has a form that names no host (for example {@code urn:} or junk). */
  public static final int DEST_UNKNOWN = 4;

  /** Request kind: CONNECT tunnel. */
  public static final int SCHEME_CONNECT = 0;

  /** Request kind: {@code http://}. */
  public static final int SCHEME_HTTP = 1;

  /** Request kind: {@code https://} (SslBump or e2guardian style). */
  public static final int SCHEME_HTTPS = 2;

  /** Request kind: another scheme ({@code ftp://}, {@code cache_object://}, ...). */
  public static final int SCHEME_OTHER = 3;

  /** Request kind: a bare {@code host:port} URL on a method other than CONNECT. */
  public static final int SCHEME_NONE = 4;

  byte[] buf;
  int lineStart;
  int lineEnd;
  int prefixEnd;
  long epochMillis;
  long elapsedMs;
  boolean hasElapsed;
  int clientStart;
  int clientEnd;
  int codeStart;
  int codeEnd;
  int status;
  long bytes;
  int methodStart;
  int methodEnd;
  int urlStart;
  int urlEnd;
  int userStart;
  int userEnd;
  int hierStart;
  int hierEnd;
  int peerStart;
  int peerEnd;
  int mimeStart;
  int mimeEnd;
  int extraStart;
  int extraEnd;
  int destKind;
  int scheme;
  int schemeEnd;
  int authStart;
  int authEnd;
  int portStart;
  int portEnd;
  LineProblem problem;
  int problemAt;

  /** Per-thread scratch space for records unwrapped from JSON shippers (Docker, Fluent Bit). */
  byte[] scratch = new byte[256];

  /** Creates an empty view; parsers fill it. */
  public LineFields() {}

  void reset(byte[] buf, int start, int end) {
    this.buf = buf;
    this.lineStart = start;
    this.lineEnd = end;
    prefixEnd = -1;
    epochMillis = 0;
    elapsedMs = 0;
    hasElapsed = false;
    clientStart = clientEnd = -1;
    codeStart = codeEnd = -1;
    status = -1;
    bytes = -1;
    methodStart = methodEnd = -1;
    urlStart = urlEnd = -1;
    userStart = userEnd = -1;
    hierStart = hierEnd = -1;
    peerStart = peerEnd = -1;
    mimeStart = mimeEnd = -1;
    extraStart = extraEnd = -1;
    destKind = DEST_UNKNOWN;
    scheme = SCHEME_NONE;
    schemeEnd = -1;
    authStart = authEnd = -1;
    portStart = portEnd = -1;
    problem = null;
    problemAt = -1;
  }

  /**
   * The cheap reset for parsers that set every field on success (the native parser): only the
   * fields a successful native parse may leave unset are cleared.
   */
  void begin(byte[] buf, int start, int end) {
    this.buf = buf;
    this.lineStart = start;
    this.lineEnd = end;
    prefixEnd = -1;
    hasElapsed = false;
    extraStart = extraEnd = -1;
    destKind = DEST_UNKNOWN;
    scheme = SCHEME_NONE;
    schemeEnd = -1;
    authStart = authEnd = -1;
    portStart = portEnd = -1;
    problem = null;
    problemAt = -1;
  }

  boolean fail(LineProblem problem, int at) {
    this.problem = problem;
    this.problemAt = at;
    return false;
  }

  /** The buffer all offsets refer to. */
  public byte[] buf() {
    return buf;
  }

  /** Start of the raw line (before any syslog prefix). */
  public int lineStart() {
    return lineStart;
  }

  /** End of the raw line, without the newline. */
  public int lineEnd() {
    return lineEnd;
  }

  /** End of a syslog or shipper prefix in front of the record, or -1 if there is none. */
  public int prefixEnd() {
    return prefixEnd;
  }

  /** Time the record was logged, milliseconds since the epoch (UTC). */
  public long epochMillis() {
    return epochMillis;
  }

  /** Whether the format carries the response time. */
  public boolean hasElapsed() {
    return hasElapsed;
  }

  /** Response time in milliseconds (may be negative in damaged logs). */
  public long elapsedMs() {
    return elapsedMs;
  }

  /** Client address span start. */
  public int clientStart() {
    return clientStart;
  }

  /** Client address span end. */
  public int clientEnd() {
    return clientEnd;
  }

  /** Result code span start ({@code TCP_TUNNEL}), without the status. */
  public int codeStart() {
    return codeStart;
  }

  /** Result code span end. */
  public int codeEnd() {
    return codeEnd;
  }

  /** HTTP status sent to the client ({@code 0} for {@code 000}), or -1 if the format has none. */
  public int status() {
    return status;
  }

  /** Reply size in bytes, or -1 if the format has none. */
  public long bytes() {
    return bytes;
  }

  /** Method span start. */
  public int methodStart() {
    return methodStart;
  }

  /** Method span end. */
  public int methodEnd() {
    return methodEnd;
  }

  /** URL span start. */
  public int urlStart() {
    return urlStart;
  }

  /** URL span end. */
  public int urlEnd() {
    return urlEnd;
  }

  /** User span start. */
  public int userStart() {
    return userStart;
  }

  /** User span end. */
  public int userEnd() {
    return userEnd;
  }

  /** Hierarchy code span start ({@code HIER_DIRECT}, {@code TIMEOUT_FIRSTUP_PARENT}, ...). */
  public int hierStart() {
    return hierStart;
  }

  /** Hierarchy code span end. */
  public int hierEnd() {
    return hierEnd;
  }

  /** Peer span start (the address after the hierarchy's {@code /}). */
  public int peerStart() {
    return peerStart;
  }

  /** Peer span end. */
  public int peerEnd() {
    return peerEnd;
  }

  /** Content type span start. */
  public int mimeStart() {
    return mimeStart;
  }

  /** Content type span end. */
  public int mimeEnd() {
    return mimeEnd;
  }

  /**
   * Start of fields logged after the content type (a {@code logformat} with one more field than
   * Squid's native one), or -1 when there are none.
   */
  public int extraStart() {
    return extraStart;
  }

  /** End of the fields after the content type. */
  public int extraEnd() {
    return extraEnd;
  }

  /** What the URL names: one of the {@code DEST_} constants. */
  public int destKind() {
    return destKind;
  }

  /** Request kind: one of the {@code SCHEME_} constants. */
  public int scheme() {
    return scheme;
  }

  /** End of the scheme name within the URL (exclusive, before {@code ://}), or -1. */
  public int schemeEnd() {
    return schemeEnd;
  }

  /** Authority ({@code host[:port]}) span start, valid when {@link #destKind()} is authority. */
  public int authStart() {
    return authStart;
  }

  /** Authority span end. */
  public int authEnd() {
    return authEnd;
  }

  /** Separately logged port span start ({@code %>rP} in custom formats), or -1. */
  public int portStart() {
    return portStart;
  }

  /** Separately logged port span end. */
  public int portEnd() {
    return portEnd;
  }

  /** Why the last parse failed, or null after a successful parse. */
  public LineProblem problem() {
    return problem;
  }

  /** Byte offset in the buffer where the last parse failed, or -1. */
  public int problemAt() {
    return problemAt;
  }

  /** Whether the span holds exactly the single byte {@code -}. */
  public boolean isDash(int start, int end) {
    return end - start == 1 && buf[start] == '-';
  }

  /** Decodes a span as UTF-8 (invalid bytes become U+FFFD); null for an absent span. */
  public String text(int start, int end) {
    return start < 0 ? null : new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

  /** Like {@link #text} but {@code -} and empty spans become null, as in the JSON contract. */
  public String textOrNull(int start, int end) {
    return start < 0 || end == start || isDash(start, end) ? null : text(start, end);
  }

  /**
   * The destination this line's URL names, or null when it names none ({@code -}, {@code error:},
   * relative URLs). Allocates: call it once per new destination, not per line.
   */
  public Destination destination() {
    if (destKind != DEST_AUTHORITY) {
      return null;
    }
    int defaultPort =
        switch (scheme) {
          case SCHEME_HTTP -> 80;
          case SCHEME_HTTPS -> 443;
          case SCHEME_OTHER -> Destination.defaultPort(text(urlStart, schemeEnd));
          default -> -1;
        };
    Destination d = Destination.fromAuthority(text(authStart, authEnd), defaultPort);
    if (d != null && portStart >= 0) {
      long port = Numbers.parseUnsigned(buf, portStart, portEnd);
      if (port >= 0 && port <= 65535) {
        d = Destination.of(d.host(), (int) port);
      }
    }
    return d;
  }
}
