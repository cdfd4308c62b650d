package io.squidlens.dns;

import com.github.benmanes.caffeine.cache.Ticker;
import inet.ipaddr.IPAddress;
import io.squidlens.base.InputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Looks up the addresses of a host name. Implementations bound their own time (per-query timeouts);
 * callers never resolve on a parsing thread. Implementations are thread-safe. Made by the factories
 * here (DNS, a hosts file, fixed answers); used by the classifier and the analyzer's options.
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

  /**
   * DNS as a {@code --dns} value asks for: {@code off}, {@code system} (the servers of resolv.conf)
   * or a comma list of server addresses ({@code 10.0.0.2,10.0.0.3:5353}); answers are cached and
   * all lookups of a run together take at most {@code budget}.
   *
   * @param offDescription what reports say when DNS is off
   * @throws IllegalArgumentException naming a server that is not an address
   */
  static HostResolver dns(String mode, Duration budget, String offDescription) {
    String m = mode.strip().toLowerCase(Locale.ROOT);
    if (m.equals("off")) {
      return disabled(offDescription);
    }
    AsyncResolver r =
        m.equals("system")
            ? DnsjavaResolver.system(DnsjavaResolver.DEFAULT_TIMEOUT)
            : DnsjavaResolver.of(List.of(m.split(",", -1)), DnsjavaResolver.DEFAULT_TIMEOUT);
    return new CachingResolver(r, budget, Ticker.systemTicker());
  }

  /**
   * The answers of a hosts file, such as a worker's {@code /etc/hosts}.
   *
   * @param option how the user named the file, for messages
   * @throws InputException naming the file when it cannot be read as a hosts file
   */
  static HostResolver hostsFile(Path file, String option) throws InputException {
    return HostsFileResolver.of(file, option);
  }

  /**
   * Fixed answers (host to addresses as text), without any network; other names are not found.
   *
   * @param source what reports say the answers come from
   * @throws IllegalArgumentException naming an address that is not an IP
   */
  static HostResolver fixed(Map<String, List<String>> answers, String source) {
    return StaticResolver.of(answers, source);
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

  /**
   * The outcome of resolving one name. Immutable.
   *
   * @param status what happened
   * @param addresses the addresses found (empty unless resolved)
   * @param detail words for reports: the server, the error, why it was skipped
   * @param ttlSeconds how long the answer may be cached (the records' smallest TTL), or -1 when
   *     unknown
   */
  public record Resolution(
      Status status, List<IPAddress> addresses, String detail, long ttlSeconds) {

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
}
