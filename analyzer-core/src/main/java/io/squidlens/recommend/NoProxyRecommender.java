package io.squidlens.recommend;

import io.squidlens.aggregate.Overflow;
import io.squidlens.classify.Classification;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.SuffixPolicy;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
import io.squidlens.net.PublicSuffixes;
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
   * 2. Safety (SafetyCheck): no candidate may be too broad by its shape (a public suffix, a
   *    provider's shared zone, "*"), send an internet destination of the log around the proxy
   *    in Go semantics (what CRI-O and the operators use), or cover a destination the full
   *    destination table could not track. A zone that fails falls back to its exact hosts; an
   *    exact host that still fails is refused with a warning.
   * 3. Targets then differ only in what they subtract or add: proxy/cluster drops what the
   *    cluster-network-operator adds itself (or what status.noProxy already holds); the others
   *    get a complete list, a baseline plus every candidate, CRI-O's with the IBM registry.
   *    Java gets that list translated to http.nonProxyHosts.
   * 4. With a list in force, its entries stay in the value (the log can justify additions, never
   *    removals) unless they are unsafe by the same check, read the way the target's clients
   *    read it; those are left out with a warning, or kept with --keep-unsafe, which the artifact
   *    then says. Coverage is judged against what the printed value will hold, so an entry left
   *    out covers nothing.
   * 5. Every value is checked once more as printed: nothing unsafe leaves this class unless the
   *    user asked to keep it.
   * Values are sorted and de-duplicated as the operator's sets.List() does.
   */

  /** The clients that read a target's value, for the safety check. */
  private static final List<NoProxySemantics> GO = List.of(GoSemantics.INSTANCE);

  private static final List<NoProxySemantics> SHELLS =
      List.of(
          GoSemantics.INSTANCE,
          ClientSemantics.CURL,
          ClientSemantics.PYTHON,
          ClientSemantics.REQUESTS,
          ClientSemantics.NODE,
          ClientSemantics.WGET);

  private final Profile profile;
  private final ClusterNetworks networks;
  private final ProxySettings settings;
  private final ClassifierRules rules;
  private final boolean keepUnsafe;

  /**
   * Creates a recommender.
   *
   * @param networks the cluster networks in force (defaults filled in)
   * @param settings what is configured now: proxy URLs and the lists in force, as far as known
   * @param rules the rules the destinations were classified with
   * @param keepUnsafe whether entries in force that are unsafe stay in the values (the artifacts
   *     then say so)
   */
  public NoProxyRecommender(
      Profile profile,
      ClusterNetworks networks,
      ProxySettings settings,
      ClassifierRules rules,
      boolean keepUnsafe) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.networks = Objects.requireNonNull(networks, "networks");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.keepUnsafe = keepUnsafe;
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

  /**
   * Recommends for every target.
   *
   * @param overflow what the destination table could not track (checked so no entry covers it)
   */
  public Recommendations recommend(List<Verdict> verdicts, Overflow overflow) {
    List<String> warnings = new ArrayList<>();
    SafetyCheck safety = new SafetyCheck(verdicts, overflow, rules);
    Map<String, Candidate> candidates = candidates(verdicts, safety, warnings);
    boolean incomplete = overflow.happened();
    Map<Target, Recommendation> byTarget = new EnumMap<>(Target.class);
    byTarget.put(Target.CLUSTER, cluster(candidates, verdicts, safety, incomplete));
    byTarget.put(
        Target.CRIO, crio(complete(baseline(true), candidates, verdicts, safety, GO), incomplete));
    // Targets read by the same clients share a plan: their lists are the same.
    Map<List<NoProxySemantics>, Plan> plans = new HashMap<>();
    for (Target t : List.of(Target.ENV, Target.JAVA, Target.DOCKER, Target.MTC)) {
      List<NoProxySemantics> readers = t == Target.ENV || t == Target.DOCKER ? SHELLS : GO;
      Plan plan =
          plans.computeIfAbsent(
              readers, r -> complete(baseline(false), candidates, verdicts, safety, r));
      byTarget.put(t, general(t, plan, safety, incomplete));
    }
    return new Recommendations(byTarget, allowlist(verdicts, warnings), warnings);
  }

  /** The evidence gathered for one entry. */
  private static final class Candidate {
    final NoProxyEntry entry;
    final String reason;
    final boolean zone;
    final TreeSet<String> covers = new TreeSet<>();
    final TreeSet<Long> examples = new TreeSet<>();
    final List<Verdict> verdicts = new ArrayList<>();
    long requests;
    long denied;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    Candidate(NoProxyEntry entry, String reason, boolean zone) {
      this.entry = entry;
      this.reason = reason;
      this.zone = zone;
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

  private Map<String, Candidate> candidates(
      List<Verdict> verdicts, SafetyCheck safety, List<String> warnings) {
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
    PublicSuffixes.Seen seen =
        PublicSuffixes.Seen.of(
            verdicts.stream().filter(v -> !v.isIpLiteral()).map(Verdict::host).toList());
    for (Map.Entry<String, List<Verdict>> e : shared.entrySet()) {
      String zone = e.getKey();
      List<Verdict> hosts = e.getValue();
      if (hosts.size() >= 2
          && PublicSuffixes.broadZone(zone, seen) == null
          && !internetZones.contains(zone)) {
        String reason =
            hosts.size() + " hosts under " + zone + ": " + label(hosts.get(0).classification());
        for (Verdict v : hosts) {
          addZone(out, new NoProxyEntry.ExactHost(zone), reason, v);
          addZone(out, new NoProxyEntry.DomainSuffix("." + zone), reason, v);
        }
      } else {
        for (Verdict v : hosts) {
          add(out, new NoProxyEntry.ExactHost(v.host()), v.classification().reason(), v);
        }
      }
    }
    // Nothing recommended may be too broad or send an internet destination around the proxy. A
    // zone that does falls back to its exact hosts, which are checked in turn.
    while (!out.isEmpty()) {
      Map<String, SafetyCheck.Unsafe> unsafe = safety.check(out.keySet(), GO);
      if (unsafe.isEmpty()) {
        break;
      }
      for (Map.Entry<String, SafetyCheck.Unsafe> u : unsafe.entrySet()) {
        Candidate c = out.remove(u.getKey());
        warnings.add("not recommending '" + u.getKey() + "': " + refusal(u.getValue()));
        if (c.zone) {
          for (Verdict v : c.verdicts) {
            if (!unsafe.containsKey(v.host())) {
              add(out, new NoProxyEntry.ExactHost(v.host()), v.classification().reason(), v);
            }
          }
        }
      }
    }
    return out;
  }

  /** Why a candidate is refused, in the words of the warning. */
  private static String refusal(SafetyCheck.Unsafe u) {
    if (!u.internet().isEmpty()) {
      return "Go clients would also send internet destination "
          + u.internet().get(0).host()
          + " around the proxy";
    }
    return u.reason();
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
    out.computeIfAbsent(e.value(), k -> new Candidate(e, reason, false)).add(v);
  }

  private static void addZone(
      Map<String, Candidate> out, NoProxyEntry e, String reason, Verdict v) {
    out.computeIfAbsent(e.value(), k -> new Candidate(e, reason, true)).add(v);
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

  /** What becomes of the entries of a list in force. */
  private record InForce(
      List<String> kept,
      Map<String, String> fate,
      Map<String, SafetyCheck.Unsafe> unsafe,
      List<String> warnings) {}

  /**
   * Sorts the entries of a list in force into those the value keeps and those it leaves out:
   * entries the target cannot parse are fixed or dropped, unsafe ones left out unless the user
   * keeps them.
   *
   * @param values the value each written entry stands for (fixed when it had to be), or null for an
   *     entry that must be dropped whatever it means; {@code fate} already says why
   * @param where the list's name in warnings ({@code spec.noProxy})
   */
  private InForce inForce(
      Map<String, String> values,
      Map<String, String> fate,
      SafetyCheck safety,
      List<NoProxySemantics> readers,
      String where) {
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      candidates.add(e.getValue() != null ? e.getValue() : e.getKey().toLowerCase(Locale.ROOT));
    }
    Map<String, SafetyCheck.Unsafe> unsafe = safety.check(new LinkedHashSet<>(candidates), readers);
    Map<String, SafetyCheck.Unsafe> byWritten = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String written = e.getKey();
      String value = e.getValue();
      SafetyCheck.Unsafe u = unsafe.get(candidates.get(i++));
      if (u != null) {
        byWritten.put(written, u);
        String why = SafetyCheck.describe(u);
        if (value != null && keepUnsafe) {
          fate.put(written, "kept although unsafe (--keep-unsafe): " + why);
          warnings.add(
              where + " entry '" + written + "' kept although unsafe (--keep-unsafe): " + why);
        } else if (value != null) {
          fate.put(written, "left out, unsafe: " + why);
          warnings.add(
              where
                  + " entry '"
                  + written
                  + "' left out of the value: "
                  + why
                  + "; pass --keep-unsafe to keep it");
          continue;
        }
      }
      if (value != null && !kept.contains(value)) {
        kept.add(value);
      }
    }
    return new InForce(kept, fate, byWritten, warnings);
  }

  /**
   * proxy/cluster: spec.noProxy holds only what the operator does not add. A patch replaces the
   * field as a whole, so the user's entries stay in the value unless OpenShift would reject them or
   * they are unsafe.
   */
  private Recommendation cluster(
      Map<String, Candidate> candidates,
      List<Verdict> verdicts,
      SafetyCheck safety,
      boolean incomplete) {
    List<String> written = trimmedEntries(settings.clusterSpec());
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> fate = new HashMap<>();
    boolean starAlone = written.equals(List.of("*"));
    for (String w : written) {
      String why = starAlone ? null : NoProxyValidation.openShiftRejects(w);
      String lower = w.toLowerCase(Locale.ROOT);
      if (why == null) {
        values.put(w, w);
      } else if (NoProxyValidation.openShiftRejects(lower) == null) {
        // Same meaning to every client (all compare case-insensitively), and now valid.
        values.put(w, lower);
        fate.put(w, "rewritten as '" + lower + "' (" + why + ")");
      } else {
        values.put(w, null);
        fate.put(w, "dropped: OpenShift rejects it (" + why + ")");
      }
    }
    InForce spec = inForce(values, fate, safety, GO, "spec.noProxy");
    // What is in force: the operator's own result when known, else what it adds, and never an
    // entry of spec.noProxy: the patch replaces those, and any left out stops being in force.
    Set<String> automatic = new LinkedHashSet<>();
    if (settings.clusterStatus() != null) {
      automatic.addAll(entriesOf(settings.clusterStatus()));
    } else {
      automatic.addAll(addedByOpenShift().keySet());
    }
    for (String w : written) {
      automatic.remove(w.toLowerCase(Locale.ROOT));
    }
    automatic.removeAll(safety.check(automatic, GO).keySet());
    List<String> inForce = new ArrayList<>(spec.kept());
    inForce.addAll(automatic);
    NoProxySemantics.Matcher goInForce = GoSemantics.INSTANCE.compile(String.join(",", inForce));

    List<Recommendation.Entry> entries = new ArrayList<>();
    TreeSet<String> value = new TreeSet<>(spec.kept());
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
      } else if (spec.kept().contains(by)) {
        entries.add(c.toEntry(Recommendation.Status.ALREADY_COVERED, by));
      } else {
        entries.add(c.toEntry(Recommendation.Status.ADDED_BY_OPENSHIFT, by));
      }
    }
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>(spec.warnings());
    List<Recommendation.CurrentEntry> current =
        evidence(written, verdicts, fate, spec.unsafe(), w -> keeps(values, spec, w));
    if (value.contains("*") && value.size() > 1) {
      value.retainAll(Set.of("*"));
    }
    safetyNet(value, spec.unsafe(), safety, GO, warnings);
    String noProxy = String.join(",", value);
    List<String> errors = new ArrayList<>(NoProxyValidation.openShiftProblems(noProxy));
    addSizeChecks("spec.noProxy", noProxy, warnings, errors);
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
    boolean rewritten = fate.values().stream().anyMatch(f -> !f.startsWith("kept"));
    List<String> syntax =
        fate.entrySet().stream()
            .filter(e -> e.getValue().startsWith("rewritten") || e.getValue().startsWith("dropped"))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (!syntax.isEmpty()) {
      notes.add(
          "spec.noProxy holds entries the cluster-network-operator rejects, which leaves"
              + " status.noProxy stale; the patch fixes or drops them: "
              + String.join(",", syntax));
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
    if (!added && !rewritten) {
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
    artifact = marked(artifact, keptUnsafe(spec), incomplete);
    return new Recommendation(
        Target.CLUSTER, noProxy, entries, current, artifact, notes, warnings, errors, incomplete);
  }

  private static boolean keeps(Map<String, String> values, InForce spec, String written) {
    String v = values.get(written);
    return v != null && spec.kept().contains(v);
  }

  private static List<String> keptUnsafe(InForce list) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, SafetyCheck.Unsafe> e : list.unsafe().entrySet()) {
      String f = list.fate().get(e.getKey());
      if (f != null && f.startsWith("kept")) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /**
   * Marks an artifact that keeps unsafe entries or covers only part of the log, in a comment line
   * every target's format accepts, so the warning travels with what is pasted.
   */
  private static String marked(String artifact, List<String> keptUnsafe, boolean incomplete) {
    StringBuilder sb = new StringBuilder();
    if (!keptUnsafe.isEmpty()) {
      sb.append("# --keep-unsafe: this value keeps ")
          .append(String.join(", ", keptUnsafe))
          .append(", which exempt")
          .append(keptUnsafe.size() == 1 ? "s" : "")
          .append(" internet destinations or every name under a public zone\n");
    }
    if (incomplete) {
      sb.append(
          "# incomplete: the destination table overflowed, so private destinations beyond it"
              + " are missing (raise --max-destinations)\n");
    }
    return sb + artifact;
  }

  /**
   * The last check of a value as printed: any entry still unsafe that the user did not ask to keep
   * is removed (the steps before should never leave one; this makes sure of it).
   */
  private static void safetyNet(
      Set<String> value,
      Map<String, SafetyCheck.Unsafe> allowed,
      SafetyCheck safety,
      List<NoProxySemantics> readers,
      List<String> warnings) {
    Set<String> keptOnPurpose = new HashSet<>();
    allowed.keySet().forEach(k -> keptOnPurpose.add(k.toLowerCase(Locale.ROOT)));
    for (Map.Entry<String, SafetyCheck.Unsafe> u : safety.check(value, readers).entrySet()) {
      String v = u.getKey();
      if (!keptOnPurpose.contains(v.toLowerCase(Locale.ROOT))) {
        value.remove(v);
        warnings.add("left out '" + v + "': " + SafetyCheck.describe(u.getValue()));
      }
    }
  }

  /** A complete list: its baseline, every candidate, and the entries in force (kept). */
  private record Plan(
      List<Recommendation.Entry> entries,
      List<Recommendation.CurrentEntry> current,
      String value,
      List<String> warnings,
      List<String> keptUnsafe) {
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
      Map<String, String> baseline,
      Map<String, Candidate> candidates,
      List<Verdict> verdicts,
      SafetyCheck safety,
      List<NoProxySemantics> readers) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> fate = new HashMap<>();
    for (String e : entriesOf(settings.noProxy())) {
      String bad = NoProxyValidation.unparseable(e);
      values.put(e, bad == null ? e : null);
      if (bad != null) {
        fate.put(e, "dropped: " + bad);
      }
    }
    InForce given = inForce(values, fate, safety, readers, "--current-no-proxy");
    List<String> inForce = given.kept();
    TreeMap<String, Candidate> all = new TreeMap<>();
    Set<String> base = baseline.keySet();
    for (Map.Entry<String, String> b : baseline.entrySet()) {
      Candidate seen = candidates.get(b.getKey());
      Candidate c = new Candidate(entryOf(b.getKey()), "baseline: " + b.getValue(), false);
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
    List<String> warnings = new ArrayList<>(given.warnings());
    safetyNet(value, given.unsafe(), safety, readers, warnings);
    List<Recommendation.CurrentEntry> current =
        evidence(
            List.copyOf(values.keySet()),
            verdicts,
            fate,
            given.unsafe(),
            w -> values.get(w) != null && inForce.contains(values.get(w)));
    return new Plan(entries, current, String.join(",", value), warnings, keptUnsafe(given));
  }

  private Recommendation crio(Plan plan, boolean incomplete) {
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>(plan.warnings());
    List<String> errors = new ArrayList<>();
    addSizeChecks("NO_PROXY", plan.value(), warnings, errors);
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
        marked(Artifacts.crio(http, https, plan.value()), plan.keptUnsafe(), incomplete),
        notes,
        warnings,
        errors,
        incomplete);
  }

  private Recommendation general(Target target, Plan plan, SafetyCheck safety, boolean incomplete) {
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>(plan.warnings());
    List<String> errors = new ArrayList<>();
    String noProxy = plan.value();
    String artifact;
    if (target == Target.MTC) {
      addSizeChecks("noProxy", noProxy, warnings, errors);
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
        for (Verdict v : safety.internet()) {
          internet.add(v.destination());
        }
        JavaNonProxyHosts.Result java = JavaNonProxyHosts.translate(plan.values(), internet);
        noProxy = java.value();
        notes.addAll(java.notes());
        addSizeChecks("JAVA_TOOL_OPTIONS", noProxy, warnings, errors);
        notes.add(
            "the JDK never reads NO_PROXY: http.nonProxyHosts governs http and https alike,"
                + " and setting it replaces the default localhost|127.*|[::1] (kept first)");
        artifact = Artifacts.java(http, https, noProxy);
      } else if (target == Target.DOCKER) {
        addSizeChecks("NO_PROXY", noProxy, warnings, errors);
        notes.add(
            "docker: 'systemctl daemon-reload && systemctl restart docker' after the drop-in;"
                + " config.json proxies reach containers, whose clients may ignore CIDR entries"
                + " (see squidlens check)");
        artifact = Artifacts.docker(http, https, noProxy);
      } else {
        addSizeChecks("NO_PROXY", noProxy, warnings, errors);
        notes.add(
            "both cases are exported: Go reads NO_PROXY first, curl, Python and wget read"
                + " no_proxy first (wget only no_proxy)");
        artifact = Artifacts.env(http, https, noProxy);
      }
    }
    notes.addAll(networks.assumed());
    return new Recommendation(
        target,
        noProxy,
        plan.entries(),
        plan.current(),
        marked(artifact, plan.keptUnsafe(), incomplete),
        notes,
        warnings,
        errors,
        incomplete);
  }

  private static String proxyOrPlaceholder(String proxy, List<String> notes) {
    if (proxy != null) {
      return proxy;
    }
    notes.add("proxy address unknown: replace PROXY_HOST, or pass --proxy-url or --proxy-config");
    return Artifacts.UNKNOWN_PROXY;
  }

  private static void addSizeChecks(
      String variable, String value, List<String> warnings, List<String> errors) {
    String error = NoProxyValidation.sizeError(variable, value);
    if (error != null) {
      errors.add(error);
      return;
    }
    String warning = NoProxyValidation.sizeWarning(variable, value);
    if (warning != null) {
      warnings.add(warning);
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
   * credited to the first entry that matches, as Go checks them), and for unsafe ones the internet
   * destinations among them.
   *
   * @param fate what happens to an entry in the recommended value, when it is not kept as is
   * @param unsafe the entries that are unsafe, with why
   * @param kept whether an entry stays in the recommended value
   */
  private static List<Recommendation.CurrentEntry> evidence(
      List<String> inForce,
      List<Verdict> verdicts,
      Map<String, String> fate,
      Map<String, SafetyCheck.Unsafe> unsafe,
      java.util.function.Predicate<String> kept) {
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
      String drop = fate.get(e);
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
      SafetyCheck.Unsafe u = unsafe.get(e);
      out.add(
          new Recommendation.CurrentEntry(
              e,
              kept.test(e),
              note,
              covers.subList(0, Math.min(covers.size(), Recommendation.CurrentEntry.MAX_COVERS)),
              h.size(),
              requests,
              u == null ? null : u.reason(),
              u == null ? List.of() : u.internet()));
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

  /**
   * Squid ACL lines for internet destinations Squid denied, only for what squid.conf can take as a
   * literal value: an IP address, or a host name of two or more labels that is not a public suffix.
   * Anything else from the log (a quoted path, which squid.conf would read as a file of values; a
   * leading dot or '-i', which change the ACL's meaning; '.com') gets no line.
   */
  private static List<Recommendations.AllowlistAdvice> allowlist(
      List<Verdict> verdicts, List<String> warnings) {
    List<Recommendations.AllowlistAdvice> out = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (v.destinationClass() == TrafficClass.INTERNET && v.deniedRequests() > 0) {
        String acl;
        if (v.isIpLiteral()) {
          acl = "acl squidlens_allowed dst " + v.host();
        } else if (SquidValues.isHostName(v.host()) && !PublicSuffixes.isPublicSuffix(v.host())) {
          acl = "acl squidlens_allowed dstdomain " + v.host();
        } else {
          warnings.add(
              "no Squid allowlist line for denied destination '"
                  + v.host()
                  + "': not a host name squid.conf can take as a value");
          continue;
        }
        out.add(new Recommendations.AllowlistAdvice(v.host(), v.deniedRequests(), acl));
      }
    }
    return out;
  }
}
