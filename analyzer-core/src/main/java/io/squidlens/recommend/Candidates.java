package io.squidlens.recommend;

import io.squidlens.aggregate.TrafficStats;
import io.squidlens.classify.Classification;
import io.squidlens.classify.Verdict;
import io.squidlens.net.PublicSuffixes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses the entries the log justifies, each with the traffic it covers, and refuses every one
 * that the Go-safety check finds too broad or exempting an internet destination. Stateless.
 */
final class Candidates {
  /*
   * Implementation notes.
   *
   * Each destination whose class bypasses the proxy yields a candidate entry: the cluster or
   * provider range for IP literals inside one (never the RFC 1918 catch-alls), the IP itself
   * otherwise; ".zone" for cluster conventions (.svc, .cluster.local); the exact host for
   * everything else. Hosts under a known-safe private zone (icr.io, COS direct, master endpoints,
   * user zones) are held back and become "zone,.zone" only when two or more distinct hosts share
   * the zone and no internet host of the log lies under it.
   *
   * Then the safety check, in Go semantics (what CRI-O and the operators use): no candidate may be
   * too broad by its shape (a public suffix, a provider's shared zone, "*"), send an internet
   * destination of the log around the proxy, or cover a destination the full destination table
   * could not track. A zone that fails falls back to its exact hosts, which are checked in turn;
   * an exact host that still fails is refused with a warning.
   */

  private Candidates() {}

  /** The evidence gathered for one entry. */
  static final class Candidate {
    final NoProxyEntry entry;
    final String reason;
    final boolean zone;
    final TreeSet<String> covers = new TreeSet<>();
    final List<Verdict> verdicts = new ArrayList<>();
    private TrafficStats stats;

    Candidate(NoProxyEntry entry, String reason, boolean zone) {
      this.entry = entry;
      this.reason = reason;
      this.zone = zone;
    }

    void add(Verdict v) {
      verdicts.add(v);
      covers.add(v.host());
      stats = stats == null ? v.stats() : stats.merge(v.stats());
    }

    Recommendation.Entry toEntry(Recommendation.Status status, String coveredBy) {
      return new Recommendation.Entry(
          entry,
          reason,
          new ArrayList<>(covers),
          stats == null ? 0 : stats.requests(),
          stats == null ? 0 : stats.deniedRequests(),
          stats == null ? Long.MAX_VALUE : stats.firstSeen(),
          stats == null ? Long.MIN_VALUE : stats.lastSeen(),
          stats == null ? List.of() : stats.examples(),
          status,
          coveredBy);
    }
  }

  /**
   * The safe candidates by value, sorted; every refusal goes to {@code warnings}.
   *
   * @param verdicts every destination of the log
   */
  static Map<String, Candidate> select(
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
        if (c.policy() == Classification.SuffixPolicy.ALWAYS) {
          add(out, new NoProxyEntry.DomainSuffix("." + c.zone()), c.reason(), v);
        } else if (c.policy() == Classification.SuffixPolicy.WHEN_SHARED) {
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
    while (!out.isEmpty()) {
      Map<String, SafetyCheck.Unsafe> unsafe = safety.check(out.keySet(), SafetyCheck.GO);
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

  /** The typed entry a value of a list stands for. */
  static NoProxyEntry entryOf(String value) {
    if (value.contains("/")) {
      return new NoProxyEntry.Cidr(value);
    }
    if (value.startsWith(".")) {
      return new NoProxyEntry.DomainSuffix(value);
    }
    return new NoProxyEntry.ExactHost(value);
  }
}
