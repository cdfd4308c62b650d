package io.squidlens.aggregate;

import java.util.Objects;

/**
 * Lines whose destination could not be tracked because the destination table was full. Immutable
 * once in a {@link Summary}.
 *
 * @param limit the table's capacity in distinct destinations
 * @param requests lines not attributed to a destination
 * @param deniedRequests of those, denied by policy
 * @param bytes their reply bytes
 * @param names which destinations they were, as a filter that can only err towards "maybe": what
 *     the safety check of a NO_PROXY entry consults so that no entry exempts an untracked
 *     destination unseen
 */
public record Overflow(
    long limit, long requests, long deniedRequests, long bytes, OverflowNames names) {
  /** Checks fields. */
  public Overflow {
    Objects.requireNonNull(names, "names");
  }

  /** No overflow under {@code limit}. */
  public static Overflow none(long limit) {
    return new Overflow(limit, 0, 0, 0, new OverflowNames());
  }

  /** Whether any line overflowed. */
  public boolean happened() {
    return requests > 0;
  }

  Overflow merge(Overflow o) {
    OverflowNames n = names.copy();
    n.addAll(o.names);
    return new Overflow(
        Math.max(limit, o.limit),
        requests + o.requests,
        deniedRequests + o.deniedRequests,
        bytes + o.bytes,
        n);
  }
}
