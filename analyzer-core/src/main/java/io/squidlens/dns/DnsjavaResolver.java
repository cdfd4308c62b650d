package io.squidlens.dns;

import inet.ipaddr.IPAddress;
import io.squidlens.base.Checks;
import io.squidlens.dns.HostResolver.Resolution;
import io.squidlens.net.Destination;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * Resolves A and AAAA records with dnsjava, asynchronously, through the system's servers
 * (resolv.conf) or given ones. No caching of its own (see {@link CachingResolver}) and no search
 * path: names in logs are fully qualified. Thread-safe.
 */
final class DnsjavaResolver implements AsyncResolver {
  /** The default per-query timeout: short, because analysis must not wait on dead servers. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);

  private final LookupSession session;
  private final String description;

  private DnsjavaResolver(Resolver resolver, String description) {
    this.session =
        LookupSession.builder().resolver(resolver).clearCaches().clearSearchPath().build();
    this.description = description;
  }

  /** The servers of the system's resolver configuration (resolv.conf on Linux). */
  public static DnsjavaResolver system(Duration timeout) {
    List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
    List<String> shown = new ArrayList<>();
    for (InetSocketAddress s : servers) {
      shown.add(s.getAddress().getHostAddress());
    }
    return new DnsjavaResolver(
        resolver(servers, timeout), "DNS via " + String.join(", ", shown) + " (system)");
  }

  /**
   * Given servers, each an IP address with an optional {@code :port}.
   *
   * @throws IllegalArgumentException naming a server that is not an address
   */
  public static DnsjavaResolver of(List<String> servers, Duration timeout) {
    Checks.requireArgument(!servers.isEmpty(), "no DNS server given");
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String s : servers) {
      String host = s.strip();
      int port = 53;
      int colon = host.lastIndexOf(':');
      if (colon > 0 && host.indexOf(':') == colon) {
        try {
          port = Integer.parseInt(host.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = -1;
        }
        host = host.substring(0, colon);
      } else if (host.startsWith("[") && host.contains("]:")) {
        try {
          port = Integer.parseInt(host.substring(host.indexOf("]:") + 2));
        } catch (NumberFormatException e) {
          port = -1;
        }
        host = host.substring(1, host.indexOf(']'));
      }
      IPAddress ip = Destination.parseLiteral(host);
      Checks.requireArgument(
          ip != null && port > 0 && port < 65536,
          "not a DNS server address: '%s' (expected an IP, optionally with :port)",
          s);
      addresses.add(new InetSocketAddress(ip.toInetAddress(), port));
    }
    return new DnsjavaResolver(
        resolver(addresses, timeout), "DNS via " + String.join(", ", servers));
  }

  private static Resolver resolver(List<InetSocketAddress> servers, Duration timeout) {
    List<Resolver> simple = new ArrayList<>();
    for (InetSocketAddress s : servers) {
      SimpleResolver r = new SimpleResolver(s);
      r.setTimeout(timeout);
      simple.add(r);
    }
    ExtendedResolver r = new ExtendedResolver(simple);
    r.setTimeout(timeout);
    r.setRetries(1);
    return r;
  }

  @Override
  public String describe() {
    return description;
  }

  /** One record type's outcome. */
  private record Part(List<IPAddress> addresses, long ttl, Throwable error) {}

  @Override
  public CompletableFuture<Resolution> resolveAsync(String host) {
    Name name;
    try {
      name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      return CompletableFuture.completedFuture(Resolution.notFound("not a DNS name"));
    }
    CompletableFuture<Part> a = lookup(name, Type.A);
    CompletableFuture<Part> aaaa = lookup(name, Type.AAAA);
    return a.thenCombine(aaaa, this::combine);
  }

  private CompletableFuture<Part> lookup(Name name, int type) {
    CompletableFuture<LookupResult> f;
    try {
      f = session.lookupAsync(name, type).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(new Part(List.of(), -1, e));
    }
    return f.handle(
        (result, error) -> {
          if (error != null) {
            return new Part(List.of(), -1, unwrap(error));
          }
          List<IPAddress> found = new ArrayList<>();
          long ttl = Long.MAX_VALUE;
          for (Record r : result.getRecords()) {
            String text = null;
            if (r instanceof ARecord ar) {
              text = ar.getAddress().getHostAddress();
            } else if (r instanceof AAAARecord aaaa) {
              text = aaaa.getAddress().getHostAddress();
            }
            IPAddress ip = text == null ? null : Destination.parseLiteral(text);
            if (ip != null) {
              found.add(ip);
              ttl = Math.min(ttl, r.getTTL());
            }
          }
          return new Part(found, ttl == Long.MAX_VALUE ? -1 : ttl, null);
        });
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private Resolution combine(Part a, Part aaaa) {
    List<IPAddress> all = new ArrayList<>(a.addresses());
    all.addAll(aaaa.addresses());
    if (!all.isEmpty()) {
      long ttl =
          a.ttl() < 0 ? aaaa.ttl() : aaaa.ttl() < 0 ? a.ttl() : Math.min(a.ttl(), aaaa.ttl());
      return Resolution.resolved(all, description, ttl);
    }
    if (isNegative(a.error()) && isNegative(aaaa.error())) {
      boolean nx = a.error() instanceof NoSuchDomainException;
      return Resolution.notFound(nx ? "NXDOMAIN from " + description : "no address records");
    }
    Throwable e = a.error() != null && !isNegative(a.error()) ? a.error() : aaaa.error();
    String why = e == null ? "no answer" : e.getClass().getSimpleName() + ": " + e.getMessage();
    return Resolution.failed(why + " (" + description + ")");
  }

  private static boolean isNegative(Throwable t) {
    return t == null || t instanceof NoSuchDomainException || t instanceof NoSuchRRSetException;
  }
}
