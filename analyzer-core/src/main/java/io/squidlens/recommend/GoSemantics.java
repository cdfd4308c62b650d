package io.squidlens.recommend;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's {@code golang.org/x/net/http/httpproxy} rules, used by CRI-O, kubelet, {@code oc} and most
 * operators: split on commas, trim, lower-case; {@code *} alone matches everything; a CIDR or IP
 * matches IP-literal hosts only; {@code name} matches the name and its subdomains, {@code .name}
 * and {@code *.name} only subdomains; an entry port must equal the request port; {@code localhost}
 * and loopback addresses never use the proxy.
 */
enum GoSemantics implements NoProxySemantics {
  INSTANCE;

  /*
   * Implementation notes: httpproxy checks every entry in order for every request. Here entries
   * are indexed instead, so checking a hundred thousand logged destinations against a long list
   * stays linear in the destinations: exact IPs in a hash map, CIDR blocks in a list (lists have
   * few), and domain entries under their ".suffix" key. A host is looked up under "." + host (a
   * bare entry matches its own name) and under each of its suffixes starting at a dot, which is
   * exactly Go's HasSuffix test on dot-prefixed entries. When several entries match, the one
   * earliest in the list is reported, as Go would find it first.
   */

  @Override
  public String client() {
    return "go";
  }

  @Override
  public Matcher compile(String noProxy) {
    Map<IPAddress, List<Rule>> ips = new HashMap<>();
    List<Rule> cidrs = new ArrayList<>();
    Map<String, List<Rule>> domains = new HashMap<>();
    String[] raw = noProxy.split(",", -1);
    for (int order = 0; order < raw.length; order++) {
      String written = raw[order].strip();
      String p = written.toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("*")) {
        return d -> Route.byEntry("*");
      }
      if (p.contains("/")) {
        IPAddress block = new IPAddressString(p).getAddress();
        if (block != null && block.isPrefixed()) {
          cidrs.add(new Rule(order, written, block.toPrefixBlock(), null, false));
        }
        continue;
      }
      String host = p;
      String port = null;
      int lastColon = p.lastIndexOf(':');
      if (p.startsWith("[")) {
        // net.SplitHostPort accepts "[v6]:port" only; a bare "[v6]" stays a (never-matching)
        // domain entry, as in httpproxy.
        int close = p.indexOf(']');
        if (close > 0 && close + 1 < p.length() && p.charAt(close + 1) == ':') {
          host = p.substring(1, close);
          port = p.substring(close + 2);
        }
      } else if (lastColon >= 0 && p.indexOf(':') == lastColon) {
        host = p.substring(0, lastColon);
        port = p.substring(lastColon + 1);
      }
      IPAddress literal = Destination.parseLiteral(host);
      if (literal != null) {
        ips.computeIfAbsent(Cidrs.unmap(literal), k -> new ArrayList<>())
            .add(new Rule(order, written, literal, port, false));
        continue;
      }
      if (host.isEmpty()) {
        continue;
      }
      if (host.startsWith("*.")) {
        host = host.substring(1);
      }
      boolean matchHost = false;
      if (host.charAt(0) != '.') {
        matchHost = true;
        host = "." + host;
      }
      try {
        host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        // Go keeps the entry as written when IDNA conversion fails.
      }
      domains
          .computeIfAbsent(host, k -> new ArrayList<>())
          .add(new Rule(order, written, null, port, matchHost));
    }
    return d -> route(d, ips, cidrs, domains);
  }

  private static Route route(
      Destination d,
      Map<IPAddress, List<Rule>> ips,
      List<Rule> cidrs,
      Map<String, List<Rule>> domains) {
    String h = d.host();
    if (h.equals("localhost")) {
      return new Route.Implicit("localhost");
    }
    String port = d.port() < 0 ? "" : Integer.toString(d.port());
    Rule best = null;
    if (d.isIpLiteral()) {
      IPAddress a = Cidrs.unmap(d.address());
      if (a.isLoopback()) {
        return new Route.Implicit("loopback");
      }
      best = earliest(best, ips.get(a), port, false);
      for (Rule r : cidrs) {
        if ((best == null || r.order < best.order)
            && Cidrs.contains(r.block, a)
            && r.portMatches(port)) {
          best = r;
        }
      }
    }
    // "." + host: entries written as the host itself (matchHost); then every dot suffix.
    best = earliest(best, domains.get("." + h), port, true);
    for (int dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) {
      best = earliest(best, domains.get(h.substring(dot)), port, false);
    }
    return Route.of(best == null ? null : best.raw);
  }

  /**
   * The earlier of {@code best} and the first matching rule in {@code rules}; {@code exact} marks
   * the lookup of the host's own name, which only bare entries match.
   */
  private static Rule earliest(Rule best, List<Rule> rules, String port, boolean exact) {
    if (rules == null) {
      return best;
    }
    for (Rule r : rules) {
      if ((best == null || r.order < best.order)
          && (!exact || r.matchHost || r.block != null)
          && r.portMatches(port)) {
        best = r;
      }
    }
    return best;
  }

  /**
   * Whether, for Go, entry {@code general} exempts everything entry {@code specific} does (both
   * trimmed, lower-case, without ports): {@code x} covers {@code x}, {@code .x} and every {@code
   * a.x}; {@code .x} covers {@code .x}, {@code .a.x} and {@code a.x}, never {@code x}; a CIDR
   * covers the blocks and addresses inside it; {@code *} covers everything.
   */
  static boolean covers(String general, String specific) {
    return new Covering(List.of(general)).first(specific) != null;
  }

  /**
   * Entries parsed once for many {@link #covers} questions: a recommendation asks it for every
   * candidate against every entry in force, and parsing a CIDR each time cost more than the rest.
   */
  static final class Covering {
    private final List<String> entries;
    // Null where an entry is a name, as ipOrBlock says.
    private final List<IPAddress> blocks;

    Covering(Collection<String> entries) {
      this.entries = List.copyOf(entries);
      this.blocks = this.entries.stream().map(GoSemantics::ipOrBlock).toList();
    }

    /** The first entry that covers {@code specific}, or null. */
    String first(String specific) {
      IPAddress inner = ipOrBlock(specific);
      for (int i = 0; i < entries.size(); i++) {
        if (covers(entries.get(i), blocks.get(i), specific, inner)) {
          return entries.get(i);
        }
      }
      return null;
    }
  }

  private static boolean covers(String general, IPAddress outer, String specific, IPAddress inner) {
    if (general.equals(specific) || general.equals("*")) {
      return true;
    }
    if (outer != null || inner != null) {
      return outer != null
          && inner != null
          && general.indexOf('/') >= 0
          && outer.isIPv4() == inner.isIPv4()
          && outer.contains(inner);
    }
    String zone = general.startsWith(".") ? general.substring(1) : general;
    String name = specific.startsWith(".") ? specific.substring(1) : specific;
    if (zone.isEmpty() || name.isEmpty()) {
      return false;
    }
    boolean under = Destination.isUnder(name, zone);
    if (general.startsWith(".")) {
      // ".x" covers subdomains only: ".x" itself, or anything strictly under x.
      return under || (specific.startsWith(".") && name.equals(zone));
    }
    return under || name.equals(zone);
  }

  private static IPAddress ipOrBlock(String s) {
    if (s.indexOf('/') >= 0) {
      IPAddress a = new IPAddressString(s).getAddress();
      return a == null || !a.isPrefixed() ? null : a.toPrefixBlock();
    }
    IPAddress a = Destination.parseLiteral(s);
    return a == null ? null : Cidrs.unmap(a);
  }

  private record Rule(int order, String raw, IPAddress block, String port, boolean matchHost) {
    boolean portMatches(String requestPort) {
      return port == null || port.equals(requestPort);
    }
  }
}
