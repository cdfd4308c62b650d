package io.squidlens.recommend;

import inet.ipaddr.IPAddress;
import io.squidlens.aggregate.Summary;
import io.squidlens.base.Option;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a NO_PROXY list does for each client: per observed destination, whether the client would go
 * direct or through the proxy; per entry, what it means to each client, which clients ignore it,
 * and whether clients disagree. Immutable results; the check itself is a pure function. Used by the
 * analyzer for {@code check}; read by the reports.
 *
 * <pre>{@code
 * NoProxyCheck.Result r = NoProxyCheck.run(".icr.io,172.21.0.0/16", NoProxySemantics.all(), verdicts);
 * }</pre>
 */
public final class NoProxyCheck {
  private NoProxyCheck() {}

  /**
   * The outcome.
   *
   * @param clients the clients checked, in column order
   * @param entries every non-empty entry of the list, in list order
   * @param destinations one row per observed destination and port, problems first
   */
  public record Result(List<String> clients, List<EntryMeaning> entries, List<Row> destinations) {
    /** Copies lists. */
    public Result {
      clients = List.copyOf(clients);
      entries = List.copyOf(entries);
      destinations = List.copyOf(destinations);
    }

    /** Rows with a problem. */
    public List<Row> problems() {
      return destinations.stream().filter(r -> r.problem() != null).toList();
    }
  }

  /**
   * One entry and what it means to each client.
   *
   * @param value the entry as written (trimmed)
   * @param meanings per client (in {@link Result#clients()} order), e.g. "the name and its
   *     subdomains", "subdomains only", "nothing (ignored)"
   * @param ignoredBy clients for which the entry matches nothing at all
   * @param clientsDisagree whether the clients checked read it in different ways
   * @param matched observed destinations it sends direct for at least one client
   * @param openShiftRejects why OpenShift's proxy/cluster validation rejects it, or null when it
   *     accepts it
   * @param unsafeReason why the entry must not be used (it exempts internet destinations the log
   *     shows for some client, or is too broad by its shape), or null when it is safe
   * @param exemptsInternet the internet destinations it exempts, up to ten
   */
  public record EntryMeaning(
      String value,
      List<String> meanings,
      List<String> ignoredBy,
      boolean clientsDisagree,
      long matched,
      String openShiftRejects,
      String unsafeReason,
      List<Recommendation.Exempted> exemptsInternet) {
    /** Copies lists. */
    public EntryMeaning {
      Objects.requireNonNull(value, "value");
      meanings = List.copyOf(meanings);
      ignoredBy = List.copyOf(ignoredBy);
      exemptsInternet = List.copyOf(exemptsInternet);
    }

    /**
     * Whether the entry has a problem worth a mark: it is unsafe, or no client checked reads it.
     * Clients reading it differently is normal and shown, not marked.
     */
    public boolean problem(int clients) {
      return unsafeReason != null || ignoredBy.size() == clients;
    }
  }

  /**
   * One observed destination and what each client would do under the list.
   *
   * @param destination {@code host:port} as logged
   * @param destinationClass where it really goes
   * @param requests logged requests
   * @param deniedRequests of those, denied by Squid
   * @param routes per client (in {@link Result#clients()} order): how it reaches the destination
   * @param problem what is wrong, or null: an internet destination some client would send direct,
   *     or a private one some client would still send to the proxy
   */
  public record Row(
      String destination,
      TrafficClass destinationClass,
      long requests,
      long deniedRequests,
      List<NoProxySemantics.Route> routes,
      String problem) {
    /** Checks fields and copies the list. */
    public Row {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(destinationClass, "destinationClass");
      routes = List.copyOf(routes);
    }
  }

  /** Checks {@code noProxy} for {@code clients} against the observed {@code verdicts}. */
  public static Result run(String noProxy, List<NoProxySemantics> clients, List<Verdict> verdicts) {
    return run(noProxy, clients, verdicts, Summary.Overflow.none(0), null, Option.Names.keys());
  }

  /**
   * Checks {@code noProxy} for {@code clients} against the observed {@code verdicts}.
   *
   * @param overflow what the destination table could not track
   * @param rules the rules the destinations were classified with, or null
   * @param options how reasons spell the options they suggest
   */
  public static Result run(
      String noProxy,
      List<NoProxySemantics> clients,
      List<Verdict> verdicts,
      Summary.Overflow overflow,
      ClassifierRules rules,
      Option.Names options) {
    List<String> names = clients.stream().map(NoProxySemantics::client).toList();
    List<NoProxySemantics.Matcher> matchers = new ArrayList<>();
    for (NoProxySemantics s : clients) {
      matchers.add(s.compile(noProxy));
    }
    Map<String, Long> matched = new HashMap<>();
    List<Row> problems = new ArrayList<>();
    List<Row> fine = new ArrayList<>();
    for (Verdict v : verdicts) {
      List<Integer> ports = v.ports().isEmpty() ? List.of(-1) : v.ports();
      for (int port : ports) {
        Destination d = new Destination(v.host(), port, v.address());
        List<NoProxySemantics.Route> hits = new ArrayList<>();
        Set<String> hitEntries = new LinkedHashSet<>();
        for (NoProxySemantics.Matcher m : matchers) {
          NoProxySemantics.Route hit = m.route(d);
          hits.add(hit);
          if (hit.entry() != null) {
            hitEntries.add(hit.entry().strip());
          }
        }
        for (String e : hitEntries) {
          matched.merge(e, 1L, Long::sum);
        }
        Row row =
            new Row(
                d.toString(),
                v.destinationClass(),
                v.stats().requests(),
                v.stats().deniedRequests(),
                hits,
                problem(v.destinationClass(), names, hits));
        (row.problem() == null ? fine : problems).add(row);
      }
    }
    List<Row> rows = new ArrayList<>(problems);
    rows.addAll(fine);
    // Entries as the list's own dialect separates them: commas, or bars in a Java list.
    String separator = noProxy.indexOf(',') < 0 && noProxy.indexOf('|') >= 0 ? "\\|" : ",";
    Set<String> seen = new LinkedHashSet<>();
    for (String raw : noProxy.split(separator, -1)) {
      String e = raw.strip();
      if (!e.isEmpty()) {
        seen.add(e);
      }
    }
    Map<String, SafetyCheck.Unsafe> unsafe =
        new SafetyCheck(verdicts, overflow, rules, options).check(seen, clients);
    boolean alone = seen.size() == 1;
    List<EntryMeaning> entries = new ArrayList<>();
    for (String e : seen) {
      List<String> meanings = new ArrayList<>();
      List<String> ignoredBy = new ArrayList<>();
      for (NoProxySemantics s : clients) {
        String m = meaning(s, e);
        meanings.add(m);
        if (m.equals(NOTHING)) {
          ignoredBy.add(s.client());
        }
      }
      boolean disagree = new LinkedHashSet<>(meanings).size() > 1;
      SafetyCheck.Unsafe u = unsafe.get(e);
      String openShift = alone && e.equals("*") ? null : NoProxyValidation.openShiftRejects(e);
      entries.add(
          new EntryMeaning(
              e,
              meanings,
              ignoredBy,
              disagree,
              matched.getOrDefault(e, 0L),
              openShift,
              u == null ? null : SafetyCheck.describe(u),
              u == null ? List.of() : u.internet()));
    }
    return new Result(names, entries, rows);
  }

  private static String problem(
      TrafficClass c, List<String> clients, List<NoProxySemantics.Route> hits) {
    List<String> direct = new ArrayList<>();
    List<String> proxied = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      (hits.get(i).direct() ? direct : proxied).add(clients.get(i));
    }
    if (c == TrafficClass.INTERNET && !direct.isEmpty()) {
      return "internet destination sent direct by "
          + who(direct, clients)
          + ": it fails where only the proxy reaches the internet";
    }
    if (c.bypassesProxy() && !proxied.isEmpty()) {
      return c.id() + " destination still sent to the proxy by " + who(proxied, clients);
    }
    return null;
  }

  private static String who(List<String> some, List<String> all) {
    return some.size() == all.size() && all.size() > 1 ? "every client" : String.join(", ", some);
  }

  static final String NOTHING = "nothing (ignored)";

  /**
   * What {@code entry} alone means to {@code client}, found by asking the client's own matcher
   * about probe destinations derived from the entry: the name itself, a subdomain, a name that
   * merely ends with the same text, an address inside a block. Derived, never hand-written, so the
   * description cannot drift from the matching code.
   */
  static String meaning(NoProxySemantics client, String entry) {
    String e = entry.toLowerCase(Locale.ROOT);
    NoProxySemantics.Matcher m = client.compile(entry);
    if (e.equals("*")) {
      return m.route(Destination.of("example.org", 443)).direct() ? "everything" : NOTHING;
    }
    int port = 443;
    String body = e;
    if (body.startsWith("[") && body.indexOf(']') > 0) {
      int close = body.indexOf(']');
      if (close + 2 < body.length() && body.charAt(close + 1) == ':') {
        port = portOr(body.substring(close + 2), 443);
      }
      body = body.substring(1, close);
    } else if (body.indexOf(':') == body.lastIndexOf(':') && body.indexOf(':') > 0) {
      int colon = body.indexOf(':');
      port = portOr(body.substring(colon + 1), 443);
      body = body.substring(0, colon);
    }
    String suffix = port == 443 ? "" : " on port " + port;
    int slash = body.indexOf('/');
    if (slash > 0) {
      try {
        IPAddress block = Cidrs.parse(body);
        IPAddress lower = block.getLower().withoutPrefixLength();
        IPAddress inside = block.isMultiple() ? lower.increment(1) : lower;
        Destination d = Destination.of(Destination.normalizeHost(inside.toCanonicalString()), port);
        return (m.route(d).direct() ? "IP literals in the block" : NOTHING) + suffix;
      } catch (IllegalArgumentException ex) {
        return NOTHING;
      }
    }
    if (Destination.parseLiteral(body) != null) {
      Destination d = Destination.of(Destination.normalizeHost(body), port);
      return (m.route(d).direct() ? "this address" : NOTHING) + suffix;
    }
    String name = body;
    while (name.startsWith("*") || name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.isEmpty()) {
      return NOTHING;
    }
    boolean apex = m.route(Destination.of(name, port)).direct();
    boolean sub = m.route(Destination.of("sub." + name, port)).direct();
    boolean raw = m.route(Destination.of("x" + name, port)).direct();
    String what;
    if (raw) {
      what = "any name ending in '" + name + "'";
    } else if (apex && sub) {
      what = "the name and its subdomains";
    } else if (sub) {
      what = "subdomains only";
    } else if (apex) {
      what = "only this exact name";
    } else {
      return NOTHING;
    }
    return what + suffix;
  }

  private static int portOr(String s, int otherwise) {
    try {
      int p = Integer.parseInt(s);
      return p >= 0 && p <= 65535 ? p : otherwise;
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** Meanings keyed by client, for reports. */
  public static Map<String, String> byClient(Result r, EntryMeaning e) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < r.clients().size(); i++) {
      m.put(r.clients().get(i), e.meanings().get(i));
    }
    return m;
  }
}
