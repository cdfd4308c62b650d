package io.squidlens.classify;

import io.squidlens.aggregate.DestinationStats;
import io.squidlens.aggregate.TrafficStats;
import java.util.ArrayList;
import java.util.List;

/** Folds per-port statistics into one {@link Verdict} per host. Stateless. */
final class Verdicts {
  private Verdicts() {}

  /** Classifies every destination and groups the results by host, sorted by host. */
  static List<Verdict> of(List<DestinationStats> stats, TrafficClassifier classifier) {
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
    List<Integer> ports = new ArrayList<>();
    TrafficStats all = null;
    Classification best = null;
    for (DestinationStats s : parts) {
      // Sorted by port, and a port appears once per host.
      if (s.destination().port() >= 0) {
        ports.add(s.destination().port());
      }
      all = all == null ? s.stats() : all.merge(s.stats());
      Classification k = c.classify(s.destination(), s.stats().peers());
      if (best == null || k.destinationClass().rank() > best.destinationClass().rank()) {
        best = k;
      }
    }
    return new Verdict(host, parts.get(0).destination().address(), ports, best, all);
  }
}
