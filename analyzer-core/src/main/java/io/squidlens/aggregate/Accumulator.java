package io.squidlens.aggregate;

import io.squidlens.base.ByteScan;
import io.squidlens.base.ByteScan.ByteInterner;
import io.squidlens.base.LineRefs;
import io.squidlens.net.Destination;
import io.squidlens.parse.LineView;
import io.squidlens.parse.ParseProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/**
 * Folds parsed lines into per-destination statistics: the consumer each parsing thread feeds.
 * Produces a {@link Summary}; merge the summaries of several accumulators for the whole input. Not
 * thread-safe: one per thread. Used by the analyzer, follow mode and the benchmarks.
 */
public final class Accumulator implements LineView.Consumer {
  /*
   * Implementation notes.
   *
   * Per line: count the line's code by the small id the view gives it (the view decodes what the
   * code means once per distinct code); find the destination entry by its raw key; bump
   * counters in one cache line; note the client and the direct peer by 64-bit hash in the
   * entry's slots (after which repeats cost a hash and a few compares, and full slots cost
   * nothing); intern the user only when it is not "-". Strings are made only for new keys, new
   * clients and new peers of an entry. Classification happens later, once per distinct
   * destination, on the Summary.
   */

  /**
   * Default cap on distinct destinations per accumulator: about 150 MB of table each, and a whole
   * run within 1.5 GB even when a log holds millions of destinations (the rest are counted as
   * overflow and reported).
   */
  public static final int DEFAULT_MAX_DESTINATIONS = 500_000;

  /** Most distinct users remembered. */
  static final int MAX_USERS = 100_000;

  /** Most distinct client and peer texts remembered (beyond, they show as unrecorded). */
  static final int MAX_TEXTS = 2_000_000;

  private static final long CLIENT_SEED = TrafficStats.CLIENT_SEED;
  private static final long PEER_SEED = TrafficStats.PEER_SEED;

  /** Receives destinations the moment they are first seen (follow mode). */
  public interface NewDestinationListener {
    /**
     * Called once per new raw destination key, before its first line is counted.
     *
     * @param peer the direct peer address of that first line, or null
     * @param client the client address of that first line, or null
     * @param user the user name of that first line, or null
     * @param lineKey the key of that first line
     * @param epochMillis the time that first line logged
     * @param denied whether Squid denied that first request by policy
     */
    void newDestination(
        Destination destination,
        String peer,
        String client,
        String user,
        long lineKey,
        long epochMillis,
        boolean denied);
  }

  private final int maxDestinations;
  private final DestinationTable table;
  private final ByteInterner users = new ByteInterner(MAX_USERS);
  private final ByteInterner noDestination = new ByteInterner(1024);
  private final LongTextMap texts = new LongTextMap(MAX_TEXTS);
  private final OverflowNames overflowNames = new OverflowNames();
  private final TimeCells cells = new TimeCells();
  private final SourceShares shares;
  private final NewDestinationListener listener;

  // Lines per code id of countedView; a worker thread feeds one view, so ids are stable, and the
  // counts move to settledCodes (by text) when another view appears or the counts are read.
  private LineView countedView;
  private long[] codeCounts = new long[64];
  private final Map<String, Long> settledCodes = new HashMap<>();
  private long[] userCounts = new long[64];
  private long[] noDestinationCounts = new long[16];

  private long records;
  private long bytes;
  private long firstSeen = Long.MAX_VALUE;
  private long lastSeen = Long.MIN_VALUE;
  private long authChallenges;
  private long peerQueries;
  private long overflowRequests;
  private long overflowDenied;
  private long overflowBytes;
  private long generationSignals;

  private final EnumMap<ParseProblem.Reason, Long> reasons =
      new EnumMap<>(ParseProblem.Reason.class);
  // Located once the keys resolve into line numbers, in toSummary.
  private final TreeMap<Long, ParseProblem> problems = new TreeMap<>();

  /** An accumulator with the default destination cap and no listener. */
  public Accumulator() {
    this(DEFAULT_MAX_DESTINATIONS, null);
  }

  /**
   * Creates an accumulator.
   *
   * @param maxDestinations cap on distinct raw destination keys; lines beyond are counted as
   *     overflow
   * @param listener told about each new destination, or null
   */
  public Accumulator(int maxDestinations, NewDestinationListener listener) {
    this(maxDestinations, listener, List.of());
  }

  /**
   * Creates an accumulator whose inputs come from labelled proxies.
   *
   * @param sourceLabels by source index, the label of the proxy each input came from, or null
   */
  public Accumulator(
      int maxDestinations, NewDestinationListener listener, List<String> sourceLabels) {
    this.maxDestinations = maxDestinations;
    this.table = new DestinationTable(maxDestinations);
    this.listener = listener;
    this.shares = new SourceShares(sourceLabels);
  }

  @Override
  public void accept(LineView f, long key) {
    records++;
    long by = f.bytes();
    if (by > 0) {
      bytes += by;
    }
    long t = f.epochMillis();
    if (t < firstSeen) {
      firstSeen = t;
    }
    if (t > lastSeen) {
      lastSeen = t;
    }
    byte[] b = f.buf();
    if (f.codeStart() >= 0) {
      countCode(f);
    }
    if (f.peerQuery()) {
      peerQueries++;
      return;
    }
    boolean auth = f.authChallenge();
    if (auth) {
      authChallenges++;
    }
    int us = f.userStart();
    if (us >= 0 && f.userEnd() > us && !f.isDash(us, f.userEnd())) {
      int user = users.intern(b, us, f.userEnd(), 0);
      if (user >= 0) {
        if (user >= userCounts.length) {
          userCounts = Arrays.copyOf(userCounts, userCounts.length * 2);
        }
        userCounts[user]++;
      }
    }
    if (f.destKind() != LineView.DEST_AUTHORITY) {
      countNoDestination(f);
      return;
    }
    boolean denied = f.denied();
    int e = table.find(f);
    if (e < 0) {
      overflowNames.add(b, f.authStart(), f.authEnd());
      overflowRequests++;
      if (denied) {
        overflowDenied++;
      }
      if (by > 0) {
        overflowBytes += by;
      }
      return;
    }
    long[] st = table.entries;
    if (st[e + DestinationTable.FIRST] == Long.MAX_VALUE) {
      newEntry(e, f, key, denied);
    }
    if (auth) {
      st[e + DestinationTable.AUTH]++;
    } else {
      int id = e / DestinationTable.STRIDE;
      cells.count(id, t, denied);
      if (shares.active()) {
        shares.count(id, (int) (key >>> 48), t);
      }
      st[e + DestinationTable.REQUESTS]++;
      if (denied) {
        st[e + DestinationTable.DENIED]++;
        if (by > 0) {
          st[e + DestinationTable.DENIED_BYTES] += by;
        }
      }
    }
    if (by > 0) {
      st[e + DestinationTable.BYTES] += by;
    }
    if (t < st[e + DestinationTable.FIRST]) {
      st[e + DestinationTable.FIRST] = t;
    }
    if (t > st[e + DestinationTable.LAST]) {
      st[e + DestinationTable.LAST] = t;
    }
    table.example(e, key);
    int cs = f.clientStart();
    if (cs >= 0 && !f.isDash(cs, f.clientEnd())) {
      long h = nonZero(ByteScan.hash(b, cs, f.clientEnd(), CLIENT_SEED));
      if (table.client(e, h) && !texts.contains(h)) {
        texts.putIfAbsent(h, f.text(cs, f.clientEnd()));
      }
    }
    int ps = f.peerStart();
    if (ps >= 0 && f.peerEnd() > ps && !f.isDash(ps, f.peerEnd()) && f.direct()) {
      long h = nonZero(ByteScan.hash(b, ps, f.peerEnd(), PEER_SEED));
      if (table.peer(e, h) && !texts.contains(h)) {
        texts.putIfAbsent(h, Destination.normalizeHost(f.text(ps, f.peerEnd())));
      }
    }
  }

  /** Counts the line's code; the first line of a code also says what it tells of the generation. */
  private void countCode(LineView f) {
    if (f != countedView) {
      settleCodes();
      countedView = f;
    }
    int id = f.code();
    if (id >= codeCounts.length) {
      codeCounts = Arrays.copyOf(codeCounts, Math.max(id + 1, codeCounts.length * 2));
    }
    if (codeCounts[id]++ == 0) {
      generationSignals |= f.generationSignals();
    }
  }

  /** Moves the counts by id of the current view into the counts by text. */
  private void settleCodes() {
    LineView v = countedView;
    if (v == null) {
      return;
    }
    for (int id = 0; id < codeCounts.length; id++) {
      long n = codeCounts[id];
      if (n == 0) {
        continue;
      }
      String key;
      if (id == LineView.UNTRACKED_CODE) {
        key = v.codeText(id);
      } else {
        int status = v.codeStatus(id);
        key =
            v.codeText(id) + "/" + (status < 0 ? "-" : String.format(Locale.ROOT, "%03d", status));
      }
      settledCodes.merge(key, n, Long::sum);
    }
    Arrays.fill(codeCounts, 0);
    countedView = null;
  }

  private static long nonZero(long h) {
    // Zero marks an empty slot.
    return h == 0 ? 1 : h;
  }

  private void newEntry(int entry, LineView f, long key, boolean denied) {
    generationSignals |= f.generationSignals();
    if (listener == null) {
      return;
    }
    Destination d = table.destination(entry);
    if (d == null) {
      return;
    }
    String peer = null;
    int ps = f.peerStart();
    if (ps >= 0 && f.peerEnd() > ps && !f.isDash(ps, f.peerEnd()) && f.direct()) {
      peer = Destination.normalizeHost(f.text(ps, f.peerEnd()));
    }
    int cs = f.clientStart();
    String client = cs >= 0 && !f.isDash(cs, f.clientEnd()) ? f.text(cs, f.clientEnd()) : null;
    int us = f.userStart();
    String user =
        us >= 0 && f.userEnd() > us && !f.isDash(us, f.userEnd()) ? f.text(us, f.userEnd()) : null;
    listener.newDestination(d, peer, client, user, key, f.epochMillis(), denied);
  }

  private void countNoDestination(LineView f) {
    byte[] b = f.buf();
    int known = noDestination.size();
    int id =
        switch (f.destKind()) {
          case LineView.DEST_ERROR -> noDestination.intern(b, f.urlStart(), f.urlEnd(), 1);
          case LineView.DEST_RELATIVE -> noDestination.intern(b, 0, 0, 2);
          case LineView.DEST_NONE -> noDestination.intern(b, 0, 0, 3);
          default -> noDestination.intern(b, 0, 0, 4);
        };
    if (id < 0) {
      id = noDestination.intern(b, 0, 0, 4);
    } else if (noDestination.size() > known && noDestination.tag(id) == 1) {
      generationSignals |= f.generationSignals();
    }
    if (id >= noDestinationCounts.length) {
      noDestinationCounts = Arrays.copyOf(noDestinationCounts, noDestinationCounts.length * 2);
    }
    noDestinationCounts[id]++;
  }

  private String noDestinationName(int id) {
    return switch (noDestination.tag(id)) {
      case 1 -> noDestination.text(id);
      case 2 -> "(relative URL)";
      case 3 -> "(no URL)";
      default -> "(URL without a host)";
    };
  }

  @Override
  public void malformed(LineView f, long key) {
    ParseProblem.Reason p = f.problem();
    reasons.merge(p, 1L, Long::sum);
    if (problems.size() >= Summary.MAX_PROBLEMS && key > problems.lastKey()) {
      return;
    }
    problems.put(key, ParseProblem.of(f, "-", 1));
    if (problems.size() > Summary.MAX_PROBLEMS) {
      problems.pollLastEntry();
    }
  }

  /**
   * Adds everything {@code other} accumulated into this accumulator, at the raw level (no
   * destination is materialised), so the parsing threads of one process combine cheaply. The result
   * equals what one accumulator fed both threads' lines would hold, except that entries beyond this
   * accumulator's destination cap count as overflow.
   */
  public void absorb(Accumulator other) {
    records += other.records;
    bytes += other.bytes;
    firstSeen = Math.min(firstSeen, other.firstSeen);
    lastSeen = Math.max(lastSeen, other.lastSeen);
    authChallenges += other.authChallenges;
    peerQueries += other.peerQueries;
    overflowRequests += other.overflowRequests;
    overflowDenied += other.overflowDenied;
    overflowBytes += other.overflowBytes;
    generationSignals |= other.generationSignals;
    long[] o = other.table.entries;
    int[] map = table.absorb(other.table);
    cells.absorb(other.cells, map);
    shares.absorb(other.shares, map);
    for (int id = 0; id < map.length; id++) {
      if (map[id] >= 0) {
        continue;
      }
      int refused = id * DestinationTable.STRIDE;
      // As accept counts them: every line of the entry, authentication challenges included.
      overflowRequests +=
          o[refused + DestinationTable.REQUESTS] + o[refused + DestinationTable.AUTH];
      overflowDenied += o[refused + DestinationTable.DENIED];
      overflowBytes += o[refused + DestinationTable.BYTES];
      other.table.addKeyTo(refused, overflowNames);
    }
    overflowNames.addAll(other.overflowNames);
    texts.putAll(other.texts);
    other.settleCodes();
    other.settledCodes.forEach((k, v) -> settledCodes.merge(k, v, Long::sum));
    for (int id = 0; id < other.users.size(); id++) {
      byte[] b = other.users.bytes(id);
      int mine = users.intern(b, 0, b.length, 0);
      if (mine >= 0) {
        if (mine >= userCounts.length) {
          userCounts = Arrays.copyOf(userCounts, Math.max(mine + 1, userCounts.length * 2));
        }
        userCounts[mine] += other.userCounts[id];
      }
    }
    for (int id = 0; id < other.noDestination.size(); id++) {
      byte[] b = other.noDestination.bytes(id);
      int mine = noDestination.intern(b, 0, b.length, other.noDestination.tag(id));
      if (mine < 0) {
        mine = noDestination.intern(b, 0, 0, 4);
      }
      if (mine >= noDestinationCounts.length) {
        noDestinationCounts =
            Arrays.copyOf(noDestinationCounts, Math.max(mine + 1, noDestinationCounts.length * 2));
      }
      noDestinationCounts[mine] += other.noDestinationCounts[id];
    }
    other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    problems.putAll(other.problems);
    while (problems.size() > Summary.MAX_PROBLEMS) {
      problems.pollLastEntry();
    }
  }

  /** Number of distinct raw destination keys so far. */
  public int destinationCount() {
    return table.size();
  }

  /**
   * Builds the summary of everything accepted so far.
   *
   * @param lineRefs turns the line keys this accumulator was fed into {@link LineRefs} references
   *     (the identity for a sequential read)
   * @param sourceNames input names by source index (for malformed-line locations)
   */
  public Summary toSummary(LongUnaryOperator lineRefs, List<String> sourceNames) {
    long[] st = table.entries;
    long orphanRequests = 0;
    List<DestinationStats> all = new ArrayList<>(table.size());
    TrafficStats.Buckets[] buckets = cells.byEntry(table.size());
    for (int id = 0; id < table.size(); id++) {
      int e = id * DestinationTable.STRIDE;
      Destination d = table.destination(e);
      if (d == null) {
        orphanRequests += st[e + DestinationTable.REQUESTS] + st[e + DestinationTable.AUTH];
        continue;
      }
      List<Long> ex = new ArrayList<>(DestinationTable.EXAMPLES);
      for (int k = 0; k < DestinationTable.EXAMPLES; k++) {
        long key = st[e + DestinationTable.EXAMPLE + k];
        if (key != Long.MAX_VALUE) {
          ex.add(lineRefs.applyAsLong(key));
        }
      }
      all.add(
          new DestinationStats(
              d,
              new TrafficStats(
                  texts(st, e + DestinationTable.PEER, DestinationTable.PEER_SLOTS),
                  table.morePeers(e),
                  st[e + DestinationTable.REQUESTS],
                  st[e + DestinationTable.DENIED],
                  st[e + DestinationTable.AUTH],
                  st[e + DestinationTable.BYTES],
                  st[e + DestinationTable.DENIED_BYTES],
                  st[e + DestinationTable.FIRST],
                  st[e + DestinationTable.LAST],
                  ex,
                  texts(st, e + DestinationTable.CLIENT, DestinationTable.CLIENT_SLOTS),
                  table.moreClients(e),
                  buckets[id],
                  shares.of(id))));
    }
    // Raw keys that normalise alike (ICR.IO:443 and icr.io:443) sort next to each other.
    all.sort(DestinationStats.ORDER);
    List<DestinationStats> destinations = new ArrayList<>(all.size());
    for (DestinationStats ds : all) {
      int last = destinations.size() - 1;
      if (last >= 0 && destinations.get(last).sameKey(ds)) {
        destinations.set(last, destinations.get(last).merge(ds));
      } else {
        destinations.add(ds);
      }
    }

    settleCodes();
    Map<String, Long> codeMap = new HashMap<>(settledCodes);
    Map<String, Long> userMap = new HashMap<>();
    for (int id = 0; id < users.size(); id++) {
      userMap.merge(users.text(id), userCounts[id], Long::sum);
    }
    Map<String, Long> noDest = new HashMap<>();
    for (int id = 0; id < noDestination.size(); id++) {
      noDest.merge(noDestinationName(id), noDestinationCounts[id], Long::sum);
    }
    if (orphanRequests > 0) {
      noDest.merge("(URL without a host)", orphanRequests, Long::sum);
    }
    List<ParseProblem> ps = new ArrayList<>();
    problems.forEach(
        (key, unplaced) -> {
          long ref = lineRefs.applyAsLong(key);
          ps.add(unplaced.at(sourceNames.get(LineRefs.source(ref)), LineRefs.line(ref)));
        });
    return new Summary(
        List.of(),
        records,
        bytes,
        firstSeen,
        lastSeen,
        authChallenges,
        peerQueries,
        noDest,
        codeMap,
        userMap,
        destinations,
        new Summary.Overflow(
            maxDestinations, overflowRequests, overflowDenied, overflowBytes, overflowNames.copy()),
        reasons,
        ps,
        generationSignals,
        cells.width());
  }

  private List<String> texts(long[] slots, int base, int n) {
    int count = 0;
    while (count < n && slots[base + count] != 0) {
      count++;
    }
    if (count == 0) {
      return List.of();
    }
    if (count == 1) {
      return List.of(texts.get(slots[base], UNRECORDED));
    }
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      // Insertion sort: at most eight short strings.
      String v = texts.get(slots[base + i], UNRECORDED);
      int j = i;
      while (j > 0 && out[j - 1].compareTo(v) > 0) {
        out[j] = out[j - 1];
        j--;
      }
      out[j] = v;
    }
    List<String> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (i == 0 || !out[i].equals(out[i - 1])) {
        list.add(out[i]);
      }
    }
    return list;
  }

  private static final String UNRECORDED = "(unrecorded)";
}
