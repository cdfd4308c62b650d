package io.squidlens.aggregate;

/**
 * Lines whose destination could not be tracked because the destination table was full. Immutable.
 *
 * @param limit the table's capacity in distinct destinations
 * @param requests lines not attributed to a destination
 * @param deniedRequests of those, denied by policy
 * @param bytes their reply bytes
 */
public record Overflow(long limit, long requests, long deniedRequests, long bytes) {
  /** No overflow under {@code limit}. */
  public static Overflow none(long limit) {
    return new Overflow(limit, 0, 0, 0);
  }

  /** Whether any line overflowed. */
  public boolean happened() {
    return requests > 0;
  }

  Overflow merge(Overflow o) {
    return new Overflow(
        Math.max(limit, o.limit),
        requests + o.requests,
        deniedRequests + o.deniedRequests,
        bytes + o.bytes);
  }
}
