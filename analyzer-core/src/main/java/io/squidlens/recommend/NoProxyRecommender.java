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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
   * Implementation notes (rules: noproxy.md section 7).
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
   *    cluster-network-operator adds itself; CRI-O gets a complete list with its baseline.
   *    Values are sorted and de-duplicated as the operator's sets.List() does.
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
  private final String proxyUrl;

  /**
   * Creates a recommender.
   *
   * @param networks the cluster networks in force (defaults filled in)
   * @param proxyUrl the proxy's URL for artifacts, or null when unknown
   */
  public NoProxyRecommender(Profile profile, ClusterNetworks networks, String proxyUrl) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.networks = Objects.requireNonNull(networks, "networks");
    this.proxyUrl = proxyUrl;
  }

  /** Recommends for every target. */
  public Recommendations recommend(List<Verdict> verdicts) {
    List<String> warnings = new ArrayList<>();
    Map<String, Candidate> candidates = candidates(verdicts, warnings);
    Map<Target, Recommendation> byTarget = new EnumMap<>(Target.class);
    byTarget.put(Target.CLUSTER, cluster(candidates));
    byTarget.put(Target.CRIO, crio(candidates));
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
      if (!v.destination().isValidName()) {
        warnings.add("not recommending '" + v.host() + "': not a valid host name");
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

  private Recommendation cluster(Map<String, Candidate> candidates) {
    Map<String, String> added = addedByOpenShift();
    NoProxySemantics.Matcher inForce =
        GoSemantics.INSTANCE.compile(String.join(",", added.keySet()));
    List<Recommendation.Entry> entries = new ArrayList<>();
    TreeSet<String> value = new TreeSet<>();
    for (Candidate c : candidates.values()) {
      String v = c.entry.value();
      String coveredBy = added.containsKey(v) ? v : coveredByAll(inForce, c);
      if (coveredBy != null) {
        entries.add(c.toEntry(Recommendation.Status.ADDED_BY_OPENSHIFT, coveredBy));
      } else {
        entries.add(c.toEntry(Recommendation.Status.NEW, null));
        value.add(v);
      }
    }
    String noProxy = String.join(",", value);
    List<String> notes = new ArrayList<>();
    if (!profile.openShift()) {
      notes.add(
          "the "
              + profile.id()
              + " profile has no proxy/cluster object; use the crio or env target instead");
    }
    notes.addAll(networks.assumed());
    String artifact =
        noProxy.isEmpty()
            ? "# nothing to add: OpenShift already exempts every private destination in this log"
            : "oc patch proxy/cluster --type=merge -p '{\"spec\":{\"noProxy\":\""
                + noProxy
                + "\"}}'";
    return new Recommendation(Target.CLUSTER, noProxy, entries, artifact, notes);
  }

  private static String coveredByAll(NoProxySemantics.Matcher m, Candidate c) {
    String by = null;
    for (Verdict v : c.verdicts) {
      String hit =
          m.bypassedBy(Destination.of(v.host(), v.ports().isEmpty() ? -1 : v.ports().get(0)));
      if (hit == null) {
        return null;
      }
      by = hit;
    }
    return by;
  }

  private Recommendation crio(Map<String, Candidate> candidates) {
    Map<String, String> baseline = new LinkedHashMap<>();
    baseline.put("localhost", "loopback");
    baseline.put("127.0.0.1", "loopback");
    baseline.put(".svc", "Kubernetes services (the internal image registry is one)");
    baseline.put(".cluster.local", "the cluster DNS domain");
    for (String c : networks.serviceNetworks()) {
      baseline.put(c, "service network");
    }
    for (String c : networks.clusterNetworks()) {
      baseline.put(c, "pod network");
    }
    for (String c : networks.machineNetworks()) {
      baseline.put(c, "machine network");
    }
    if (profile.ibmCloud()) {
      baseline.put("172.20.0.0/16", "ROKS node-local API server and registry proxies");
      baseline.put("161.26.0.0/16", "IBM Cloud service network");
      baseline.put("166.8.0.0/14", "IBM Cloud service endpoints (private registry IPs)");
      baseline.put("icr.io", "IBM Cloud Container Registry, private from ROKS workers");
      baseline.put(".icr.io", "IBM Cloud Container Registry regions, private from ROKS workers");
    }
    TreeMap<String, Recommendation.Entry> entries = new TreeMap<>();
    for (Map.Entry<String, String> b : baseline.entrySet()) {
      Candidate c = candidates.get(b.getKey());
      Candidate base = new Candidate(entryOf(b.getKey()), "CRI-O baseline: " + b.getValue());
      if (c != null) {
        c.verdicts.forEach(base::add);
      }
      entries.put(b.getKey(), base.toEntry(Recommendation.Status.BASELINE, null));
    }
    for (Candidate c : candidates.values()) {
      entries.putIfAbsent(c.entry.value(), c.toEntry(Recommendation.Status.NEW, null));
    }
    String noProxy = String.join(",", entries.keySet());
    String proxy = proxyUrl == null ? "http://PROXY_HOST:3128" : proxyUrl;
    List<String> notes = new ArrayList<>();
    if (proxyUrl == null) {
      notes.add("proxy address unknown: replace PROXY_HOST or pass --proxy-url");
    }
    notes.add(
        "CRI-O reads its environment once at start: check `systemctl cat crio` for the"
            + " EnvironmentFile it loads, then `systemctl restart crio` (or reboot) on every"
            + " worker");
    notes.addAll(networks.assumed());
    String artifact = "HTTP_PROXY=" + proxy + "\nHTTPS_PROXY=" + proxy + "\nNO_PROXY=" + noProxy;
    return new Recommendation(
        Target.CRIO, noProxy, new ArrayList<>(entries.values()), artifact, notes);
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
