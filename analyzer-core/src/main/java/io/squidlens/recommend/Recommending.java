package io.squidlens.recommend;

import io.squidlens.base.Option;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One run of the recommender: what every target's plan starts from (the candidates, the safety
 * check, what is in force), and the steps plans share. The complete lists are made once per set of
 * clients that read them. Not thread-safe: one per {@link NoProxyRecommender#recommend} call.
 */
final class Recommending {
  final Profile profile;
  final ClusterNetworks networks;
  final ProxySettings settings;
  final SafetyCheck safety;
  final List<Verdict> verdicts;
  final Map<String, Candidates.Candidate> candidates;
  final boolean incomplete;
  final boolean keepUnsafe;
  final Option.Names names;
  private final Map<List<Object>, CompleteList> lists = new HashMap<>();

  Recommending(
      Profile profile,
      ClusterNetworks networks,
      ProxySettings settings,
      SafetyCheck safety,
      List<Verdict> verdicts,
      Map<String, Candidates.Candidate> candidates,
      boolean incomplete,
      boolean keepUnsafe,
      Option.Names names) {
    this.profile = profile;
    this.networks = networks;
    this.settings = settings;
    this.safety = safety;
    this.verdicts = verdicts;
    this.candidates = candidates;
    this.incomplete = incomplete;
    this.keepUnsafe = keepUnsafe;
    this.names = names;
  }

  /** A complete list: its baseline, every candidate, and the entries in force (kept). */
  record CompleteList(
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
   * The complete list read by {@code readers}, made once.
   *
   * @param crio whether it is CRI-O's, whose baseline holds the IBM Cloud registry
   */
  CompleteList complete(boolean crio, List<NoProxySemantics> readers) {
    return lists.computeIfAbsent(List.of(crio, readers), k -> makeComplete(crio, readers));
  }

  /** The entries OpenShift's cluster-network-operator adds to status.noProxy by itself. */
  Map<String, String> addedByOpenShift() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("localhost", "always added by OpenShift");
    m.put("127.0.0.1", "always added by OpenShift");
    m.put(".svc", "always added by OpenShift");
    m.put(".cluster.local", "always added by OpenShift");
    putNetworks(
        m,
        "service network, added by OpenShift",
        "cluster network, added by OpenShift",
        "machine network, added by OpenShift");
    return m;
  }

  /** Adds the cluster's service, pod and machine networks to {@code m}, each with its label. */
  private void putNetworks(Map<String, String> m, String service, String pod, String machine) {
    networks.serviceNetworks().forEach(c -> m.put(c, service));
    networks.clusterNetworks().forEach(c -> m.put(c, pod));
    networks.machineNetworks().forEach(c -> m.put(c, machine));
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
    putNetworks(b, "service network", "pod network", "machine network");
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

  private CompleteList makeComplete(boolean crio, List<NoProxySemantics> readers) {
    Map<String, String> baseline = baseline(crio);
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> fate = new HashMap<>();
    for (String e : entriesOf(settings.noProxy())) {
      String bad = NoProxyValidation.unparseable(e);
      values.put(e, bad == null ? e : null);
      if (bad != null) {
        fate.put(e, "dropped: " + bad);
      }
    }
    InForce given =
        InForce.sort(
            values, fate, safety, readers, names.of(Option.CURRENT_NO_PROXY), keepUnsafe, names);
    List<String> inForce = given.kept();
    TreeMap<String, Candidates.Candidate> all = new TreeMap<>();
    Set<String> base = baseline.keySet();
    for (Map.Entry<String, String> b : baseline.entrySet()) {
      Candidates.Candidate seen = candidates.get(b.getKey());
      Candidates.Candidate c =
          new Candidates.Candidate(
              Candidates.entryOf(b.getKey()), "baseline: " + b.getValue(), false);
      if (seen != null) {
        seen.verdicts.forEach(c::add);
      }
      all.put(b.getKey(), c);
    }
    for (Candidates.Candidate c : candidates.values()) {
      all.putIfAbsent(c.entry.value(), c);
    }
    List<Recommendation.Entry> entries = new ArrayList<>();
    TreeSet<String> value = new TreeSet<>(inForce);
    GoSemantics.Covering byInForce = new GoSemantics.Covering(inForce);
    GoSemantics.Covering byBase = new GoSemantics.Covering(base);
    for (Candidates.Candidate c : all.values()) {
      String v = c.entry.value();
      String by = byInForce.first(v);
      if (by == null && !base.contains(v)) {
        // A logged host the baseline already exempts (us.icr.io under icr.io,.icr.io) adds
        // nothing but length.
        by = byBase.first(v);
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
    safetyNet(value, given.unsafe(), readers, warnings);
    List<Recommendation.CurrentEntry> current =
        given.evidence(
            List.copyOf(values.keySet()),
            verdicts,
            w -> values.get(w) != null && inForce.contains(values.get(w)));
    return new CompleteList(
        entries, current, String.join(",", value), warnings, given.keptUnsafe());
  }

  /**
   * The last check of a value as printed: any entry still unsafe that the user did not ask to keep
   * is removed (the steps before should never leave one; this makes sure of it).
   */
  void safetyNet(
      Set<String> value,
      Map<String, SafetyCheck.Unsafe> allowed,
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

  /**
   * Marks an artifact that keeps unsafe entries or covers only part of the log, in a comment line
   * every target's format accepts, so the warning travels with what is pasted.
   */
  String marked(String artifact, List<String> keptUnsafe) {
    StringBuilder sb = new StringBuilder();
    if (!keptUnsafe.isEmpty()) {
      sb.append("# ")
          .append(names.of(Option.KEEP_UNSAFE))
          .append(": this value keeps ")
          .append(String.join(", ", keptUnsafe))
          .append(", which exempt")
          .append(keptUnsafe.size() == 1 ? "s" : "")
          .append(" internet destinations or every name under a public zone\n");
    }
    if (incomplete) {
      sb.append(
              "# incomplete: the destination table overflowed, so private destinations beyond it"
                  + " are missing (raise ")
          .append(names.of(Option.MAX_DESTINATIONS))
          .append(")\n");
    }
    return sb + artifact;
  }

  /** The proxy address, or the placeholder the artifact asks to replace (with a note saying so). */
  String proxyOrPlaceholder(String proxy, List<String> notes) {
    if (proxy != null) {
      return proxy;
    }
    notes.add(
        "proxy address unknown: replace PROXY_HOST, or pass "
            + names.of(Option.PROXY_URL)
            + " or "
            + names.of(Option.PROXY_CONFIG));
    return Artifacts.UNKNOWN_PROXY;
  }

  static void addSizeChecks(
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

  /** The trimmed, lower-cased, non-empty entries of a list, first occurrence kept. */
  static List<String> entriesOf(String value) {
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
}
