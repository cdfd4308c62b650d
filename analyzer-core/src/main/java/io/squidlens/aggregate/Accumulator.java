package io.squidlens.aggregate;

import io.squidlens.net.Destination;
import io.squidlens.parse.ByteScan;
import io.squidlens.parse.Excerpts;
import io.squidlens.parse.LineConsumer;
import io.squidlens.parse.LineFields;
import io.squidlens.parse.LineIndex;
import io.squidlens.parse.LineProblem;
import io.squidlens.parse.LineRefs;
import io.squidlens.parse.ParseProblem;
import io.squidlens.parse.ResultCode;
import io.squidlens.parse.SquidGeneration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds parsed lines into per-destination statistics: the consumer each parsing thread feeds.
 * Produces a {@link Summary}; merge the summaries of several accumulators for the whole input. Not
 * thread-safe: one per thread.
 */
public final class Accumulator implements LineConsumer {
  /*
   * Implementation notes.
   *
   * Per line: intern the code/status token (a few dozen distinct values) to get the denial and
   * authentication flags from a byte array; find the destination entry by its raw key; bump
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

  private static final int MAX_CODES = 4096;
  private static final byte DENIED = 1;
  private static final byte AUTH = 2;
  private static final byte PEER_QUERY = 4;
  private static final long CLIENT_SEED = 0x1234_5678_9ABCL;
  private static final long PEER_SEED = 0x7766_5544_3322L;
  private static final byte[] HIER_DIRECT = {'H', 'I', 'E', 'R', '_', 'D', 'I', 'R', 'E', 'C', 'T'};
  private static final long HIER_DIRECT_0 = ByteScan.prefix(HIER_DIRECT, 0, 8);
  private static final long HIER_DIRECT_1 = ByteScan.prefix(HIER_DIRECT, 8, 3);
  private static final int CODE_CACHE = 64;

  private static final Set<String> DIRECT_HIERARCHIES =
      Set.of(
          "HIER_DIRECT",
          "DIRECT",
          "CLOSEST_DIRECT",
          "ORIGINAL_DST",
          "SOURCE_FASTEST",
          "NO_PARENT_DIRECT");

  /** Receives destinations the moment they are first seen (follow mode). */
  public interface NewDestinationListener {
    /**
     * Called once per new raw destination key, before its first line is counted.
     *
     * @param peer the direct peer address of that first line, or null
     * @param lineKey the key of that first line
     * @param epochMillis the time that first line logged
     * @param denied whether Squid denied that first request by policy
     */
    void newDestination(
        Destination destination, String peer, long lineKey, long epochMillis, boolean denied);
  }

  private final int maxDestinations;
  private final DestinationTable table;
  private final ByteInterner users = new ByteInterner(MAX_USERS);
  private final ByteInterner codes = new ByteInterner(MAX_CODES);
  private final ByteInterner hierarchies = new ByteInterner(1024);
  private final ByteInterner noDestination = new ByteInterner(1024);
  private final LongTextMap texts = new LongTextMap(MAX_TEXTS);
  private final OverflowNames overflowNames = new OverflowNames();
  private final NewDestinationListener listener;

  private byte[] codeFlags = new byte[64];

  // Direct-mapped cache of recent code/status tokens of up to 16 bytes: a log repeats a handful
  // of codes, and two word compares are much cheaper than hashing and interning every line.
  private final long[] codeCacheLow = new long[CODE_CACHE];
  private final long[] codeCacheHigh = new long[CODE_CACHE];
  private final int[] codeCacheShape = new int[CODE_CACHE];
  private final int[] codeCacheId = new int[CODE_CACHE];
  private long[] codeCounts = new long[64];
  private byte[] directHierarchy = new byte[16];
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
  private long untrackedCodes;
  private long generationSignals;

  private final EnumMap<LineProblem, Long> reasons = new EnumMap<>(LineProblem.class);
  private final TreeMap<Long, ProblemDraft> problems = new TreeMap<>();

  /** A malformed line before its key is resolved into a source and line number. */
  private record ProblemDraft(LineProblem problem, int column, String excerpt) {}

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
    this.maxDestinations = maxDestinations;
    this.table = new DestinationTable(maxDestinations);
    this.listener = listener;
  }

  @Override
  public void accept(LineFields f, long key) {
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
    int flags = codeFlags(f);
    if ((flags & PEER_QUERY) != 0) {
      peerQueries++;
      return;
    }
    boolean auth = (flags & AUTH) != 0;
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
    if (f.destKind() != LineFields.DEST_AUTHORITY) {
      countNoDestination(f);
      return;
    }
    int e = table.find(f);
    if (e < 0) {
      overflowNames.add(b, f.authStart(), f.authEnd());
      overflowRequests++;
      if ((flags & DENIED) != 0) {
        overflowDenied++;
      }
      if (by > 0) {
        overflowBytes += by;
      }
      return;
    }
    long[] st = table.entries;
    if (st[e + DestinationTable.FIRST] == Long.MAX_VALUE) {
      newEntry(e, f, key, (flags & DENIED) != 0);
    }
    if (auth) {
      st[e + DestinationTable.AUTH]++;
    } else {
      st[e + DestinationTable.REQUESTS]++;
      if ((flags & DENIED) != 0) {
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
    if (ps >= 0 && f.peerEnd() > ps && !f.isDash(ps, f.peerEnd()) && isDirect(f)) {
      long h = nonZero(ByteScan.hash(b, ps, f.peerEnd(), PEER_SEED));
      if (table.peer(e, h) && !texts.contains(h)) {
        texts.putIfAbsent(h, Destination.normalizeHost(f.text(ps, f.peerEnd())));
      }
    }
  }

  /** The denial/authentication/peer-query flags of the line's code and status. */
  private int codeFlags(LineFields f) {
    int cs = f.codeStart();
    if (cs < 0) {
      return f.status() == 407 ? AUTH : 0;
    }
    byte[] b = f.buf();
    int len = f.codeEnd() - cs;
    if (len <= 16) {
      long low = ByteScan.prefix(b, cs, Math.min(len, 8));
      long high = len > 8 ? ByteScan.prefix(b, cs + 8, len - 8) : 0;
      int shape = (len << 16) | (f.status() & 0xFFFF);
      int slot = (int) (((low + high * 31 + shape) * 0x9E3779B97F4A7C15L) >>> 58);
      if (codeCacheShape[slot] == shape
          && codeCacheLow[slot] == low
          && codeCacheHigh[slot] == high) {
        int id = codeCacheId[slot];
        codeCounts[id]++;
        return codeFlags[id];
      }
      int id = internCode(f);
      if (id >= 0) {
        codeCacheShape[slot] = shape;
        codeCacheLow[slot] = low;
        codeCacheHigh[slot] = high;
        codeCacheId[slot] = id;
        codeCounts[id]++;
        return codeFlags[id];
      }
    } else {
      int id = internCode(f);
      if (id >= 0) {
        codeCounts[id]++;
        return codeFlags[id];
      }
    }
    untrackedCodes++;
    return flagsOf(f.text(cs, f.codeEnd()), f.status());
  }

  /** Interns the line's code/status, classifying it the first time; -1 when the table is full. */
  private int internCode(LineFields f) {
    int known = codes.size();
    int code = codes.intern(f.buf(), f.codeStart(), f.codeEnd(), f.status());
    if (code < 0) {
      return -1;
    }
    if (code >= codeCounts.length) {
      codeCounts = Arrays.copyOf(codeCounts, codeCounts.length * 2);
      codeFlags = Arrays.copyOf(codeFlags, codeFlags.length * 2);
    }
    if (codes.size() > known) {
      String text = f.text(f.codeStart(), f.codeEnd());
      codeFlags[code] = flagsOf(text, f.status());
      generationSignals |= SquidGeneration.ofResultCode(text);
    }
    return code;
  }

  private static byte flagsOf(String code, int status) {
    ResultCode rc = ResultCode.parse(code);
    byte flags = 0;
    if (rc.outcome() == ResultCode.Outcome.PEER_QUERY) {
      flags |= PEER_QUERY;
    }
    if (ResultCode.isAuthChallenge(rc.outcome(), status)) {
      flags |= AUTH;
    } else if (rc.isPolicyDenial(status)) {
      flags |= DENIED;
    }
    return flags;
  }

  private static long nonZero(long h) {
    // Zero marks an empty slot.
    return h == 0 ? 1 : h;
  }

  /** Whether the line's hierarchy code means Squid connected to the logged peer directly. */
  private boolean isDirect(LineFields f) {
    int hs = f.hierStart();
    if (hs < 0) {
      // A format without %Sh: a logged server address (%<a) is the server's.
      return true;
    }
    byte[] b = f.buf();
    int he = f.hierEnd();
    if (he - hs == HIER_DIRECT.length
        && ByteScan.prefix(b, hs, 8) == HIER_DIRECT_0
        && ByteScan.prefix(b, hs + 8, 3) == HIER_DIRECT_1) {
      return true;
    }
    int known = hierarchies.size();
    int id = hierarchies.intern(b, hs, he, 0);
    if (id < 0) {
      return DIRECT_HIERARCHIES.contains(stripTimeout(f.text(hs, he)));
    }
    if (id >= directHierarchy.length) {
      directHierarchy = Arrays.copyOf(directHierarchy, directHierarchy.length * 2);
    }
    if (hierarchies.size() > known) {
      directHierarchy[id] =
          (byte) (DIRECT_HIERARCHIES.contains(stripTimeout(hierarchies.text(id))) ? 1 : 0);
    }
    return directHierarchy[id] != 0;
  }

  private static String stripTimeout(String hierarchy) {
    return hierarchy.startsWith("TIMEOUT_") ? hierarchy.substring("TIMEOUT_".length()) : hierarchy;
  }

  private void newEntry(int id, LineFields f, long key, boolean denied) {
    if (f.hierStart() >= 0) {
      generationSignals |= SquidGeneration.ofHierarchy(f.text(f.hierStart(), f.hierEnd()));
    }
    if (listener == null) {
      return;
    }
    Destination d = table.destination(id);
    if (d == null) {
      return;
    }
    String peer = null;
    int ps = f.peerStart();
    if (ps >= 0 && f.peerEnd() > ps && !f.isDash(ps, f.peerEnd()) && isDirect(f)) {
      peer = Destination.normalizeHost(f.text(ps, f.peerEnd()));
    }
    listener.newDestination(d, peer, key, f.epochMillis(), denied);
  }

  private void countNoDestination(LineFields f) {
    byte[] b = f.buf();
    int known = noDestination.size();
    int id =
        switch (f.destKind()) {
          case LineFields.DEST_ERROR -> noDestination.intern(b, f.urlStart(), f.urlEnd(), 1);
          case LineFields.DEST_RELATIVE -> noDestination.intern(b, 0, 0, 2);
          case LineFields.DEST_NONE -> noDestination.intern(b, 0, 0, 3);
          default -> noDestination.intern(b, 0, 0, 4);
        };
    if (id < 0) {
      id = noDestination.intern(b, 0, 0, 4);
    } else if (noDestination.size() > known && noDestination.tag(id) == 1) {
      generationSignals |= SquidGeneration.ofErrorUrl(noDestination.text(id));
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
  public void malformed(LineFields f, long key) {
    LineProblem p = f.problem();
    reasons.merge(p, 1L, Long::sum);
    if (problems.size() >= Summary.MAX_PROBLEMS && key > problems.lastKey()) {
      return;
    }
    int column = f.problemAt() >= f.lineStart() ? f.problemAt() - f.lineStart() + 1 : 0;
    problems.put(
        key, new ProblemDraft(p, column, Excerpts.of(f.buf(), f.lineStart(), f.lineEnd())));
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
    untrackedCodes += other.untrackedCodes;
    generationSignals |= other.generationSignals;
    long[] o = other.table.entries;
    for (int refused : table.absorb(other.table)) {
      overflowRequests += o[refused + DestinationTable.REQUESTS];
      overflowDenied += o[refused + DestinationTable.DENIED];
      overflowBytes += o[refused + DestinationTable.BYTES];
      other.table.addKeyTo(refused, overflowNames);
    }
    overflowNames.addAll(other.overflowNames);
    texts.putAll(other.texts);
    for (int id = 0; id < other.codes.size(); id++) {
      byte[] b = other.codes.bytes(id);
      int mine = codes.intern(b, 0, b.length, other.codes.tag(id));
      if (mine < 0) {
        untrackedCodes += other.codeCounts[id];
        continue;
      }
      if (mine >= codeCounts.length) {
        codeCounts = Arrays.copyOf(codeCounts, Math.max(mine + 1, codeCounts.length * 2));
        codeFlags = Arrays.copyOf(codeFlags, codeCounts.length);
      }
      codeCounts[mine] += other.codeCounts[id];
      codeFlags[mine] = other.codeFlags[id];
    }
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
   * @param index resolves line keys into line references
   * @param sourceNames input names by source index (for malformed-line locations)
   */
  public Summary toSummary(LineIndex index, List<String> sourceNames) {
    long[] st = table.entries;
    long orphanRequests = 0;
    List<DestinationStats> all = new ArrayList<>(table.size());
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
          ex.add(index.resolve(key));
        }
      }
      all.add(
          new DestinationStats(
              d,
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
              table.moreClients(e)));
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

    Map<String, Long> codeMap = new HashMap<>();
    for (int id = 0; id < codes.size(); id++) {
      int status = codes.tag(id);
      String key =
          codes.text(id) + "/" + (status < 0 ? "-" : String.format(Locale.ROOT, "%03d", status));
      codeMap.merge(key, codeCounts[id], Long::sum);
    }
    if (untrackedCodes > 0) {
      codeMap.merge("(other)", untrackedCodes, Long::sum);
    }
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
        (key, draft) -> {
          long ref = index.resolve(key);
          ps.add(
              new ParseProblem(
                  sourceNames.get(LineRefs.source(ref)),
                  LineRefs.line(ref),
                  draft.column(),
                  draft.problem().message(),
                  draft.excerpt()));
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
        new Overflow(
            maxDestinations, overflowRequests, overflowDenied, overflowBytes, overflowNames.copy()),
        reasons,
        ps,
        generationSignals);
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
