package io.squidlens.parse;

import io.squidlens.net.Destination;

/**
 * One parsed access-log line with every field decoded, as {@code squidlens parse} prints it. Fields
 * logged as {@code -} and fields the format lacks are null. Immutable. Made for the {@code parse}
 * command and written by the reports.
 *
 * <p>This is the convenient, allocating form for tools and tests; the analyzer's hot path never
 * builds it (it reads the {@link LineView} directly).
 *
 * @param source input name as given
 * @param line 1-based line number in the source
 * @param epochMillis time logged, ms since the epoch
 * @param elapsedMs response time, or null if the format has none
 * @param client client address as logged
 * @param resultCode Squid result code such as {@code TCP_TUNNEL}
 * @param status HTTP status sent to the client ({@code 0} for {@code 000}), or null
 * @param bytes reply size, or null
 * @param method request method
 * @param url URL as logged
 * @param host destination host derived from the URL (normalised), or null
 * @param port destination port (explicit, or the scheme's default), or null
 * @param user user name as logged (Squid's escapes kept)
 * @param hierarchy hierarchy code such as {@code HIER_DIRECT}
 * @param peer address of the server or peer Squid used, or null
 * @param mimeType reply content type
 * @param extra fields logged after the content type (a logformat with more fields than Squid's
 *     native one), as logged, or null
 */
public record LogRecord(
    String source,
    long line,
    long epochMillis,
    Long elapsedMs,
    String client,
    String resultCode,
    Integer status,
    Long bytes,
    String method,
    String url,
    String host,
    Integer port,
    String user,
    String hierarchy,
    String peer,
    String mimeType,
    String extra) {

  /** This record with the fields that may name people replaced (for redaction). */
  public LogRecord withPeople(String newClient, String newUser, String newUrl, String newExtra) {
    return new LogRecord(
        source,
        line,
        epochMillis,
        elapsedMs,
        newClient,
        resultCode,
        status,
        bytes,
        method,
        newUrl,
        host,
        port,
        newUser,
        hierarchy,
        peer,
        mimeType,
        newExtra);
  }

  /** Copies a parsed line out of the reusable view. */
  public static LogRecord from(LineView f, String source, long line) {
    Destination d = f.destination();
    return new LogRecord(
        source,
        line,
        f.epochMillis(),
        f.hasElapsed() ? f.elapsedMs() : null,
        f.textOrNull(f.clientStart(), f.clientEnd()),
        f.textOrNull(f.codeStart(), f.codeEnd()),
        f.status() >= 0 ? f.status() : null,
        f.bytes() >= 0 ? f.bytes() : null,
        f.textOrNull(f.methodStart(), f.methodEnd()),
        f.textOrNull(f.urlStart(), f.urlEnd()),
        d == null ? null : d.host(),
        d == null || d.port() < 0 ? null : d.port(),
        f.textOrNull(f.userStart(), f.userEnd()),
        f.textOrNull(f.hierStart(), f.hierEnd()),
        f.textOrNull(f.peerStart(), f.peerEnd()),
        f.textOrNull(f.mimeStart(), f.mimeEnd()),
        f.textOrNull(f.extraStart(), f.extraEnd()));
  }
}
