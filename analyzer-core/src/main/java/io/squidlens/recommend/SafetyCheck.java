package io.squidlens.recommend;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.squidlens.aggregate.Summary;
import io.squidlens.base.Option;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import io.squidlens.net.PublicSuffixes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
   * An entry is unsafe if it alone exempts an internet destination of the log, whatever else the
   * list holds: every client squidlens models decides entry by entry. So each entry is compiled
   * on its own and asked only about the destinations it could match at all: names ending with the
   * entry's own name (leading dots and wildcards removed), found by binary search among the
   * internet hosts sorted by their reversed text (IP literals among them: Go reads ".0.113.2" as
   * a name suffix), or IP literals for an address or block. That
   * keeps a check of a few hundred entries against a hundred thousand destinations at a few
   * milliseconds, where asking every entry about every destination took seconds. Answers are
   * kept per client and entry, because the six targets and their last checks ask again.
   *
   * An overflowed destination was counted but never classified, so it could be an internet one.
   * An entry under which one may lie is unsafe, unless the rules alone make every name (or
   * address) under it private (.svc, icr.io on IBM Cloud, a cluster range), which no evidence
   * could change.
   */

  /** Go alone: the client of proxy/cluster, CRI-O, MTC and the JVM flags' neighbours. */
  static final List<NoProxySemantics> GO = List.of(GoSemantics.INSTANCE);

  /** Every client a shell's or container's environment reaches. */
  static final List<NoProxySemantics> SHELLS =
      List.of(
          GoSemantics.INSTANCE,
          ClientSemantics.CURL,
          ClientSemantics.PYTHON,
          ClientSemantics.REQUESTS,
          ClientSemantics.NODE,
          ClientSemantics.WGET);

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
  private final List<Verdict> literals;
  private final String[] reversedNames;
  private final Verdict[] byReversedName;
  private final PublicSuffixes.Seen seen;
  private final Summary.Overflow overflow;
  private final ClassifierRules rules;
  private final Option.Names names;

  /**
   * Per client, per entry: the internet hosts (with requests) the entry alone exempts. Whether an
   * entry exempts a destination depends on that entry alone, so what one check found stands for the
   * next: the plans of six targets and their last checks ask about the same entries.
   */
  private final Map<String, Map<String, Map<String, Long>>> exemptedByClient =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Creates a check.
   *
   * @param verdicts every destination of the log
   * @param overflow what the destination table could not track
   * @param rules the rules the destinations were classified with, or null when none applied
   * @param names how reasons spell the options they suggest
   */
  SafetyCheck(
      List<Verdict> verdicts,
      Summary.Overflow overflow,
      ClassifierRules rules,
      Option.Names names) {
    List<Verdict> in = new ArrayList<>();
    List<String> hostNames = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (!v.destinationClass().bypassesProxy()) {
        in.add(v);
      }
      if (!v.isIpLiteral()) {
        hostNames.add(v.host());
      }
    }
    this.internet = List.copyOf(in);
    this.literals = in.stream().filter(Verdict::isIpLiteral).toList();
    List<Map.Entry<String, Verdict>> named = new ArrayList<>();
    for (Verdict v : in) {
      // IP literals too: Go reads ".0.113.2" as a name suffix, and 203.0.113.2 ends with it.
      named.add(Map.entry(reverse(v.host()), v));
    }
    named.sort(Map.Entry.comparingByKey());
    this.reversedNames = named.stream().map(Map.Entry::getKey).toArray(String[]::new);
    this.byReversedName = named.stream().map(Map.Entry::getValue).toArray(Verdict[]::new);
    this.seen = PublicSuffixes.Seen.of(hostNames);
    this.overflow = overflow;
    this.rules = rules;
    this.names = names;
  }

  /** The internet destinations of the log, as NO_PROXY matching sees them. */
  List<Verdict> internet() {
    return internet;
  }

  /**
   * Per entry as given, why its shape is too broad (empty when it is not). The answer depends on
   * the entry alone, and every target's plan and last check ask about the same entries: asking the
   * Public Suffix List once per entry instead of once per check was most of a small log's
   * recommendation time.
   */
  private final Map<String, Optional<String>> shapes =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Why {@code entry} is too broad to paste whatever the log shows, or null. */
  String shape(String entry) {
    return shapes.computeIfAbsent(entry, e -> Optional.ofNullable(shapeNow(e))).orElse(null);
  }

  private String shapeNow(String entry) {
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
      return rules != null && rules.privateBlock(b) ? null : Cidrs.broadBlock(b);
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
                    + " under it (raise "
                    + names.of(Option.MAX_DESTINATIONS)
                    + " to check it)",
                null));
      }
    }
    return out;
  }

  /** Per entry, the internet hosts (with requests) {@code reader} would send around the proxy. */
  private Map<String, Map<String, Long>> exempted(
      Collection<String> entries, NoProxySemantics reader) {
    Map<String, Map<String, Long>> known =
        exemptedByClient.computeIfAbsent(
            reader.client(), k -> new java.util.concurrent.ConcurrentHashMap<>());
    List<String> todo = new ArrayList<>();
    for (String e : entries) {
      if (!known.containsKey(e)) {
        todo.add(e);
      }
    }
    if (!todo.isEmpty()) {
      Map<String, Map<String, Long>> found = exemptedNow(todo, reader);
      for (String e : todo) {
        known.put(e, found.getOrDefault(e, Map.of()));
      }
    }
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (String e : entries) {
      Map<String, Long> hosts = known.get(e);
      if (!hosts.isEmpty()) {
        out.put(e, hosts);
      }
    }
    return out;
  }

  /**
   * Which internet destinations each entry exempts for {@code reader}. Whether an entry exempts a
   * destination depends on that entry alone, and any client can exempt a name only through an entry
   * whose name (leading dots and wildcards removed) the host ends with, so each entry is asked only
   * about the destinations whose names end with its own: found by binary search among the internet
   * names sorted by their reversed text. Addresses are asked about IP literals only.
   */
  private Map<String, Map<String, Long>> exemptedNow(
      Collection<String> entries, NoProxySemantics reader) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (String entry : entries) {
      List<Verdict> candidates = candidates(entry);
      if (candidates.isEmpty()) {
        continue;
      }
      NoProxySemantics.Matcher m = reader.compile(entry);
      for (Verdict v : candidates) {
        if (bypassedBy(m, v) != null) {
          out.computeIfAbsent(entry, k -> new TreeMap<>())
              .merge(v.host(), v.stats().requests(), Long::sum);
        }
      }
    }
    return out;
  }

  /** The internet destinations {@code entry} could exempt for some client: a superset. */
  private List<Verdict> candidates(String entry) {
    String e = entry.strip().toLowerCase(Locale.ROOT);
    if (e.isEmpty()) {
      return List.of();
    }
    if (e.equals("*")) {
      return internet;
    }
    if (e.indexOf('/') >= 0) {
      return literals;
    }
    String host = hostOf(e);
    String name = host == null ? e : host;
    int i = 0;
    while (i < name.length() && (name.charAt(i) == '*' || name.charAt(i) == '.')) {
      i++;
    }
    name = name.substring(i);
    if (name.isEmpty() || name.indexOf('*') >= 0) {
      return internet; // a pattern only Java reads (a.*): asked about everything
    }
    if (Destination.parseLiteral(name) != null) {
      return literals;
    }
    String key = new StringBuilder(name).reverse().toString();
    int at = Arrays.binarySearch(reversedNames, key);
    int from = at >= 0 ? at : -at - 1;
    List<Verdict> out = new ArrayList<>();
    for (int k = from; k < reversedNames.length && reversedNames[k].startsWith(key); k++) {
      out.add(byReversedName[k]);
    }
    return out;
  }

  /** The entry exempting {@code v} on any of its ports, or null (implicit rules do not count). */
  private static String bypassedBy(NoProxySemantics.Matcher m, Verdict v) {
    List<Integer> ports = v.ports().isEmpty() ? List.of(-1) : v.ports();
    for (int port : ports) {
      String by = m.route(new Destination(v.host(), port, v.address())).entry();
      if (by != null) {
        return by;
      }
    }
    return null;
  }

  private boolean mayExemptOverflow(String entry) {
    if (overflow == null || overflow.noDestinations()) {
      return false;
    }
    String e = entry.strip().toLowerCase(Locale.ROOT);
    if (e.indexOf('/') >= 0) {
      IPAddress block = new IPAddressString(e).getAddress();
      if (block == null || !block.isPrefixed()) {
        return false;
      }
      IPAddress b = block.toPrefixBlock();
      return !(rules != null && rules.privateBlock(b)) && overflow.mayBeIn(b);
    }
    String host = hostOf(e);
    if (host == null || host.isEmpty()) {
      return false;
    }
    IPAddress literal = Destination.parseLiteral(host);
    if (literal != null) {
      IPAddress b = literal.toPrefixBlock(literal.getBitCount());
      return !(rules != null && rules.privateBlock(b)) && overflow.mayBeIn(b);
    }
    boolean under = host.startsWith(".") || host.startsWith("*.");
    String zone = host.substring(host.startsWith("*.") ? 2 : host.startsWith(".") ? 1 : 0);
    if (zone.isEmpty() || (rules != null && rules.privateZone(zone))) {
      return false;
    }
    return under ? overflow.mayBeUnder(zone) : overflow.mayBeAtOrUnder(zone);
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

  private static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
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
