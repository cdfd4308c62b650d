package io.squidlens.dns;

import inet.ipaddr.IPAddress;
import io.squidlens.base.Checks;
import io.squidlens.dns.HostResolver.Resolution;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers from a fixed map of names to addresses, without any network: for tests, and for names the
 * user states. Immutable and thread-safe.
 */
final class StaticResolver implements HostResolver {
  private final Map<String, List<IPAddress>> answers;
  private final String source;

  private StaticResolver(Map<String, List<IPAddress>> answers, String source) {
    this.answers = answers;
    this.source = source;
  }

  /**
   * A resolver answering {@code names} (host to addresses as text); other names are not found.
   *
   * @throws IllegalArgumentException naming an address that is not an IP
   */
  public static StaticResolver of(Map<String, List<String>> names, String source) {
    Map<String, List<IPAddress>> m = new TreeMap<>();
    names.forEach(
        (host, addresses) -> {
          List<IPAddress> parsed = new ArrayList<>();
          for (String a : addresses) {
            IPAddress ip = Destination.parseLiteral(a);
            Checks.requireArgument(ip != null, "not an IP address for %s: '%s'", host, a);
            parsed.add(ip);
          }
          m.put(Destination.normalizeHost(host), List.copyOf(parsed));
        });
    return new StaticResolver(Map.copyOf(m), source);
  }

  @Override
  public Resolution resolve(String host) {
    List<IPAddress> a = answers.get(host);
    if (a == null || a.isEmpty()) {
      return Resolution.notFound("no entry in " + source);
    }
    return Resolution.resolved(a, source);
  }

  @Override
  public String describe() {
    return source;
  }
}
