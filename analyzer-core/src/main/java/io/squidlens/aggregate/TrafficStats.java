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
 * @param buckets requests per time bucket of the summary's width, for the class timeline (the
 *     report shows no per-destination timeline)
 * @param sources the requests per proxy, by label, when inputs were labelled; else empty
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
    boolean moreClients,
    Buckets buckets,
    List<Share> sources) {

  /** Most example lines kept. */
  public static final int MAX_EXAMPLES = DestinationTable.EXAMPLES;

  /** Most clients listed. */
  public static final int MAX_CLIENTS = DestinationTable.CLIENT_SLOTS;

  /** Most direct peers kept. */
  public static final int MAX_PEERS = DestinationTable.PEER_SLOTS;

  /** What the destination table hashes client addresses with (see {@link #sample}). */
  static final long CLIENT_SEED = 0x1234_5678_9ABCL;

  /** What the destination table hashes peer addresses with. */
  static final long PEER_SEED = 0x7766_5544_3322L;

  /** Checks fields and copies lists. */
  public TrafficStats {
    peers = List.copyOf(peers);
    Checks.requireArgument(
        deniedRequests <= requests, "%d denied of %d requests", deniedRequests, requests);
    examples = List.copyOf(examples);
    clients = List.copyOf(clients);
    java.util.Objects.requireNonNull(buckets, "buckets");
    sources = List.copyOf(sources);
  }

  /**
   * One proxy's part of a destination's traffic.
   *
   * @param name the proxy's label
   * @param requests its requests (authentication challenges excluded)
   * @param firstSeen the earliest it logged, epoch ms
   * @param lastSeen the latest it logged, epoch ms
   */
  public record Share(String name, long requests, long firstSeen, long lastSeen) {
    /** Checks the name. */
    public Share {
      java.util.Objects.requireNonNull(name, "name");
    }

    Share plus(Share o) {
      return new Share(
          name,
          requests + o.requests,
          Math.min(firstSeen, o.firstSeen),
          Math.max(lastSeen, o.lastSeen));
    }
  }

  /** The shares of both, by label, sorted. */
  static List<Share> mergeShares(List<Share> a, List<Share> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    java.util.TreeMap<String, Share> m = new java.util.TreeMap<>();
    for (Share s : a) {
      m.merge(s.name(), s, Share::plus);
    }
    for (Share s : b) {
      m.merge(s.name(), s, Share::plus);
    }
    return List.copyOf(m.values());
  }

  /** These statistics with {@code newClients} (already sorted) as the client list. */
  public TrafficStats withClients(List<String> newClients) {
    return with(examples, newClients, buckets);
  }

  /** These statistics with {@code newExamples} (sorted) as the example lines. */
  public TrafficStats withExamples(List<Long> newExamples) {
    return with(newExamples, clients, buckets);
  }

  /** These statistics with their buckets moved to the wider width {@code to}. */
  public TrafficStats coarsened(long from, long to) {
    if (from == to || buckets.size() == 0) {
      return this;
    }
    return with(examples, clients, buckets.coarsened(from, to));
  }

  private TrafficStats with(List<Long> newExamples, List<String> newClients, Buckets newBuckets) {
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
        newExamples,
        newClients,
        moreClients,
        newBuckets,
        sources);
  }

  /**
   * The statistics of both: counts add up, times widen, samples unite within their bounds (a sample
   * cut short says so). Associative and commutative.
   */
  public TrafficStats merge(TrafficStats o) {
    List<String> cl = sample(clients, o.clients, MAX_CLIENTS, CLIENT_SEED);
    List<String> pe = sample(peers, o.peers, MAX_PEERS, PEER_SEED);
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
        moreClients || o.moreClients || cl.size() < distinct(clients, o.clients),
        buckets.merge(o.buckets),
        mergeShares(sources, o.sources));
  }

  /**
   * Requests per time bucket, sorted by bucket: the bucket's index (its start divided by the
   * width), the requests Squid carried and those it denied (authentication challenges are in
   * neither, as in {@link TrafficStats#requests()}). Immutable.
   */
  public static final class Buckets {
    /** No bucket. */
    public static final Buckets NONE = new Buckets(new long[0], new long[0], new long[0]);

    private final long[] index;
    private final long[] carried;
    private final long[] denied;

    Buckets(long[] index, long[] carried, long[] denied) {
      this.index = index;
      this.carried = carried;
      this.denied = denied;
    }

    /** Buckets from parallel arrays, sorted by index, without repeats (copied). */
    public static Buckets of(long[] index, long[] carried, long[] denied) {
      for (int i = 1; i < index.length; i++) {
        Checks.requireArgument(index[i - 1] < index[i], "buckets not sorted at %d", i);
      }
      return new Buckets(index.clone(), carried.clone(), denied.clone());
    }

    /** How many buckets hold a request. */
    public int size() {
      return index.length;
    }

    /** The index of the {@code i}th bucket: its start in epoch ms divided by the width. */
    public long index(int i) {
      return index[i];
    }

    /** The requests carried (not denied) in the {@code i}th bucket. */
    public long carried(int i) {
      return carried[i];
    }

    /** The requests denied in the {@code i}th bucket. */
    public long denied(int i) {
      return denied[i];
    }

    /** The sum per bucket of both; the buckets must have the same width. */
    public Buckets merge(Buckets o) {
      if (o.index.length == 0) {
        return this;
      }
      if (index.length == 0) {
        return o;
      }
      int n = 0;
      long[] ix = new long[index.length + o.index.length];
      long[] ca = new long[ix.length];
      long[] de = new long[ix.length];
      int i = 0;
      int j = 0;
      while (i < index.length || j < o.index.length) {
        long a = i < index.length ? index[i] : Long.MAX_VALUE;
        long b = j < o.index.length ? o.index[j] : Long.MAX_VALUE;
        if (a <= b) {
          ix[n] = a;
          ca[n] = carried[i];
          de[n] = denied[i];
          i++;
          if (a == b) {
            ca[n] += o.carried[j];
            de[n] += o.denied[j];
            j++;
          }
        } else {
          ix[n] = b;
          ca[n] = o.carried[j];
          de[n] = o.denied[j];
          j++;
        }
        n++;
      }
      return new Buckets(
          java.util.Arrays.copyOf(ix, n),
          java.util.Arrays.copyOf(ca, n),
          java.util.Arrays.copyOf(de, n));
    }

    /** These buckets at the wider width {@code to}, each the sum of those it covers. */
    Buckets coarsened(long from, long to) {
      long[] ix = new long[index.length];
      long[] ca = new long[index.length];
      long[] de = new long[index.length];
      int n = -1;
      for (int i = 0; i < index.length; i++) {
        long b = TimeBuckets.rebucket(index[i], from, to);
        if (n < 0 || ix[n] != b) {
          n++;
          ix[n] = b;
        }
        ca[n] += carried[i];
        de[n] += denied[i];
      }
      n++;
      return new Buckets(
          java.util.Arrays.copyOf(ix, n),
          java.util.Arrays.copyOf(ca, n),
          java.util.Arrays.copyOf(de, n));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Buckets b
          && java.util.Arrays.equals(index, b.index)
          && java.util.Arrays.equals(carried, b.carried)
          && java.util.Arrays.equals(denied, b.denied);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(index) * 31 + java.util.Arrays.hashCode(carried);
    }

    @Override
    public String toString() {
      return "Buckets[" + index.length + "]";
    }
  }

  /** The sorted union of two sorted, duplicate-free lists, cut at {@code max}. */
  /**
   * The values of two samples a destination table would have kept of all their values: the {@code
   * max} smallest hashes (bottom-k, as the table keeps them), listed sorted. So statistics merged
   * from parts, threads or runs list what one read of all their lines lists.
   */
  static List<String> sample(List<String> a, List<String> b, int max, long seed) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    if (all.size() <= max) {
      return a.size() == all.size() ? a : new ArrayList<>(all);
    }
    // Each value hashed once, then the max smallest picked, ties by name: a comparator hashing on
    // every compare was 8% of the work after the parse on a log of 20,000 destinations.
    String[] values = all.toArray(String[]::new);
    long[] hashes = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      hashes[i] = sampleHash(values[i], seed);
    }
    boolean[] taken = new boolean[values.length];
    List<String> kept = new ArrayList<>(max);
    for (int k = 0; k < max; k++) {
      int min = -1;
      for (int i = 0; i < values.length; i++) {
        if (!taken[i] && (min < 0 || hashes[i] < hashes[min])) {
          min = i;
        }
      }
      taken[min] = true;
      kept.add(values[min]);
    }
    kept.sort(null);
    return kept;
  }

  /** The hash the destination table keeps for {@code value} (its bytes as logged). */
  static long sampleHash(String value, long seed) {
    byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long h = io.squidlens.base.ByteScan.hash(b, 0, b.length, seed);
    // Zero marks an empty slot in the table.
    return h == 0 ? 1 : h;
  }

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
