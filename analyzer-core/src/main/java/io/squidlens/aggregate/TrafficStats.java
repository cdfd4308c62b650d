package io.squidlens.aggregate;

import io.squidlens.base.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * What the log shows for the traffic to one destination, or to several folded together (every port
 * of a host): counts, bytes, times, and bounded samples of the clients, the direct peers and the
 * example lines. The one statistics value of squidlens, merged in one place. Immutable. Read by the
 * classifier, the recommender and the reports.
 *
 * @param peers addresses Squid logged for direct connections ({@code HIER_DIRECT/<peer>}), up to
 *     {@value #MAX_PEERS}, sorted; empty when it never connected directly (denied, cached, via a
 *     parent proxy)
 * @param morePeers whether more direct peers were seen than listed
 * @param requests requests, authentication challenges excluded
 * @param deniedRequests requests Squid refused by policy
 * @param authChallenges 407 (or denied 401) answers, counted apart from requests
 * @param bytes reply bytes of all lines
 * @param deniedBytes reply bytes of the denied requests
 * @param firstSeen earliest time logged, epoch ms
 * @param lastSeen latest time logged, epoch ms
 * @param examples up to {@value #MAX_EXAMPLES} line references ({@link
 *     io.squidlens.base.LineRefs}), the earliest in input order
 * @param clients up to {@value #MAX_CLIENTS} client addresses, sorted
 * @param moreClients whether more clients than listed were seen
 */
public record TrafficStats(
    List<String> peers,
    boolean morePeers,
    long requests,
    long deniedRequests,
    long authChallenges,
    long bytes,
    long deniedBytes,
    long firstSeen,
    long lastSeen,
    List<Long> examples,
    List<String> clients,
    boolean moreClients) {

  /** Most example lines kept. */
  public static final int MAX_EXAMPLES = DestinationTable.EXAMPLES;

  /** Most clients listed. */
  public static final int MAX_CLIENTS = DestinationTable.CLIENT_SLOTS;

  /**
   * Most direct peers kept. Each thread tracks {@code PEER_SLOTS}; merged statistics keep more, so
   * a private peer seen by one thread is not crowded out by others.
   */
  public static final int MAX_PEERS = 16;

  /** Checks fields and copies lists. */
  public TrafficStats {
    peers = List.copyOf(peers);
    Checks.requireArgument(
        deniedRequests <= requests, "%d denied of %d requests", deniedRequests, requests);
    examples = List.copyOf(examples);
    clients = List.copyOf(clients);
  }

  /** These statistics with {@code newClients} (already sorted) as the client list. */
  public TrafficStats withClients(List<String> newClients) {
    return new TrafficStats(
        peers,
        morePeers,
        requests,
        deniedRequests,
        authChallenges,
        bytes,
        deniedBytes,
        firstSeen,
        lastSeen,
        examples,
        newClients,
        moreClients);
  }

  /**
   * The statistics of both: counts add up, times widen, samples unite within their bounds (a sample
   * cut short says so). Associative and commutative.
   */
  public TrafficStats merge(TrafficStats o) {
    List<String> cl = union(clients, o.clients, MAX_CLIENTS);
    List<String> pe = union(peers, o.peers, MAX_PEERS);
    return new TrafficStats(
        pe,
        morePeers || o.morePeers || pe.size() < distinct(peers, o.peers),
        requests + o.requests,
        deniedRequests + o.deniedRequests,
        authChallenges + o.authChallenges,
        bytes + o.bytes,
        deniedBytes + o.deniedBytes,
        Math.min(firstSeen, o.firstSeen),
        Math.max(lastSeen, o.lastSeen),
        union(examples, o.examples, MAX_EXAMPLES),
        cl,
        moreClients || o.moreClients || cl.size() < distinct(clients, o.clients));
  }

  /** The sorted union of two sorted, duplicate-free lists, cut at {@code max}. */
  static <T extends Comparable<T>> List<T> union(List<T> a, List<T> b, int max) {
    if (b.isEmpty() && a.size() <= max) {
      return a;
    }
    if (a.isEmpty() && b.size() <= max) {
      return b;
    }
    List<T> out = new ArrayList<>(Math.min(max, a.size() + b.size()));
    int i = 0;
    int j = 0;
    while (out.size() < max && (i < a.size() || j < b.size())) {
      int c = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).compareTo(b.get(j));
      if (c <= 0) {
        out.add(a.get(i++));
        if (c == 0) {
          j++;
        }
      } else {
        out.add(b.get(j++));
      }
    }
    return out;
  }

  private static <T extends Comparable<T>> int distinct(List<T> a, List<T> b) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.size() || j < b.size()) {
      int c = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).compareTo(b.get(j));
      if (c <= 0) {
        i++;
        if (c == 0) {
          j++;
        }
      } else {
        j++;
      }
      n++;
    }
    return n;
  }
}
