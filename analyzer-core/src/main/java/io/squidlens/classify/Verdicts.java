package io.squidlens.classify;

import io.squidlens.aggregate.DestinationStats;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Folds per-(port, peer) statistics into one {@link Verdict} per host. */
public final class Verdicts {
  private Verdicts() {}

  /** Classifies every destination and groups the results by host, sorted by host. */
  public static List<Verdict> of(List<DestinationStats> stats, TrafficClassifier classifier) {
    // Summaries are sorted by host then port, so each host's records are adjacent.
    List<Verdict> out = new ArrayList<>();
    int i = 0;
    while (i < stats.size()) {
      String host = stats.get(i).destination().host();
      int j = i + 1;
      while (j < stats.size() && stats.get(j).destination().host().equals(host)) {
        j++;
      }
      out.add(fold(host, stats.subList(i, j), classifier));
      i = j;
    }
    return out;
  }

  private static Verdict fold(String host, List<DestinationStats> parts, TrafficClassifier c) {
    if (parts.size() == 1) {
      DestinationStats s = parts.get(0);
      Classification k = c.classify(s.destination(), s.peers());
      int port = s.destination().port();
      return new Verdict(
          host,
          s.destination().address(),
          port >= 0 ? List.of(port) : List.of(),
          s.deniedRequests() > 0 ? TrafficClass.DENIED : k.destinationClass(),
          k.destinationClass(),
          k,
          s.peers(),
          s.requests(),
          s.deniedRequests(),
          s.authChallenges(),
          s.bytes(),
          s.deniedBytes(),
          s.firstSeen(),
          s.lastSeen(),
          s.clients(),
          s.moreClients(),
          s.examples());
    }
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
      peers.addAll(s.peers());
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
      Classification k = c.classify(s.destination(), s.peers());
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
        parts.get(0).destination().address(),
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
