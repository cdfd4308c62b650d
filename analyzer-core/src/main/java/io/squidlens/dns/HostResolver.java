package io.squidlens.dns;

import java.util.Collection;

/**
 * Looks up the addresses of a host name. Implementations bound their own time (per-query timeouts);
 * callers never resolve on a parsing thread. Implementations are thread-safe.
 */
public interface HostResolver {

  /** Resolves {@code host} (lower case, no trailing dot). Never throws for lookup failures. */
  Resolution resolve(String host);

  /** A short description for reports ({@code "DNS via 10.0.0.2"}, {@code "hosts file ..."}). */
  String describe();

  /**
   * Resolves many names ahead of their {@link #resolve} calls, concurrently, where the resolver can
   * (the default does nothing). Returns when all are answered or the resolver's time budget is
   * spent.
   */
  default void prefetch(Collection<String> hosts) {}

  /**
   * Whether this resolver answers at all; false for {@link #disabled}, so callers can skip work.
   */
  default boolean enabled() {
    return true;
  }

  /** A resolver that answers every name with "not looked up". */
  static HostResolver disabled(String why) {
    return new HostResolver() {
      @Override
      public Resolution resolve(String host) {
        return Resolution.skipped(why);
      }

      @Override
      public String describe() {
        return why;
      }

      @Override
      public boolean enabled() {
        return false;
      }
    };
  }
}
