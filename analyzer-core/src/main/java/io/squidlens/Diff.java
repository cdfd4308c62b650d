package io.squidlens;

import io.squidlens.aggregate.DestinationStats;
import io.squidlens.classify.Classification;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.TrafficClassifier;
import io.squidlens.net.Destination;
import io.squidlens.recommend.NoProxyRecommender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Before and after a change: which private destinations stopped reaching the proxy (fixed), which
 * still reach it (with the entry that would fix each), and which destinations are new, both sides
 * classified alike. Immutable. Made by {@link Analyzer#diff}; written by the reports.
 *
 * @param before the analysis of what was logged before
 * @param after the analysis of what was logged after
 * @param whole the analysis of both together (the timeline around the change)
 * @param atMillis where the inputs were split (epoch ms), or {@code Long.MIN_VALUE} when two sets
 *     of inputs were compared
 * @param fixed cluster-internal and private-endpoint destinations seen before and not after: they
 *     bypass the proxy now
 * @param stillProxied cluster-internal and private-endpoint destinations still reaching the proxy
 *     after, carried or denied
 * @param newAfter destinations first seen after, of any class
 */
public record Diff(
    Analysis before,
    Analysis after,
    Analysis whole,
    long atMillis,
    List<Change> fixed,
    List<Change> stillProxied,
    List<Change> newAfter) {

  /** Checks fields and copies lists. */
  public Diff {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(whole, "whole");
    fixed = List.copyOf(fixed);
    stillProxied = List.copyOf(stillProxied);
    newAfter = List.copyOf(newAfter);
  }

  /** Whether the inputs were split at a time (rather than two sets compared). */
  public boolean split() {
    return atMillis != Long.MIN_VALUE;
  }

  /**
   * Hours each side covers, for rates: split at a time, from the first record to the split and from
   * the split to the last record; otherwise each side's first to last record (at least a second).
   */
  public double beforeHours() {
    Analysis b = before;
    long first = b.summary().firstSeen();
    long last = split() ? atMillis : b.summary().lastSeen();
    return hours(first, last);
  }

  /** Hours the "after" side covers (see {@link #beforeHours}). */
  public double afterHours() {
    long first = split() ? atMillis : after.summary().firstSeen();
    return hours(first, after.summary().lastSeen());
  }

  private static double hours(long first, long last) {
    if (first == Long.MAX_VALUE || last == Long.MIN_VALUE || last < first) {
      return 1.0 / 3600;
    }
    return Math.max(1000, last - first) / 3_600_000.0;
  }

  /**
   * One destination (host and port) on both sides.
   *
   * @param host the host
   * @param port the port, or -1
   * @param destinationClass where it really goes
   * @param reason why
   * @param beforeRequests requests before (authentication challenges excluded)
   * @param afterRequests requests after
   * @param beforeDenied of the requests before, those Squid denied
   * @param afterDenied of the requests after, those Squid denied
   * @param noProxyEntry the NO_PROXY entry that would exempt it, or null for an internet one
   */
  public record Change(
      String host,
      int port,
      TrafficClass destinationClass,
      String reason,
      long beforeRequests,
      long afterRequests,
      long beforeDenied,
      long afterDenied,
      String noProxyEntry) {
    /** Checks fields. */
    public Change {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(destinationClass, "destinationClass");
    }

    /** {@code host:port}, or the host alone. */
    public String destination() {
      return port < 0 ? host : host + ":" + port;
    }
  }

  /** Sorts the destinations of both sides into the three lists. */
  static Diff of(
      Analysis before,
      Analysis after,
      Analysis whole,
      long atMillis,
      TrafficClassifier classifier) {
    Map<Destination, DestinationStats[]> both = new TreeMap<>(Diff::order);
    for (DestinationStats d : before.summary().destinations()) {
      both.computeIfAbsent(d.destination(), k -> new DestinationStats[2])[0] = d;
    }
    for (DestinationStats d : after.summary().destinations()) {
      both.computeIfAbsent(d.destination(), k -> new DestinationStats[2])[1] = d;
    }
    List<Change> fixed = new ArrayList<>();
    List<Change> still = new ArrayList<>();
    List<Change> fresh = new ArrayList<>();
    for (Map.Entry<Destination, DestinationStats[]> e : both.entrySet()) {
      DestinationStats b = e.getValue()[0];
      DestinationStats a = e.getValue()[1];
      TreeSet<String> peers = new TreeSet<>();
      if (b != null) {
        peers.addAll(b.stats().peers());
      }
      if (a != null) {
        peers.addAll(a.stats().peers());
      }
      Destination d = e.getKey();
      Classification k = classifier.classify(d, new ArrayList<>(peers));
      Change c =
          new Change(
              d.host(),
              d.port(),
              k.destinationClass(),
              k.reason(),
              requests(b),
              requests(a),
              denied(b),
              denied(a),
              NoProxyRecommender.entryFor(k, d));
      boolean bypass = k.destinationClass().bypassesProxy();
      if (bypass && c.beforeRequests() > 0 && c.afterRequests() == 0) {
        fixed.add(c);
      }
      if (bypass && c.afterRequests() > 0) {
        still.add(c);
      }
      if (c.beforeRequests() == 0 && c.afterRequests() > 0) {
        fresh.add(c);
      }
    }
    return new Diff(before, after, whole, atMillis, fixed, still, fresh);
  }

  private static long requests(DestinationStats d) {
    return d == null ? 0 : d.stats().requests();
  }

  private static long denied(DestinationStats d) {
    return d == null ? 0 : d.stats().deniedRequests();
  }

  private static int order(Destination a, Destination b) {
    int c = a.host().compareTo(b.host());
    return c != 0 ? c : Integer.compare(a.port(), b.port());
  }
}
