package io.squidlens.dns;

import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of resolving one name. Immutable.
 *
 * @param status what happened
 * @param addresses the addresses found (empty unless resolved)
 * @param detail words for reports: the server, the error, why it was skipped
 * @param ttlSeconds how long the answer may be cached (the records' smallest TTL), or -1 when
 *     unknown
 */
public record Resolution(Status status, List<IPAddress> addresses, String detail, long ttlSeconds) {

  /** What a lookup found. */
  public enum Status {
    /** One or more addresses. */
    RESOLVED,
    /** The name does not exist or has no address records. */
    NOT_FOUND,
    /** No answer: timeout, unreachable server, budget spent. */
    FAILED,
    /** Not looked up (resolution disabled or not applicable). */
    SKIPPED
  }

  /** Checks fields and copies the list. */
  public Resolution {
    Objects.requireNonNull(status, "status");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(detail, "detail");
  }

  /** A successful lookup. */
  public static Resolution resolved(List<IPAddress> addresses, String detail) {
    return new Resolution(Status.RESOLVED, addresses, detail, -1);
  }

  /** A successful lookup whose records may be cached for {@code ttlSeconds}. */
  public static Resolution resolved(List<IPAddress> addresses, String detail, long ttlSeconds) {
    return new Resolution(Status.RESOLVED, addresses, detail, ttlSeconds);
  }

  /** A name with no addresses. */
  public static Resolution notFound(String detail) {
    return new Resolution(Status.NOT_FOUND, List.of(), detail, -1);
  }

  /** A lookup that got no answer. */
  public static Resolution failed(String detail) {
    return new Resolution(Status.FAILED, List.of(), detail, -1);
  }

  /** A lookup not made. */
  public static Resolution skipped(String detail) {
    return new Resolution(Status.SKIPPED, List.of(), detail, -1);
  }
}
