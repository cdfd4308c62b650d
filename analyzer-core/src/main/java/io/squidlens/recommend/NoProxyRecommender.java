package io.squidlens.recommend;

import io.squidlens.classify.Classification;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.SuffixPolicy;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns classified destinations into NO_PROXY recommendations for each target, every entry backed
 * by the traffic it covers. Immutable and thread-safe.
 */
public final class NoProxyRecommender {
  /*
   * Implementation notes.
   *
   * 1. Each destination whose class bypasses the proxy yields a candidate entry: the cluster or
   *    provider range for IP literals inside one (never the RFC 1918 catch-alls), the IP
   *    itself otherwise; ".zone" for cluster conventions (.svc, .cluster.local); the exact
   *    host for everything else. Hosts under a known-safe private zone (icr.io, COS direct,
   *    master endpoints, user zones) are held back and become "zone,.zone" only when two or
   *    more distinct hosts share the zone.
   * 2. Safety: the candidate list is compiled with Go semantics (what CRI-O and the operators
   *    use) and run against every internet destination in the log. An aggregate that would
   *    bypass one falls back to its exact hosts; an exact host that still does (Go's "host"
   *    also matches subdomains) is refused with a warning. Broad zones, public suffixes, "*"
   *    and "0.0.0.0/0" are refused outright.
   * 3. Targets then differ only in what they subtract or add: proxy/cluster drops what the
   *    cluster-network-operator adds itself (or what status.noProxy already holds); the others
   *    get a complete list, a baseline plus every candidate, CRI-O's with the IBM registry.
   *    Java gets that list translated to http.nonProxyHosts.
   * 4. With a list in force, an entry it already covers (Go subsumption: "x" covers ".x" and
   *    "a.x", a CIDR the blocks inside it) is marked and left out; the entries in force stay in
   *    the value, because the log can justify additions, never removals.
   * Values are sorted and de-duplicated as the operator's sets.List() does.
   */

  private static final Set<String> NEVER =
      Set.of(
          "*",
          "0.0.0.0/0",
          "::/0",
          "io",
          "com",
          "net",
          "org",
          "cloud",
          "appdomain.cloud",
          "containers.appdomain.cloud",
          "lb.appdomain.cloud",
          "cloud-object-storage.appdomain.cloud",
          "cloud.ibm.com",
          "ibm.com",
          "bluemix.net",
          "amazonaws.com",
          "openshift.com",
          "redhat.com",
          "redhat.io");

  private final Profile profile;
  private final ClusterNetworks networks;
  private final ProxySettings settings;

  /**
   * Creates a recommender.
   *
   * @param networks the cluster networks in force (defaults filled in)
   * @param settings what is configured now: proxy URLs and the lists in force, as far as known
   */
  public NoProxyRecommender(Profile profile, ClusterNetworks networks, ProxySettings settings) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.networks = Objects.requireNonNull(networks, "networks");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The entry that exempts one private destination, as the recommender would start from: the range
   * that explains an IP literal, {@code .zone} for cluster zones, else the host itself; null for an
   * internet destination.
   */
  public static String entryFor(Classification c, Destination d) {
    if (!c.destinationClass().bypassesProxy()) {
      return null;
    }
    if (c.range() != null) {
      return c.range();
    }
    if (c.basis() == Classification.Basis.NAME
        && c.zone() != null
        && c.policy() == SuffixPolicy.ALWAYS) {
      return "." + c.zone();
    }
    return d.host();
  }

  /** Recommends for every target. */
  public Recommendations recommend(List<Verdict> verdicts) {
    List<String> warnings = new ArrayList<>();
    Map<String, Candidate> candidates = candidates(verdicts, warnings);
    Map<Target, Recommendation> byTarget = new EnumMap<>(Target.class);
    byTarget.put(Target.CLUSTER, cluster(candidates, verdicts));
    Plan crio = complete(baseline(true), candidates, verdicts);
    byTarget.put(Target.CRIO, crio(crio));
    Plan general = complete(baseline(false), candidates, verdicts);
    for (Target t : List.of(Target.ENV, Target.JAVA, Target.DOCKER, Target.MTC)) {
      byTarget.put(t, general(t, general, verdicts));
    }
    return new Recommendations(byTarget, allowlist(verdicts), warnings);
  }

  /** The evidence gathered for one entry. */
  private static final class Candidate {
    final NoProxyEntry entry;
    final String reason;
    final TreeSet<String> covers = new TreeSet<>();
    final TreeSet<Long> examples = new TreeSet<>();
    final List<Verdict> verdicts = new ArrayList<>();
    long requests;
    long denied;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    Candidate(NoProxyEntry entry, String reason) {
      this.entry = entry;
      this.reason = reason;
    }

    void add(Verdict v) {
      verdicts.add(v);
      covers.add(v.host());
      requests += v.requests();
      denied += v.deniedRequests();
      first = Math.min(first, v.firstSeen());
      last = Math.max(last, v.lastSeen());
      examples.addAll(v.examples());
      while (examples.size() > 3) {
        examples.pollLast();
      }
    }

    Recommendation.Entry toEntry(Recommendation.Status status, String coveredBy) {
      return new Recommendation.Entry(
          entry.value(),
          reason,
          new ArrayList<>(covers),
          requests,
          denied,
          first,
          last,
          new ArrayList<>(examples),
          status,
          coveredBy);
    }
  }

  private Map<String, Candidate> candidates(List<Verdict> verdicts, List<String> warnings) {
    List<Verdict> internet = new ArrayList<>();
    Map<String, List<Verdict>> shared = new TreeMap<>();
    Map<String, Candidate> out = new TreeMap<>();
    for (Verdict v : verdicts) {
      if (!v.destinationClass().bypassesProxy()) {
        internet.add(v);
        continue;
      }
      String invalid =
          v.destination().isValidName() ? NoProxyValidation.openShiftRejects(v.host()) : "";
      if (invalid != null) {
        warnings.add(
            "not recommending '"
                + v.host()
                + "': not a valid NO_PROXY host name"
                + (invalid.isEmpty() ? "" : " (" + invalid + ")"));
        continue;
      }
      Classification c = v.classification();
      if (v.isIpLiteral()) {
        if (c.range() != null) {
          add(out, new NoProxyEntry.Cidr(c.range()), c.reason(), v);
        } else {
          add(out, new NoProxyEntry.ExactHost(v.host()), c.reason(), v);
        }
      } else if (c.basis() == Classification.Basis.NAME && c.zone() != null) {
        if (c.policy() == SuffixPolicy.ALWAYS) {
          add(out, new NoProxyEntry.DomainSuffix("." + c.zone()), c.reason(), v);
        } else if (c.policy() == SuffixPolicy.WHEN_SHARED) {
          shared.computeIfAbsent(c.zone(), k -> new ArrayList<>()).add(v);
        } else {
          add(out, new NoProxyEntry.ExactHost(v.host()), c.reason(), v);
        }
      } else {
        add(out, new NoProxyEntry.ExactHost(v.host()), c.reason(), v);
      }
    }
    Set<String> internetZones = shared.isEmpty() ? Set.of() : zonesOf(internet);
    for (Map.Entry<String, List<Verdict>> e : shared.entrySet()) {
      String zone = e.getKey();
      List<Verdict> hosts = e.getValue();
      if (hosts.size() >= 2 && !NEVER.contains(zone) && !internetZones.contains(zone)) {
        String reason =
            hosts.size() + " hosts under " + zone + ": " + label(hosts.get(0).classification());
        for (Verdict v : hosts) {
          add(out, new NoProxyEntry.ExactHost(zone), reason, v);
          add(out, new NoProxyEntry.DomainSuffix("." + zone), reason, v);
        }
      } else {
        for (Verdict v : hosts) {
          add(out, new NoProxyEntry.ExactHost(v.host()), v.classification().reason(), v);
        }
      }
    }
    // Safety: nothing recommended may send an internet destination around the proxy. One
    // matcher over all candidates, one pass over the internet destinations: whichever entry Go
    // would use goes, and the pass repeats until nothing matches.
    for (String value : new ArrayList<>(out.keySet())) {
      String bare = value.startsWith(".") ? value.substring(1) : value;
      if (NEVER.contains(bare)) {
        warnings.add("not recommending '" + value + "': too broad (a public zone or everything)");
        out.remove(value);
      }
    }
    List<Destination> internetDestinations = new ArrayList<>(internet.size());
    for (Verdict v : internet) {
      internetDestinations.add(v.destination());
    }
    boolean changed = true;
    while (changed && !out.isEmpty()) {
      changed = false;
      NoProxySemantics.Matcher m = GoSemantics.INSTANCE.compile(String.join(",", out.keySet()));
      for (Destination d : internetDestinations) {
        String hit = m.bypassedBy(d);
        if (hit != null && out.containsKey(hit)) {
          warnings.add(
              "not recommending '"
                  + hit
                  + "': Go clients would also send internet destination "
                  + d.host()
                  + " around the proxy");
          out.remove(hit);
          changed = true;
          break;
        }
      }
    }
    return out;
  }

  private static String label(Classification c) {
    String r = c.reason();
    int paren = r.lastIndexOf(" (");
    return paren > 0 ? r.substring(0, paren) : r;
  }

  /** Every name an internet host has or lies under ({@code a.b.c}: a.b.c, b.c, c). */
  private static Set<String> zonesOf(List<Verdict> internet) {
    Set<String> zones = new HashSet<>();
    for (Verdict v : internet) {
      if (v.isIpLiteral()) {
        continue;
      }
      String h = v.host();
      zones.add(h);
      for (int dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) {
        zones.add(h.substring(dot + 1));
      }
    }
    return zones;
  }

  private static void add(Map<String, Candidate> out, NoProxyEntry e, String reason, Verdict v) {
    out.computeIfAbsent(e.value(), k -> new Candidate(e, reason)).add(v);
  }

  /** The entries OpenShift's cluster-network-operator adds to status.noProxy by itself. */
  private Map<String, String> addedByOpenShift() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("localhost", "always added by OpenShift");
    m.put("127.0.0.1", "always added by OpenShift");
    m.put(".svc", "always added by OpenShift");
    m.put(".cluster.local", "always added by OpenShift");
    for (String c : networks.serviceNetworks()) {
      m.put(c, "service network, added by OpenShift");
    }
    for (String c : networks.clusterNetworks()) {
      m.put(c, "cluster network, added by OpenShift");
    }
    for (String c : networks.machineNetworks()) {
      m.put(c, "machine network, added by OpenShift");
    }
    return m;
  }

  /**
   * proxy/cluster: spec.noProxy holds only what the operator does not add. A patch replaces the
   * field as a whole, so the user's entries stay in the value unless OpenShift would reject them.
   */
  private Recommendation cluster(Map<String, Candidate> candidates, List<Verdict> verdicts) {
    List<String> written = trimmedEntries(settings.clusterSpec());
    List<String> spec = entriesOf(settings.clusterSpec());
    // What is in force: the operator's own result when known, else spec plus what it adds.
    Set<String> automatic = new LinkedHashSet<>();
    if (settings.clusterStatus() != null) {
      automatic.addAll(entriesOf(settings.clusterStatus()));
    } else {
      automatic.addAll(addedByOpenShift().keySet());
    }
    automatic.removeAll(spec);
    List<String> inForce = new ArrayList<>(spec);
    inForce.addAll(automatic);
    NoProxySemantics.Matcher goInForce = GoSemantics.INSTANCE.compile(String.join(",", inForce));

    List<Recommendation.Entry> entries = new ArrayList<>();
    TreeSet<String> value = new TreeSet<>();
    boolean added = false;
    for (Candidate c : candidates.values()) {
      String by = firstCovering(inForce, c.entry.value());
      if (by == null) {
        by = coveredByAll(goInForce, c);
      }
      if (by == null) {
        entries.add(c.toEntry(Recommendation.Status.NEW, null));
        value.add(c.entry.value());
        added = true;
      } else if (spec.contains(by)) {
        entries.add(c.toEntry(Recommendation.Status.ALREADY_COVERED, by));
      } else {
        entries.add(c.toEntry(Recommendation.Status.ADDED_BY_OPENSHIFT, by));
      }
    }
    List<String> notes = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    Map<String, String> fate = new HashMap<>();
    for (String w : written) {
      String why = NoProxyValidation.openShiftRejects(w);
      String lower = w.toLowerCase(Locale.ROOT);
      if (why == null) {
        value.add(w);
      } else if (NoProxyValidation.openShiftRejects(lower) == null) {
        // Same meaning to every client (all compare case-insensitively), and now valid.
        value.add(lower);
        fate.put(w, "rewritten as '" + lower + "' (" + why + ")");
      } else {
        dropped.add(w);
        fate.put(w, "dropped: OpenShift rejects it (" + why + ")");
      }
    }
    List<Recommendation.CurrentEntry> current =
        evidence(written, verdicts, fate::get, w -> !dropped.contains(w));
    if (value.contains("*") && value.size() > 1) {
      value.retainAll(Set.of("*"));
    }
    String noProxy = String.join(",", value);
    List<String> errors = new ArrayList<>(NoProxyValidation.openShiftProblems(noProxy));
    addSizeChecks("spec.noProxy", noProxy, notes, errors);
    if (!profile.openShift()) {
      notes.add(
          "the "
              + profile.id()
              + " profile has no proxy/cluster object; use the crio or env target instead");
    } else if (profile.ibmCloud()) {
      notes.add(
          "on IBM Cloud (ROKS) proxy/cluster does not reach the workers' CRI-O: image pulls"
              + " need the crio target");
    }
    if (!fate.isEmpty()) {
      notes.add(
          "spec.noProxy holds entries the cluster-network-operator rejects, which leaves"
              + " status.noProxy stale; the patch fixes or drops them: "
              + String.join(",", fate.keySet().stream().sorted().toList()));
    }
    if (!settings.clusterHasProxy()) {
      notes.add(
          "proxy/cluster sets neither httpProxy nor httpsProxy: OpenShift rejects spec.noProxy"
              + " alone");
    }
    if (settings.knowsCluster() && settings.clusterStatus() == null) {
      notes.add(
          "status.noProxy is empty in "
              + settings.source()
              + ": coverage was checked against spec.noProxy plus what OpenShift adds");
    }
    notes.addAll(networks.assumed());
    String artifact;
    if (!added && fate.isEmpty()) {
      artifact =
          "# nothing to add: the list in force already exempts every private destination in"
              + " this log";
    } else {
      artifact = Artifacts.clusterPatch(noProxy);
      notes.add(
          "after patching, check 'oc get co network' (Degraded with InvalidProxyConfig means"
              + " the value was rejected) and 'oc get proxy/cluster -o"
              + " jsonpath={.status.noProxy}'");
    }
    return new Recommendation(Target.CLUSTER, noProxy, entries, current, artifact, notes, errors);
  }

  /** A complete list: its baseline, every candidate, and the entries in force (kept). */
  private record Plan(
      List<Recommendation.Entry> entries, List<Recommendation.CurrentEntry> current, String value) {
    Set<String> values() {
      return value.isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(value.split(",", -1)));
    }
  }

  /**
   * The entries every complete list starts from: nothing adds them for these consumers. CRI-O on
   * IBM Cloud also gets the Container Registry, private from ROKS workers whatever DNS says.
   */
  private Map<String, String> baseline(boolean crio) {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("localhost", "loopback");
    b.put("127.0.0.1", "loopback");
    b.put(".svc", "Kubernetes services (the internal image registry is one)");
    b.put(".cluster.local", "the cluster DNS domain");
    for (String c : networks.serviceNetworks()) {
      b.put(c, "service network");
    }
    for (String c : networks.clusterNetworks()) {
      b.put(c, "pod network");
    }
    for (String c : networks.machineNetworks()) {
      b.put(c, "machine network");
    }
    if (profile.ibmCloud()) {
      b.put("172.20.0.0/16", "ROKS node-local API server and registry proxies");
      b.put("161.26.0.0/16", "IBM Cloud service network");
      b.put("166.8.0.0/14", "IBM Cloud service endpoints (private registry IPs)");
      if (crio) {
        b.put("icr.io", "IBM Cloud Container Registry, private from ROKS workers");
        b.put(".icr.io", "IBM Cloud Container Registry regions, private from ROKS workers");
      }
    }
    return b;
  }

  private Plan complete(
      Map<String, String> baseline, Map<String, Candidate> candidates, List<Verdict> verdicts) {
    List<String> inForce = entriesOf(settings.noProxy());
    TreeMap<String, Candidate> all = new TreeMap<>();
    Set<String> base = baseline.keySet();
    for (Map.Entry<String, String> b : baseline.entrySet()) {
      Candidate seen = candidates.get(b.getKey());
      Candidate c = new Candidate(entryOf(b.getKey()), "baseline: " + b.getValue());
      if (seen != null) {
        seen.verdicts.forEach(c::add);
      }
      all.put(b.getKey(), c);
    }
    for (Candidate c : candidates.values()) {
      all.putIfAbsent(c.entry.value(), c);
    }
    List<Recommendation.Entry> entries = new ArrayList<>();
    TreeSet<String> value = new TreeSet<>(inForce);
    List<String> baseValues = List.copyOf(base);
    for (Candidate c : all.values()) {
      String v = c.entry.value();
      String by = firstCovering(inForce, v);
      if (by == null && !base.contains(v)) {
        // A logged host the baseline already exempts (us.icr.io under icr.io,.icr.io) adds
        // nothing but length.
        by = firstCovering(baseValues, v);
      }
      if (by != null) {
        entries.add(c.toEntry(Recommendation.Status.ALREADY_COVERED, by));
      } else {
        boolean isBase = base.contains(v);
        entries.add(
            c.toEntry(isBase ? Recommendation.Status.BASELINE : Recommendation.Status.NEW, null));
        value.add(v);
      }
    }
    List<Recommendation.CurrentEntry> current = evidence(inForce, verdicts, e -> null, e -> true);
    return new Plan(entries, current, String.join(",", value));
  }

  private Recommendation crio(Plan plan) {
    List<String> notes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    addSizeChecks("NO_PROXY", plan.value(), notes, errors);
    String http = proxyOrPlaceholder(settings.forHttp(), notes);
    String https = settings.forHttps() == null ? http : settings.forHttps();
    notes.add(
        "CRI-O reads its environment once at start: check 'systemctl cat crio' for the"
            + " EnvironmentFile it loads (/etc/sysconfig/crio-network on ROKS, /etc/sysconfig/crio"
            + " upstream), then 'systemctl restart crio' (or reboot) on every worker");
    notes.add(
        "Go clients such as CRI-O use HTTPS_PROXY for https registries and never fall back to"
            + " HTTP_PROXY: set both");
    notes.addAll(networks.assumed());
    return new Recommendation(
        Target.CRIO,
        plan.value(),
        plan.entries(),
        plan.current(),
        Artifacts.crio(http, https, plan.value()),
        notes,
        errors);
  }

  private Recommendation general(Target target, Plan plan, List<Verdict> verdicts) {
    List<String> notes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String noProxy = plan.value();
    String artifact;
    if (target == Target.MTC) {
      addSizeChecks("noProxy", noProxy, notes, errors);
      artifact = Artifacts.mtc(settings.forHttp(), settings.forHttps(), noProxy);
      if (settings.forHttp() == null) {
        notes.add(
            "MTC ignores noProxy unless httpProxy or httpsProxy is set in the"
                + " MigrationController: add them, or pass --proxy-url to include them");
      }
      notes.add(
          "MTC passes this list to its own pods as is (nothing is added): it is the complete"
              + " list");
    } else {
      String http = proxyOrPlaceholder(settings.forHttp(), notes);
      String https = settings.forHttps() == null ? http : settings.forHttps();
      if (target == Target.JAVA) {
        List<Destination> internet = new ArrayList<>();
        for (Verdict v : verdicts) {
          if (!v.destinationClass().bypassesProxy()) {
            internet.add(v.destination());
          }
        }
        JavaNonProxyHosts.Result java = JavaNonProxyHosts.translate(plan.values(), internet);
        noProxy = java.value();
        notes.addAll(java.notes());
        addSizeChecks("JAVA_TOOL_OPTIONS", noProxy, notes, errors);
        notes.add(
            "the JDK never reads NO_PROXY: http.nonProxyHosts governs http and https alike,"
                + " and setting it replaces the default localhost|127.*|[::1] (kept first)");
        artifact = Artifacts.java(http, https, noProxy);
      } else if (target == Target.DOCKER) {
        addSizeChecks("NO_PROXY", noProxy, notes, errors);
        notes.add(
            "docker: 'systemctl daemon-reload && systemctl restart docker' after the drop-in;"
                + " config.json proxies reach containers, whose clients may ignore CIDR entries"
                + " (see squidlens check)");
        artifact = Artifacts.docker(http, https, noProxy);
      } else {
        addSizeChecks("NO_PROXY", noProxy, notes, errors);
        notes.add(
            "both cases are exported: Go reads NO_PROXY first, curl, Python and wget read"
                + " no_proxy first (wget only no_proxy)");
        artifact = Artifacts.env(http, https, noProxy);
      }
    }
    notes.addAll(networks.assumed());
    return new Recommendation(
        target, noProxy, plan.entries(), plan.current(), artifact, notes, errors);
  }

  private static String proxyOrPlaceholder(String proxy, List<String> notes) {
    if (proxy != null) {
      return proxy;
    }
    notes.add("proxy address unknown: replace PROXY_HOST, or pass --proxy-url or --proxy-config");
    return Artifacts.UNKNOWN_PROXY;
  }

  private static void addSizeChecks(
      String variable, String value, List<String> notes, List<String> errors) {
    String error = NoProxyValidation.sizeError(variable, value);
    if (error != null) {
      errors.add(error);
      return;
    }
    String warning = NoProxyValidation.sizeWarning(variable, value);
    if (warning != null) {
      notes.add(warning);
    }
  }

  /** The trimmed non-empty entries of a list as written, first occurrence kept. */
  private static List<String> trimmedEntries(String value) {
    if (value == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String raw : value.split(",", -1)) {
      if (!raw.isBlank()) {
        out.add(raw.strip());
      }
    }
    return List.copyOf(out);
  }

  /** The trimmed, lower-cased, non-empty entries of a list, first occurrence kept. */
  private static List<String> entriesOf(String value) {
    if (value == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String raw : value.split(",", -1)) {
      String e = raw.strip().toLowerCase(Locale.ROOT);
      if (!e.isEmpty()) {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  /** The first entry of {@code inForce} that covers {@code entry} in Go semantics, or null. */
  private static String firstCovering(List<String> inForce, String entry) {
    for (String g : inForce) {
      if (GoSemantics.covers(g, entry)) {
        return g;
      }
    }
    return null;
  }

  private static String coveredByAll(NoProxySemantics.Matcher m, Candidate c) {
    String by = null;
    for (Verdict v : c.verdicts) {
      String hit = m.bypassedBy(v.destination());
      if (hit == null || hit.startsWith("<")) {
        return null;
      }
      by = hit.strip().toLowerCase(Locale.ROOT);
    }
    return by;
  }

  /**
   * What the log shows about each entry in force: the logged hosts Go would exempt through it (each
   * credited to the first entry that matches, as Go checks them).
   *
   * @param fate what happens to an entry in the recommended value, or null when it is kept as is
   * @param kept whether an entry stays in the recommended value
   */
  private static List<Recommendation.CurrentEntry> evidence(
      List<String> inForce,
      List<Verdict> verdicts,
      Function<String, String> fate,
      Predicate<String> kept) {
    if (inForce.isEmpty()) {
      return List.of();
    }
    NoProxySemantics.Matcher m = GoSemantics.INSTANCE.compile(String.join(",", inForce));
    Map<String, TreeSet<String>> hosts = new HashMap<>();
    Map<String, long[]> counts = new HashMap<>();
    for (Verdict v : verdicts) {
      String hit = m.bypassedBy(v.destination());
      if (hit == null || hit.startsWith("<")) {
        continue;
      }
      hosts.computeIfAbsent(hit, k -> new TreeSet<>()).add(v.host());
      counts.computeIfAbsent(hit, k -> new long[1])[0] += v.requests();
    }
    List<Recommendation.CurrentEntry> out = new ArrayList<>();
    for (String e : inForce) {
      String drop = fate.apply(e);
      TreeSet<String> h = hosts.getOrDefault(e, new TreeSet<>());
      long requests = counts.containsKey(e) ? counts.get(e)[0] : 0;
      String note;
      if (drop != null) {
        note = drop;
      } else if (h.isEmpty()) {
        note =
            "no evidence in this log (traffic it exempts never reaches the proxy, so the log"
                + " cannot show whether it is needed)";
      } else {
        note =
            h.size()
                + " logged host(s) match it yet reached the proxy: the clients that sent them"
                + " do not read this list, or read it differently (see squidlens check)";
      }
      List<String> covers = new ArrayList<>(h);
      out.add(
          new Recommendation.CurrentEntry(
              e,
              kept.test(e),
              note,
              covers.subList(0, Math.min(covers.size(), Recommendation.CurrentEntry.MAX_COVERS)),
              h.size(),
              requests));
    }
    return out;
  }

  private static NoProxyEntry entryOf(String value) {
    if (value.contains("/")) {
      return new NoProxyEntry.Cidr(value);
    }
    if (value.startsWith(".")) {
      return new NoProxyEntry.DomainSuffix(value);
    }
    return new NoProxyEntry.ExactHost(value);
  }

  private static List<Recommendations.AllowlistAdvice> allowlist(List<Verdict> verdicts) {
    List<Recommendations.AllowlistAdvice> out = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (v.destinationClass() == TrafficClass.INTERNET && v.deniedRequests() > 0) {
        String acl =
            v.isIpLiteral()
                ? "acl squidlens_allowed dst " + v.host()
                : "acl squidlens_allowed dstdomain " + v.host();
        out.add(new Recommendations.AllowlistAdvice(v.host(), v.deniedRequests(), acl));
      }
    }
    return out;
  }
}
