package io.squidlens.parse;

import io.squidlens.base.LineRefs;
import io.squidlens.net.Destination;

/**
 * One line as the parser read it, read-only: the spans of its fields in the buffer that holds it,
 * the values decoded from them, and what the line means in Squid's terms (denied by policy, an
 * authentication challenge, a peer query, a direct connection). What aggregation reads on the hot
 * path, so nothing here allocates except the methods that say they do. Valid only during the {@link
 * Consumer} call that hands it over; the reader reuses it for the next line. Used by the
 * accumulators ({@code aggregate}) and by the readers' callers that copy records out.
 *
 * <p>A span is {@code [start, end)}; an absent field (one the log format does not carry) has {@code
 * start == -1}. A field logged as {@code -} is present and spans that one byte.
 *
 * <p>A sealed abstract class rather than an interface: its one implementation is final, so the JIT
 * binds every accessor by class hierarchy analysis and inlines it without a type check.
 */
public abstract sealed class LineView permits LineFields {
  /** Only the parser's buffer is a view. */
  LineView() {}

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

  /** Receives lines from a reader: each worker thread has its own, so none need be thread-safe. */
  public interface Consumer {
    /**
     * A record; {@code line} is only valid during the call. {@code lineKey} identifies the line:
     * raw in a parallel read (resolve it with {@link ReadResult#resolve}), already a {@link
     * LineRefs} reference in a sequential one.
     */
    void accept(LineView line, long lineKey);

    /** A line that is not a record; {@link LineView#problem()} says why. */
    void malformed(LineView line, long lineKey);
  }

  /** The buffer all offsets refer to. */
  public abstract byte[] buf();

  /** Start of the raw line (before any syslog prefix). */
  public abstract int lineStart();

  /** End of the raw line, without the newline. */
  public abstract int lineEnd();

  /** Time the record was logged, milliseconds since the epoch (UTC). */
  public abstract long epochMillis();

  /** Whether the format carries the response time. */
  public abstract boolean hasElapsed();

  /** Response time in milliseconds (may be negative in damaged logs). */
  public abstract long elapsedMs();

  /** Client address span start. */
  public abstract int clientStart();

  /** Client address span end. */
  public abstract int clientEnd();

  /** Result code span start ({@code TCP_TUNNEL}), without the status. */
  public abstract int codeStart();

  /** Result code span end. */
  public abstract int codeEnd();

  /** HTTP status sent to the client ({@code 0} for {@code 000}), or -1 if the format has none. */
  public abstract int status();

  /** Reply size in bytes, or -1 if the format has none. */
  public abstract long bytes();

  /** Method span start. */
  public abstract int methodStart();

  /** Method span end. */
  public abstract int methodEnd();

  /** URL span start. */
  public abstract int urlStart();

  /** URL span end. */
  public abstract int urlEnd();

  /** User span start. */
  public abstract int userStart();

  /** User span end. */
  public abstract int userEnd();

  /** Hierarchy code span start ({@code HIER_DIRECT}, {@code TIMEOUT_FIRSTUP_PARENT}, ...). */
  public abstract int hierStart();

  /** Hierarchy code span end. */
  public abstract int hierEnd();

  /** Peer span start (the address after the hierarchy's {@code /}). */
  public abstract int peerStart();

  /** Peer span end. */
  public abstract int peerEnd();

  /** Content type span start. */
  public abstract int mimeStart();

  /** Content type span end. */
  public abstract int mimeEnd();

  /** Start of fields logged after the content type, or -1 when there are none. */
  public abstract int extraStart();

  /** End of the fields after the content type. */
  public abstract int extraEnd();

  /** What the URL names: one of the {@code DEST_} constants. */
  public abstract int destKind();

  /** Request kind: one of the {@code SCHEME_} constants. */
  public abstract int scheme();

  /** End of the scheme name within the URL (exclusive, before {@code ://}), or -1. */
  public abstract int schemeEnd();

  /** Authority ({@code host[:port]}) span start, valid when {@link #destKind()} is authority. */
  public abstract int authStart();

  /** Authority span end. */
  public abstract int authEnd();

  /** Separately logged port span start ({@code %>rP} in custom formats), or -1. */
  public abstract int portStart();

  /** Separately logged port span end. */
  public abstract int portEnd();

  /** The {@link #code} of lines whose code could not be tracked (too many distinct codes). */
  public static final int UNTRACKED_CODE = 0;

  /**
   * The line's result code and status as a small id, the same for the same code and status for as
   * long as this reader runs ({@link #codeText} and {@link #codeStatus} give them back).
   */
  public abstract int code();

  /**
   * The result code ({@code TCP_TUNNEL}) of {@code code}: {@code -} when the format has none,
   * {@code (other)} for {@link #UNTRACKED_CODE}.
   */
  public abstract String codeText(int code);

  /** The status of {@code code}, or -1. */
  public abstract int codeStatus(int code);

  /** Whether Squid refused the request by policy (a denial, not an authentication challenge). */
  public abstract boolean denied();

  /** Whether the line is an authentication challenge (407, or a denial with 401). */
  public abstract boolean authChallenge();

  /** Whether the line is an ICP or HTCP peer query, not a client request. */
  public abstract boolean peerQuery();

  /**
   * Whether Squid connected to the logged peer directly ({@code HIER_DIRECT}, {@code ORIGINAL_DST},
   * ...), so the peer is where the destination resolved; true when the format logs no hierarchy.
   */
  public abstract boolean direct();

  /**
   * What this line's result code, hierarchy code and URL say about the Squid generation that wrote
   * it, as bits to OR over a log and describe with {@link #describeGeneration}. Allocates: call it
   * for lines with something new.
   */
  public abstract long generationSignals();

  /**
   * Which Squid generation the {@link #generationSignals} bits of a log's lines, ORed together, say
   * probably wrote it, and why.
   */
  public static String describeGeneration(long signals) {
    return SquidGeneration.describe(signals);
  }

  /** Why the line is not a record, or null for a record. */
  public abstract ParseProblem.Reason problem();

  /** Byte offset in the buffer where parsing gave up, or -1. */
  public abstract int problemAt();

  /** The start of the raw line, escaped for display ({@link Excerpts}). Allocates. */
  public abstract String excerpt();

  /** The default port of the line's request kind ({@code 80} for http), or -1 when it has none. */
  public abstract int defaultPort();

  /** Whether the span holds exactly the single byte {@code -}. */
  public abstract boolean isDash(int start, int end);

  /** Decodes a span as UTF-8 (invalid bytes become U+FFFD); null for an absent span. Allocates. */
  public abstract String text(int start, int end);

  /** Like {@link #text} but {@code -} and empty spans become null, as in the JSON contract. */
  public abstract String textOrNull(int start, int end);

  /**
   * The destination this line's URL names, or null when it names none ({@code -}, {@code error:},
   * relative URLs). Allocates: call it once per new destination, not per line.
   */
  public abstract Destination destination();
}
