package io.squidlens.parse;

import io.squidlens.net.Destination;
import java.nio.charset.StandardCharsets;

/**
 * The fields of one parsed line, as offsets into the byte buffer that holds the line: the parser's
 * hot-path output and the one implementation of {@link LineView}. One instance per worker thread is
 * reused for every line, so no {@code String} or object is made per field; what leaves this package
 * is the read-only view. Mutable and not thread-safe.
 */
final class LineFields extends LineView {
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
  ParseProblem.Reason problem;
  int problemAt;

  /** Per-thread scratch space for records unwrapped from JSON shippers (Docker, Fluent Bit). */
  byte[] scratch = new byte[256];

  /** The meaning of this reader's codes, made on first use (format detection never needs it). */
  private SquidCodes codes;

  /** The line's code id, or -1 before it is asked for. */
  private int codeId;

  /** The line's {@link SquidCodes} flags, or -1 before they are asked for. */
  private int codeFlags;

  LineFields() {}

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
    codeId = -1;
    codeFlags = -1;
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
    codeId = -1;
    codeFlags = -1;
  }

  boolean fail(ParseProblem.Reason problem, int at) {
    this.problem = problem;
    this.problemAt = at;
    return false;
  }

  @Override
  public byte[] buf() {
    return buf;
  }

  @Override
  public int lineStart() {
    return lineStart;
  }

  @Override
  public int lineEnd() {
    return lineEnd;
  }

  /** End of a syslog or shipper prefix in front of the record, or -1 if there is none. */
  int prefixEnd() {
    return prefixEnd;
  }

  @Override
  public long epochMillis() {
    return epochMillis;
  }

  @Override
  public boolean hasElapsed() {
    return hasElapsed;
  }

  @Override
  public long elapsedMs() {
    return elapsedMs;
  }

  @Override
  public int clientStart() {
    return clientStart;
  }

  @Override
  public int clientEnd() {
    return clientEnd;
  }

  @Override
  public int codeStart() {
    return codeStart;
  }

  @Override
  public int codeEnd() {
    return codeEnd;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public long bytes() {
    return bytes;
  }

  @Override
  public int methodStart() {
    return methodStart;
  }

  @Override
  public int methodEnd() {
    return methodEnd;
  }

  @Override
  public int urlStart() {
    return urlStart;
  }

  @Override
  public int urlEnd() {
    return urlEnd;
  }

  @Override
  public int userStart() {
    return userStart;
  }

  @Override
  public int userEnd() {
    return userEnd;
  }

  @Override
  public int hierStart() {
    return hierStart;
  }

  @Override
  public int hierEnd() {
    return hierEnd;
  }

  @Override
  public int peerStart() {
    return peerStart;
  }

  @Override
  public int peerEnd() {
    return peerEnd;
  }

  @Override
  public int mimeStart() {
    return mimeStart;
  }

  @Override
  public int mimeEnd() {
    return mimeEnd;
  }

  @Override
  public int extraStart() {
    return extraStart;
  }

  @Override
  public int extraEnd() {
    return extraEnd;
  }

  @Override
  public int destKind() {
    return destKind;
  }

  @Override
  public int scheme() {
    return scheme;
  }

  @Override
  public int schemeEnd() {
    return schemeEnd;
  }

  @Override
  public int authStart() {
    return authStart;
  }

  @Override
  public int authEnd() {
    return authEnd;
  }

  @Override
  public int portStart() {
    return portStart;
  }

  @Override
  public int portEnd() {
    return portEnd;
  }

  @Override
  public ParseProblem.Reason problem() {
    return problem;
  }

  @Override
  public int problemAt() {
    return problemAt;
  }

  private SquidCodes codes() {
    SquidCodes c = codes;
    if (c == null) {
      c = codes = new SquidCodes();
    }
    return c;
  }

  @Override
  public int code() {
    int id = codeId;
    if (id < 0) {
      SquidCodes c = codes();
      id = codeId = c.id(buf, codeStart, codeEnd, status);
      codeFlags = c.lastFlags;
    }
    return id;
  }

  @Override
  public String codeText(int code) {
    return codes().text(code);
  }

  @Override
  public int codeStatus(int code) {
    return codes().status(code);
  }

  private int flags() {
    if (codeFlags < 0) {
      code();
    }
    return codeFlags;
  }

  @Override
  public boolean denied() {
    return (flags() & SquidCodes.DENIED) != 0;
  }

  @Override
  public boolean authChallenge() {
    return (flags() & SquidCodes.AUTH) != 0;
  }

  @Override
  public boolean peerQuery() {
    return (flags() & SquidCodes.PEER_QUERY) != 0;
  }

  @Override
  public boolean direct() {
    return codes().direct(buf, hierStart, hierEnd);
  }

  @Override
  public long generationSignals() {
    long signals = codes().signals(code());
    if (hierStart >= 0) {
      signals |= SquidGeneration.ofHierarchy(text(hierStart, hierEnd));
    }
    if (destKind == DEST_ERROR) {
      signals |= SquidGeneration.ofErrorUrl(text(urlStart, urlEnd));
    }
    return signals;
  }

  @Override
  public String excerpt() {
    return Excerpts.of(buf, lineStart, lineEnd);
  }

  @Override
  public int defaultPort() {
    return switch (scheme) {
      case SCHEME_HTTP -> 80;
      case SCHEME_HTTPS -> 443;
      case SCHEME_OTHER -> Destination.defaultPort(text(urlStart, schemeEnd));
      default -> -1;
    };
  }

  @Override
  public boolean isDash(int start, int end) {
    return end - start == 1 && buf[start] == '-';
  }

  @Override
  public String text(int start, int end) {
    return start < 0 ? null : new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

  @Override
  public String textOrNull(int start, int end) {
    return start < 0 || end == start || isDash(start, end) ? null : text(start, end);
  }

  @Override
  public Destination destination() {
    if (destKind != DEST_AUTHORITY) {
      return null;
    }
    Destination d = Destination.fromAuthority(text(authStart, authEnd), defaultPort());
    if (d != null && portStart >= 0) {
      long port = Numbers.parseUnsigned(buf, portStart, portEnd);
      if (port >= 0 && port <= 65535) {
        d = Destination.of(d.host(), (int) port);
      }
    }
    return d;
  }
}
