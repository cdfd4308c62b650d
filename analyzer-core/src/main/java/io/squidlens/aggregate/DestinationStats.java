package io.squidlens.aggregate;

import io.squidlens.base.Checks;
import io.squidlens.net.Destination;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the log shows for one destination (host and port). Immutable. Listed by the {@link Summary};
 * read by the analyzer, the classifier and the reports.
 *
 * @param destination the normalised host and port
 * @param stats its traffic
 */
public record DestinationStats(Destination destination, TrafficStats stats) {

  /** Orders by host, then port. */
  public static final Comparator<DestinationStats> ORDER = DestinationStats::compareKeys;

  private static int compareKeys(DestinationStats a, DestinationStats b) {
    int c = a.destination.host().compareTo(b.destination.host());
    return c != 0 ? c : Integer.compare(a.destination.port(), b.destination.port());
  }

  /** Checks fields. */
  public DestinationStats {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(stats, "stats");
  }

  /** This record with {@code newClients} (already sorted) as its client list. */
  public DestinationStats withClients(List<String> newClients) {
    return new DestinationStats(destination, stats.withClients(newClients));
  }

  /** Whether {@code other} has the same destination. */
  public boolean sameKey(DestinationStats other) {
    return destination.equals(other.destination);
  }

  /** Combines two records of the same destination; associative and commutative. */
  public DestinationStats merge(DestinationStats o) {
    Checks.requireArgument(sameKey(o), "cannot merge %s with %s", this, o);
    return new DestinationStats(destination, stats.merge(o.stats));
  }
}
