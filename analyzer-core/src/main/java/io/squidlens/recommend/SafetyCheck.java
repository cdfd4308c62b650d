package io.squidlens.recommend;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.squidlens.aggregate.Overflow;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.Verdict;
import io.squidlens.net.AddressSpace;
import io.squidlens.net.Destination;
import io.squidlens.net.PublicSuffixes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides whether NO_PROXY entries may be printed for a user to paste: an entry is unsafe when it
 * would send a destination the log shows as internet around the proxy (read as the clients of the
 * target read it), when its shape makes it too broad whatever a log shows ({@code *}, a public
 * suffix, a provider's shared zone, the default route), or when the destination table overflowed
 * and an untracked destination may fall under it. Immutable and thread-safe.
 */
final class SafetyCheck {
  /*
   * Implementation notes.
   *
   * Clients check every entry for every request, and the first match wins. Here the entries are
   * compiled once per client into one matcher, and every internet destination of the log is run
   * through it: a hit is credited to the entry the client would use. An internet destination that
   * two entries exempt is credited to the first only, so the entries hit are set aside and the
   * destinations they took are run again through a matcher of the remaining entries, until no
   * destination is exempted: linear in destinations times the depth of overlap, not in
   * destinations times entries.
   *
   * An overflowed destination was counted but never classified, so it could be an internet one.
   * An entry under which one may lie is unsafe, unless the rules alone make every name (or
   * address) under it private (.svc, icr.io on IBM Cloud, a cluster range), which no evidence
   * could change.
   */

  /** Most internet destinations named per unsafe entry; all are counted. */
  static final int MAX_LISTED = 10;

  /**
   * Why an entry must not be pasted.
   *
   * @param reason in words, without the entry itself
   * @param internet the internet destinations it exempts, up to {@value #MAX_LISTED}, by host
   * @param hosts how many internet destinations it exempts
   * @param requests their requests
   */
  record Unsafe(String reason, List<Recommendation.Exempted> internet, int hosts, long requests) {
    Unsafe {
      internet = List.copyOf(internet);
    }
  }

  private final List<Verdict> internet;
  private final List<String> seen;
  private final Overflow overflow;
  private final ClassifierRules rules;

  /**
   * Creates a check.
   *
   * @param verdicts every destination of the log
   * @param overflow what the destination table could not track
   * @param rules the rules the destinations were classified with, or null when none applied
   */
  SafetyCheck(List<Verdict> verdicts, Overflow overflow, ClassifierRules rules) {
    List<Verdict> in = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (!v.destinationClass().bypassesProxy()) {
        in.add(v);
      }
      if (!v.isIpLiteral()) {
        names.add(v.host());
      }
    }
    this.internet = List.copyOf(in);
    this.seen = List.copyOf(names);
    this.overflow = overflow;
    this.rules = rules;
  }

  /** The internet destinations of the log, as NO_PROXY matching sees them. */
  List<Verdict> internet() {
    return internet;
  }

  /** Why {@code entry} is too broad to paste whatever the log shows, or null. */
  String shape(String entry) {
    String e = entry.strip().toLowerCase(Locale.ROOT);
    if (e.equals("*")) {
      return "'*' exempts every destination";
    }
    if (e.indexOf('/') >= 0) {
      IPAddress block = new IPAddressString(e).getAddress();
      if (block == null || !block.isPrefixed()) {
        return null;
      }
      // A range the rules know as private (IBM Cloud's service networks) is not broad, however
      // wide.
      IPAddress b = block.toPrefixBlock();
      return rules != null && rules.privateBlock(b) ? null : AddressSpace.broadBlock(b);
    }
    String host = hostOf(e);
    if (host == null || Destination.parseLiteral(host) != null) {
      return null;
    }
    String zone = host;
    while (zone.startsWith("*.") || zone.startsWith(".")) {
      zone = zone.substring(zone.startsWith("*.") ? 2 : 1);
    }
    if (zone.endsWith(".")) {
      zone = zone.substring(0, zone.length() - 1);
    }
    if (zone.isEmpty()) {
      return null;
    }
    return PublicSuffixes.broadZone(zone, seen);
  }

  /**
   * The entries of {@code entries} that are unsafe for any of {@code readers}, each with why; the
   * rest are safe. Keys are the entries as given.
   */
  Map<String, Unsafe> check(Collection<String> entries, List<NoProxySemantics> readers) {
    Map<String, Unsafe> out = new LinkedHashMap<>();
    Map<String, Map<String, Long>> hits = new LinkedHashMap<>();
    Map<String, List<String>> hitReaders = new LinkedHashMap<>();
    for (NoProxySemantics reader : readers) {
      for (Map.Entry<String, Map<String, Long>> e : exempted(entries, reader).entrySet()) {
        Map<String, Long> hosts = hits.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
        e.getValue().forEach((h, n) -> hosts.merge(h, n, Math::max));
        hitReaders.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(reader.client());
      }
    }
    for (String entry : entries) {
      String broad = shape(entry);
      Map<String, Long> hosts = hits.get(entry);
      if (broad != null) {
        String also =
            hosts == null
                ? ""
                : "; it also exempts "
                    + count(hosts.size(), "internet destination")
                    + " the log shows";
        out.put(entry, unsafe("too broad: " + broad + also, hosts));
      } else if (hosts != null) {
        List<String> clients = hitReaders.get(entry);
        String who =
            clients.equals(List.of("go")) || readers.size() == 1 ? "" : " for " + join(clients);
        out.put(
            entry,
            unsafe(
                "exempts " + count(hosts.size(), "internet destination") + " the log shows" + who,
                hosts));
      } else if (mayExemptOverflow(entry)) {
        out.put(
            entry,
            unsafe(
                "the destination table overflowed, and destinations it could not track may fall"
                    + " under it (raise --max-destinations to check it)",
                null));
      }
    }
    return out;
  }

  /** Per entry, the internet hosts (with requests) {@code reader} would send around the proxy. */
  private Map<String, Map<String, Long>> exempted(
      Collection<String> entries, NoProxySemantics reader) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    List<String> remaining = new ArrayList<>(entries);
    List<Verdict> todo = internet;
    while (!remaining.isEmpty() && !todo.isEmpty()) {
      NoProxySemantics.Matcher m = reader.compile(String.join(",", remaining));
      List<Verdict> again = new ArrayList<>();
      List<String> hit = new ArrayList<>();
      for (Verdict v : todo) {
        String by = bypassedBy(m, v);
        if (by == null) {
          continue;
        }
        String entry = owner(remaining, by);
        if (entry == null) {
          continue;
        }
        out.computeIfAbsent(entry, k -> new TreeMap<>()).merge(v.host(), v.requests(), Long::sum);
        again.add(v);
        if (!hit.contains(entry)) {
          hit.add(entry);
        }
      }
      if (hit.isEmpty()) {
        break;
      }
      remaining.removeAll(hit);
      todo = again;
    }
    return out;
  }

  /** The entry exempting {@code v} on any of its ports, or null (implicit rules do not count). */
  private static String bypassedBy(NoProxySemantics.Matcher m, Verdict v) {
    List<Integer> ports = v.ports().isEmpty() ? List.of(-1) : v.ports();
    for (int port : ports) {
      String by = m.bypassedBy(new Destination(v.host(), port, v.address()));
      if (by != null && !by.startsWith("<")) {
        return by;
      }
    }
    return null;
  }

  /** The entry of {@code entries} a matcher reported as {@code by} (it reports them trimmed). */
  private static String owner(List<String> entries, String by) {
    for (String e : entries) {
      if (e.strip().equals(by)) {
        return e;
      }
    }
    return null;
  }

  private boolean mayExemptOverflow(String entry) {
    if (overflow == null || overflow.names().isEmpty()) {
      return false;
    }
    String e = entry.strip().toLowerCase(Locale.ROOT);
    if (e.indexOf('/') >= 0) {
      IPAddress block = new IPAddressString(e).getAddress();
      if (block == null || !block.isPrefixed()) {
        return false;
      }
      IPAddress b = block.toPrefixBlock();
      return !(rules != null && rules.privateBlock(b)) && overflow.names().mayBeIn(b);
    }
    String host = hostOf(e);
    if (host == null || host.isEmpty()) {
      return false;
    }
    IPAddress literal = Destination.parseLiteral(host);
    if (literal != null) {
      IPAddress b = literal.toPrefixBlock(literal.getBitCount());
      return !(rules != null && rules.privateBlock(b)) && overflow.names().mayBeIn(b);
    }
    boolean under = host.startsWith(".") || host.startsWith("*.");
    String zone = host.substring(host.startsWith("*.") ? 2 : host.startsWith(".") ? 1 : 0);
    if (zone.isEmpty() || (rules != null && rules.privateZone(zone))) {
      return false;
    }
    return under ? overflow.names().mayBeUnder(zone) : overflow.names().mayBeAtOrUnder(zone);
  }

  /** The host part of an entry ({@code [v6]:port}, {@code host:port}, {@code host}). */
  private static String hostOf(String e) {
    if (e.startsWith("[")) {
      int close = e.indexOf(']');
      return close < 0 ? null : e.substring(1, close);
    }
    int colon = e.indexOf(':');
    if (colon >= 0 && colon == e.lastIndexOf(':')) {
      return e.substring(0, colon);
    }
    return e;
  }

  private static Unsafe unsafe(String reason, Map<String, Long> hosts) {
    if (hosts == null) {
      return new Unsafe(reason, List.of(), 0, 0);
    }
    List<Recommendation.Exempted> listed = new ArrayList<>();
    long requests = 0;
    for (Map.Entry<String, Long> h : hosts.entrySet()) {
      requests += h.getValue();
      if (listed.size() < MAX_LISTED) {
        listed.add(new Recommendation.Exempted(h.getKey(), h.getValue()));
      }
    }
    return new Unsafe(reason, listed, hosts.size(), requests);
  }

  /** {@code "reason: a.example.com (3 requests), b.example.com (1 request)"}. */
  static String describe(Unsafe u) {
    if (u.internet().isEmpty()) {
      return u.reason();
    }
    StringBuilder sb = new StringBuilder(u.reason()).append(": ");
    for (int i = 0; i < u.internet().size(); i++) {
      Recommendation.Exempted x = u.internet().get(i);
      sb.append(i == 0 ? "" : ", ")
          .append(x.host())
          .append(" (")
          .append(count(x.requests(), "request"))
          .append(')');
    }
    if (u.hosts() > u.internet().size()) {
      sb.append(", and ").append(u.hosts() - u.internet().size()).append(" more");
    }
    return sb.toString();
  }

  private static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static String join(List<String> clients) {
    return String.join(", ", clients);
  }
}
