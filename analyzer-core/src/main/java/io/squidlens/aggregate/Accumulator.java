package io.squidlens.aggregate;

import io.squidlens.net.Destination;
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
import java.util.TreeSet;

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
   * eight counters in one cache line; track up to eight distinct clients until the slots
   * overflow (after which clients cost nothing); intern the user only when it is not "-".
   * Strings are made only for new keys. Classification happens later, once per distinct
   * destination, on the Summary.
   */

  /** Default cap on distinct destinations per accumulator. */
  public static final int DEFAULT_MAX_DESTINATIONS = 1_000_000;

  /** Most distinct users and clients remembered. */
  static final int MAX_USERS = 100_000;

  static final int MAX_CLIENTS = 1_000_000;

  private static final int MAX_CODES = 4096;
  private static final byte DENIED = 1;
  private static final byte AUTH = 2;
  private static final byte PEER_QUERY = 4;

  /** Receives destinations the moment they are first seen (follow mode). */
  public interface NewDestinationListener {
    /** Called once per new raw destination key, before its first line is counted. */
    void newDestination(Destination destination, String peer, long lineKey);
  }

  private static final Set<String> DIRECT_HIERARCHIES =
      Set.of(
          "HIER_DIRECT",
          "DIRECT",
          "CLOSEST_DIRECT",
          "ORIGINAL_DST",
          "SOURCE_FASTEST",
          "NO_PARENT_DIRECT");

  private final int maxDestinations;
  private final DestinationTable table;
  private final ByteInterner clients = new ByteInterner(MAX_CLIENTS);
  private final ByteInterner users = new ByteInterner(MAX_USERS);
  private final ByteInterner codes = new ByteInterner(MAX_CODES);
  private final ByteInterner noDestination = new ByteInterner(1024);
  private final NewDestinationListener listener;

  private byte[] codeFlags = new byte[64];
  private long[] codeCounts = new long[64];
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
    int flags = 0;
    if (f.codeStart() >= 0) {
      int code = codes.intern(b, f.codeStart(), f.codeEnd(), f.status());
      if (code >= 0) {
        if (code >= codeCounts.length) {
          codeCounts = Arrays.copyOf(codeCounts, codeCounts.length * 2);
          codeFlags = Arrays.copyOf(codeFlags, codeFlags.length * 2);
        }
        if (codeCounts[code] == 0) {
          String text = f.text(f.codeStart(), f.codeEnd());
          codeFlags[code] = flagsOf(text, f.status());
          generationSignals |= SquidGeneration.ofResultCode(text);
        }
        codeCounts[code]++;
        flags = codeFlags[code];
      } else {
        untrackedCodes++;
        flags = flagsOf(f.text(f.codeStart(), f.codeEnd()), f.status());
      }
    } else if (f.status() == 407) {
      flags = AUTH;
    }
    if ((flags & PEER_QUERY) != 0) {
      peerQueries++;
      return;
    }
    boolean auth = (flags & AUTH) != 0;
    if (auth) {
      authChallenges++;
    }
    int us = f.userStart();
    if (us >= 0 && !f.isDash(us, f.userEnd()) && f.userEnd() > us) {
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
    int id = table.find(f);
    if (id < 0) {
      overflowRequests++;
      if ((flags & DENIED) != 0) {
        overflowDenied++;
      }
      if (by > 0) {
        overflowBytes += by;
      }
      return;
    }
    long[] st = table.stats;
    int s = id * DestinationTable.STRIDE;
    if (st[s + DestinationTable.FIRST] == Long.MAX_VALUE) {
      newEntry(id, key);
    }
    if (auth) {
      st[s + DestinationTable.AUTH]++;
    } else {
      st[s + DestinationTable.REQUESTS]++;
      if ((flags & DENIED) != 0) {
        st[s + DestinationTable.DENIED]++;
        if (by > 0) {
          st[s + DestinationTable.DENIED_BYTES] += by;
        }
      }
    }
    if (by > 0) {
      st[s + DestinationTable.BYTES] += by;
    }
    if (t < st[s + DestinationTable.FIRST]) {
      st[s + DestinationTable.FIRST] = t;
    }
    if (t > st[s + DestinationTable.LAST]) {
      st[s + DestinationTable.LAST] = t;
    }
    table.example(id, key);
    if (table.wantsClients(id) && f.clientStart() >= 0) {
      int client = clients.intern(b, f.clientStart(), f.clientEnd(), 0);
      if (client >= 0) {
        table.client(id, client);
      }
    }
  }

  private void newEntry(int id, long key) {
    String hierarchy = table.keyPart(id, 1);
    if (hierarchy != null) {
      generationSignals |= SquidGeneration.ofHierarchy(hierarchy);
    }
    if (listener != null) {
      Destination d = table.destination(id);
      if (d != null) {
        listener.newDestination(d, peerOf(id), key);
      }
    }
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
    Map<Summary.DestinationKey, DestinationStats> merged = new HashMap<>();
    long[] st = table.stats;
    long orphanRequests = 0;
    for (int id = 0; id < table.size(); id++) {
      int s = id * DestinationTable.STRIDE;
      Destination d = table.destination(id);
      if (d == null) {
        orphanRequests += st[s + DestinationTable.REQUESTS] + st[s + DestinationTable.AUTH];
        continue;
      }
      List<Long> ex = new ArrayList<>(DestinationTable.EXAMPLES);
      for (int k = 0; k < DestinationTable.EXAMPLES; k++) {
        long key = table.examples[id * DestinationTable.EXAMPLES + k];
        if (key != Long.MAX_VALUE) {
          ex.add(index.resolve(key));
        }
      }
      int n = table.clientCount[id];
      boolean more = n == DestinationTable.CLIENTS_OVERFLOW;
      TreeSet<String> cl = new TreeSet<>();
      for (int k = 0; k < Math.min(n, DestinationTable.CLIENT_SLOTS); k++) {
        cl.add(clients.text(table.clients[id * DestinationTable.CLIENT_SLOTS + k]));
      }
      DestinationStats ds =
          new DestinationStats(
              d,
              peerOf(id),
              st[s + DestinationTable.REQUESTS],
              st[s + DestinationTable.DENIED],
              st[s + DestinationTable.AUTH],
              st[s + DestinationTable.BYTES],
              st[s + DestinationTable.DENIED_BYTES],
              st[s + DestinationTable.FIRST],
              st[s + DestinationTable.LAST],
              ex,
              new ArrayList<>(cl),
              more);
      merged.merge(Summary.DestinationKey.of(ds), ds, DestinationStats::merge);
    }
    List<DestinationStats> destinations = new ArrayList<>(merged.values());
    destinations.sort(DestinationStats.ORDER);

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
        new Overflow(maxDestinations, overflowRequests, overflowDenied, overflowBytes),
        reasons,
        ps,
        generationSignals);
  }

  /** The direct peer address of an entry, or null for no connection or a parent proxy. */
  private String peerOf(int id) {
    String hier = table.keyPart(id, 1);
    String peer = table.keyPart(id, 2);
    if (hier == null || peer == null || peer.isEmpty() || peer.equals("-")) {
      return null;
    }
    String h = hier.startsWith("TIMEOUT_") ? hier.substring("TIMEOUT_".length()) : hier;
    if (!DIRECT_HIERARCHIES.contains(h)) {
      return null;
    }
    return Destination.normalizeHost(peer);
  }
}
