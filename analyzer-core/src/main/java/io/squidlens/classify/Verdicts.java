package io.squidlens.classify;

import io.squidlens.aggregate.DestinationStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Folds per-(port, peer) statistics into one {@link Verdict} per host. */
public final class Verdicts {
  private Verdicts() {}

  /** Classifies every destination and groups the results by host, sorted by host. */
  public static List<Verdict> of(List<DestinationStats> stats, TrafficClassifier classifier) {
    Map<String, List<DestinationStats>> byHost = new LinkedHashMap<>();
    for (DestinationStats s : stats) {
      byHost.computeIfAbsent(s.destination().host(), k -> new ArrayList<>()).add(s);
    }
    List<Verdict> out = new ArrayList<>(byHost.size());
    for (Map.Entry<String, List<DestinationStats>> e : byHost.entrySet()) {
      out.add(fold(e.getKey(), e.getValue(), classifier));
    }
    out.sort(java.util.Comparator.comparing(Verdict::host));
    return out;
  }

  private static Verdict fold(String host, List<DestinationStats> parts, TrafficClassifier c) {
    TreeSet<Integer> ports = new TreeSet<>();
    TreeSet<String> peers = new TreeSet<>();
    TreeSet<String> clients = new TreeSet<>();
    TreeSet<Long> examples = new TreeSet<>();
    boolean more = false;
    long requests = 0;
    long denied = 0;
    long auth = 0;
    long bytes = 0;
    long deniedBytes = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Classification best = null;
    for (DestinationStats s : parts) {
      if (s.destination().port() >= 0) {
        ports.add(s.destination().port());
      }
      if (s.peer() != null) {
        peers.add(s.peer());
      }
      clients.addAll(s.clients());
      more |= s.moreClients();
      examples.addAll(s.examples());
      requests += s.requests();
      denied += s.deniedRequests();
      auth += s.authChallenges();
      bytes += s.bytes();
      deniedBytes += s.deniedBytes();
      first = Math.min(first, s.firstSeen());
      last = Math.max(last, s.lastSeen());
      Classification k = c.classify(s.destination(), s.peer());
      if (best == null || k.destinationClass().rank() > best.destinationClass().rank()) {
        best = k;
      }
    }
    List<String> keptClients = new ArrayList<>(clients);
    if (keptClients.size() > DestinationStats.MAX_CLIENTS) {
      keptClients = keptClients.subList(0, DestinationStats.MAX_CLIENTS);
      more = true;
    }
    List<Long> keptExamples = new ArrayList<>(examples);
    if (keptExamples.size() > DestinationStats.MAX_EXAMPLES) {
      keptExamples = keptExamples.subList(0, DestinationStats.MAX_EXAMPLES);
    }
    TrafficClass dc = best.destinationClass();
    TrafficClass tc = denied > 0 ? TrafficClass.DENIED : dc;
    return new Verdict(
        host,
        new ArrayList<>(ports),
        tc,
        dc,
        best,
        new ArrayList<>(peers),
        requests,
        denied,
        auth,
        bytes,
        deniedBytes,
        first,
        last,
        keptClients,
        more,
        keptExamples);
  }
}
