package io.squidlens.aggregate;

import io.squidlens.base.LineRefs;
import io.squidlens.parse.LineView;
import io.squidlens.parse.ParseProblem;
import io.squidlens.parse.ReadResult.SourceStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything squidlens keeps from a log: aggregates, not lines. Immutable; {@link #merge} is
 * associative and commutative, so partial summaries from threads, files or machines combine in any
 * order. Made by the accumulators; read by the analyzer, the recommender and the reports.
 *
 * @param sources per-input statistics, in processing order
 * @param records lines parsed as records
 * @param bytes reply bytes of all records
 * @param firstSeen earliest record time (epoch ms), {@code Long.MAX_VALUE} when there is none
 * @param lastSeen latest record time (epoch ms), {@code Long.MIN_VALUE} when there is none
 * @param authChallenges 407 / denied-401 answers, counted apart from requests
 * @param peerQueries ICP/HTCP peer queries (not client requests)
 * @param noDestination records whose URL names no host, by kind ({@code error:...} URLs by name)
 * @param resultCodes records per {@code code/status} as logged
 * @param users records per user name (users other than {@code -}), up to a cap
 * @param destinations per destination (host and port), sorted by {@link DestinationStats#ORDER}
 * @param overflow lines not attributed because the destination table was full
 * @param malformedReasons malformed lines per reason
 * @param malformed the first malformed lines in input order, up to {@value #MAX_PROBLEMS}
 * @param generationSignals {@link LineView#generationSignals()} bits seen in the log
 * @param bucketMillis the width of every destination's time buckets, in milliseconds
 */
public record Summary(
    List<SourceStats> sources,
    long records,
    long bytes,
    long firstSeen,
    long lastSeen,
    long authChallenges,
    long peerQueries,
    Map<String, Long> noDestination,
    Map<String, Long> resultCodes,
    Map<String, Long> users,
    List<DestinationStats> destinations,
    Overflow overflow,
    Map<ParseProblem.Reason, Long> malformedReasons,
    List<ParseProblem> malformed,
    long generationSignals,
    long bucketMillis) {

  /**
   * Lines whose destination could not be tracked because the destination table was full, and a
   * filter of which destinations they were that can only err towards "maybe": what the safety check
   * of a NO_PROXY entry consults, so that no entry exempts an untracked destination unseen.
   * Immutable once in a summary.
   */
  public static final class Overflow {
    private final long limit;
    private final long requests;
    private final long deniedRequests;
    private final long bytes;
    private final OverflowNames names;

    Overflow(long limit, long requests, long deniedRequests, long bytes, OverflowNames names) {
      this.limit = limit;
      this.requests = requests;
      this.deniedRequests = deniedRequests;
      this.bytes = bytes;
      this.names = Objects.requireNonNull(names, "names");
    }

    /** No overflow under {@code limit}. */
    public static Overflow none(long limit) {
      return new Overflow(limit, 0, 0, 0, new OverflowNames());
    }

    /** The table's capacity in distinct destinations. */
    public long limit() {
      return limit;
    }

    /** Lines not attributed to a destination. */
    public long requests() {
      return requests;
    }

    /** Of those, the ones denied by policy. */
    public long deniedRequests() {
      return deniedRequests;
    }

    /** Their reply bytes. */
    public long bytes() {
      return bytes;
    }

    /** Whether any line overflowed. */
    public boolean happened() {
      return requests > 0;
    }

    OverflowNames names() {
      return names;
    }

    /** Whether no destination overflowed, so none may lie anywhere. */
    public boolean noDestinations() {
      return names.isEmpty();
    }

    /** Whether an overflowed destination may be {@code name} or lie under it. */
    public boolean mayBeAtOrUnder(String name) {
      return names.mayBeAtOrUnder(name);
    }

    /** Whether an overflowed destination may lie strictly under {@code zone}. */
    public boolean mayBeUnder(String zone) {
      return names.mayBeUnder(zone);
    }

    /** Whether an overflowed destination may be an address in {@code block}. */
    public boolean mayBeIn(inet.ipaddr.IPAddress block) {
      return names.mayBeIn(block);
    }

    Overflow merge(Overflow o) {
      OverflowNames n = names.copy();
      n.addAll(o.names);
      return new Overflow(
          Math.max(limit, o.limit),
          requests + o.requests,
          deniedRequests + o.deniedRequests,
          bytes + o.bytes,
          n);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Overflow x
          && limit == x.limit
          && requests == x.requests
          && deniedRequests == x.deniedRequests
          && bytes == x.bytes
          && names.equals(x.names);
    }

    @Override
    public int hashCode() {
      return Objects.hash(limit, requests, deniedRequests, bytes, names);
    }

    @Override
    public String toString() {
      return "Overflow[limit="
          + limit
          + ", requests="
          + requests
          + ", deniedRequests="
          + deniedRequests
          + ", bytes="
          + bytes
          + "]";
    }
  }

  /** Most malformed lines listed (all are counted). */
  public static final int MAX_PROBLEMS = 1000;

  /** Copies collections into unmodifiable, deterministically ordered ones. */
  public Summary {
    sources = List.copyOf(sources);
    noDestination = sorted(noDestination);
    resultCodes = sorted(resultCodes);
    users = sorted(users);
    destinations = List.copyOf(destinations);
    Objects.requireNonNull(overflow, "overflow");
    EnumMap<ParseProblem.Reason, Long> reasons = new EnumMap<>(ParseProblem.Reason.class);
    reasons.putAll(malformedReasons);
    malformedReasons = Collections.unmodifiableMap(reasons);
    malformed = List.copyOf(malformed);
  }

  private static SortedMap<String, Long> sorted(Map<String, Long> m) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(m));
  }

  /** An empty summary. */
  public static Summary empty(long destinationLimit) {
    return new Summary(
        List.of(),
        0,
        0,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        0,
        0,
        Map.of(),
        Map.of(),
        Map.of(),
        List.of(),
        Overflow.none(destinationLimit),
        Map.of(),
        List.of(),
        0,
        TimeBuckets.FIRST);
  }

  /**
   * Writes every field of this summary to {@code g}, as one object: what a state file stores.
   * {@link #read} gives back an equal summary.
   */
  public void write(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
    SummaryCodec.write(this, g);
  }

  /**
   * Reads a summary {@link #write} wrote.
   *
   * @throws IllegalArgumentException naming a field that is missing or not what it should be
   */
  public static Summary read(com.fasterxml.jackson.databind.JsonNode tree) {
    return SummaryCodec.read(tree);
  }

  /** Lines read (non-empty) over all sources. */
  public long lines() {
    return sources.stream().mapToLong(SourceStats::lines).sum();
  }

  /** Lines parsed over all sources. */
  public long parsedLines() {
    return sources.stream().mapToLong(SourceStats::parsedLines).sum();
  }

  /** Malformed lines over all sources. */
  public long malformedLines() {
    return sources.stream().mapToLong(SourceStats::malformedLines).sum();
  }

  /** Records logged outside the time window over all sources (parsed, not aggregated). */
  public long outsideWindowLines() {
    return sources.stream().mapToLong(SourceStats::outsideWindowLines).sum();
  }

  /** Which Squid generation probably wrote the log, and why. */
  public String squidGeneration() {
    return LineView.describeGeneration(generationSignals);
  }

  /** Whether any record was parsed. */
  public boolean hasRecords() {
    return records > 0;
  }

  /**
   * This summary with the parts that name people replaced: per-destination client lists, the user
   * counts and the malformed-line excerpts (for redaction).
   */
  public Summary withPeople(
      List<DestinationStats> newDestinations,
      Map<String, Long> newUsers,
      List<ParseProblem> newMalformed) {
    return with(sources, newUsers, newDestinations, newMalformed);
  }

  /**
   * This summary with inputs renamed ({@code renames}: old name to new), those in {@code resized}
   * counted at 0 bytes (a later read gives their present size), malformed lines following them.
   */
  public Summary renamed(Map<String, String> renames, java.util.Set<String> resized) {
    List<SourceStats> src = new ArrayList<>();
    for (SourceStats s : sources) {
      String n = renames.getOrDefault(s.name(), s.name());
      src.add(
          new SourceStats(
              n,
              resized.contains(s.name()) ? 0 : s.bytes(),
              s.compression(),
              s.format(),
              s.formatNote(),
              s.lines(),
              s.parsedLines(),
              s.malformedLines(),
              s.outsideWindowLines()));
    }
    List<ParseProblem> problems = new ArrayList<>();
    for (ParseProblem p : malformed) {
      problems.add(p.at(renames.getOrDefault(p.source(), p.source()), p.line()));
    }
    return withInputs(src, problems);
  }

  /** This summary with {@code sources} replacing its per-input statistics. */
  public Summary withSources(List<SourceStats> newSources) {
    return withInputs(newSources, capProblems(malformed, newSources));
  }

  private Summary withInputs(List<SourceStats> newSources, List<ParseProblem> newMalformed) {
    return with(newSources, users, destinations, newMalformed);
  }

  /** This summary with the parts that follow its inputs and lines replaced, the counts kept. */
  private Summary with(
      List<SourceStats> newSources,
      Map<String, Long> newUsers,
      List<DestinationStats> newDestinations,
      List<ParseProblem> newMalformed) {
    return new Summary(
        newSources,
        records,
        bytes,
        firstSeen,
        lastSeen,
        authChallenges,
        peerQueries,
        noDestination,
        resultCodes,
        newUsers,
        newDestinations,
        overflow,
        malformedReasons,
        newMalformed,
        generationSignals,
        bucketMillis);
  }

  /**
   * This summary of a piece of one input read apart from its start (a cluster task's share), its
   * line numbers moved on by the {@code lines} of the input before the piece: the malformed lines'
   * and every destination's examples.
   */
  public Summary shifted(long lines) {
    if (lines == 0) {
      return this;
    }
    List<DestinationStats> dest = new ArrayList<>(destinations.size());
    for (DestinationStats d : destinations) {
      List<Long> ex = new ArrayList<>(d.stats().examples().size());
      for (long ref : d.stats().examples()) {
        ex.add(LineRefs.of(LineRefs.source(ref), LineRefs.line(ref) + lines));
      }
      dest.add(new DestinationStats(d.destination(), d.stats().withExamples(ex)));
    }
    List<ParseProblem> problems = new ArrayList<>(malformed.size());
    for (ParseProblem p : malformed) {
      problems.add(p.at(p.source(), p.line() + lines));
    }
    return with(sources, users, dest, problems);
  }

  /**
   * This summary listing the inputs {@code names}, in that order, those it did not read counted at
   * nothing: partial summaries that all list every input of a run in the run's order merge in input
   * order whatever order they meet in, so none drops the run's first malformed lines for later
   * ones.
   *
   * @throws IllegalArgumentException when an input of this summary is not among {@code names}
   */
  public Summary inOrder(List<String> names) {
    Map<String, SourceStats> own = new HashMap<>();
    sources.forEach(s -> own.put(s.name(), s));
    List<SourceStats> all = new ArrayList<>(names.size());
    for (String n : names) {
      SourceStats s = own.remove(n);
      all.add(
          s != null
              ? s
              : new SourceStats(
                  n, 0, io.squidlens.parse.InputSource.Compression.NONE, "", "", 0, 0, 0, 0));
    }
    io.squidlens.base.Checks.requireArgument(
        own.isEmpty(), "inputs %s are not among those of the run", own.keySet());
    List<String> order = new ArrayList<>(names);
    List<DestinationStats> dest = renumbered(destinations, sources, order);
    return with(all, users, dest, capProblems(malformed, all));
  }

  /**
   * Combines two summaries; associative and commutative. Sources with the same name are added up;
   * destinations with the same key merge; malformed lines keep input order (sources in order, then
   * line). Counters, times and examples come out as one summary of both inputs would have them; the
   * peer and client samples are chosen from those the two summaries list.
   */
  public Summary merge(Summary o) {
    Map<String, SourceStats> src = new LinkedHashMap<>();
    for (SourceStats s : sources) {
      src.merge(s.name(), s, Summary::addSources);
    }
    for (SourceStats s : o.sources) {
      src.merge(s.name(), s, Summary::addSources);
    }
    List<SourceStats> mergedSources = new ArrayList<>(src.values());
    List<String> order = new ArrayList<>(src.keySet());

    // Example lines name their input by index: renumber each side's into the merged list.
    // Buckets meet at the wider width, then widen together until the merged timeline fits.
    long width = Math.max(bucketMillis, o.bucketMillis);
    List<DestinationStats> mergedDest =
        mergeSorted(
            coarsened(renumbered(destinations, sources, order), bucketMillis, width),
            coarsened(renumbered(o.destinations, o.sources, order), o.bucketMillis, width));
    while (!fits(mergedDest)) {
      long next = TimeBuckets.next(width);
      mergedDest = coarsened(mergedDest, width, next);
      width = next;
    }

    EnumMap<ParseProblem.Reason, Long> reasons = new EnumMap<>(ParseProblem.Reason.class);
    reasons.putAll(malformedReasons);
    o.malformedReasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));

    List<ParseProblem> problems = new ArrayList<>(malformed);
    problems.addAll(o.malformed);

    return new Summary(
        mergedSources,
        records + o.records,
        bytes + o.bytes,
        Math.min(firstSeen, o.firstSeen),
        Math.max(lastSeen, o.lastSeen),
        authChallenges + o.authChallenges,
        peerQueries + o.peerQueries,
        addCounts(noDestination, o.noDestination),
        addCounts(resultCodes, o.resultCodes),
        addCounts(users, o.users),
        mergedDest,
        overflow.merge(o.overflow),
        reasons,
        capProblems(problems, mergedSources),
        generationSignals | o.generationSignals,
        width);
  }

  private static List<DestinationStats> renumbered(
      List<DestinationStats> destinations, List<SourceStats> own, List<String> order) {
    int[] map = new int[own.size()];
    boolean same = true;
    for (int i = 0; i < own.size(); i++) {
      map[i] = order.indexOf(own.get(i).name());
      same &= map[i] == i;
    }
    if (same) {
      return destinations;
    }
    List<DestinationStats> out = new ArrayList<>(destinations.size());
    for (DestinationStats d : destinations) {
      List<Long> ex = new ArrayList<>();
      for (long ref : d.stats().examples()) {
        int source = LineRefs.source(ref);
        ex.add(source < map.length ? LineRefs.of(map[source], LineRefs.line(ref)) : ref);
      }
      ex.sort(null);
      out.add(new DestinationStats(d.destination(), d.stats().withExamples(ex)));
    }
    return out;
  }

  private static List<DestinationStats> coarsened(
      List<DestinationStats> destinations, long from, long to) {
    if (from == to) {
      return destinations;
    }
    List<DestinationStats> out = new ArrayList<>(destinations.size());
    for (DestinationStats d : destinations) {
      out.add(new DestinationStats(d.destination(), d.stats().coarsened(from, to)));
    }
    return out;
  }

  /** The rule the accumulators follow (see {@link TimeCells}): the span, and destinations by it. */
  private static boolean fits(List<DestinationStats> destinations) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long counted = 0;
    for (DestinationStats d : destinations) {
      TrafficStats.Buckets b = d.stats().buckets();
      if (b.size() > 0) {
        first = Math.min(first, b.index(0));
        last = Math.max(last, b.index(b.size() - 1));
        counted++;
      }
    }
    return first > last || TimeBuckets.fits(first, last, counted * (last - first + 1));
  }

  /**
   * Sorts problems into input order and keeps the first {@link #MAX_PROBLEMS} when every problem's
   * source is known; with unknown sources (partial summaries) it only sorts, so a later {@link
   * #withSources} still sees the globally first ones.
   */
  private static List<ParseProblem> capProblems(
      List<ParseProblem> problems, List<SourceStats> sources) {
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      rank.putIfAbsent(sources.get(i).name(), i);
    }
    boolean allKnown = problems.stream().allMatch(p -> rank.containsKey(p.source()));
    List<ParseProblem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt(
                (ParseProblem p) -> rank.getOrDefault(p.source(), Integer.MAX_VALUE))
            .thenComparing(ParseProblem::source)
            .thenComparingLong(ParseProblem::line));
    if (allKnown && sorted.size() > MAX_PROBLEMS) {
      return sorted.subList(0, MAX_PROBLEMS);
    }
    return sorted;
  }

  private static SourceStats addSources(SourceStats a, SourceStats b) {
    return new SourceStats(
        a.name(),
        a.bytes() + b.bytes(),
        // An input read on after it was compressed is now the compressed file.
        b.bytes() > 0 || a.format().isEmpty() ? b.compression() : a.compression(),
        // An input a partial summary lists without having read it has no format yet.
        a.format().isEmpty() ? b.format() : a.format(),
        a.format().isEmpty() ? b.formatNote() : a.formatNote(),
        a.lines() + b.lines(),
        a.parsedLines() + b.parsedLines(),
        a.malformedLines() + b.malformedLines(),
        a.outsideWindowLines() + b.outsideWindowLines());
  }

  static SortedMap<String, Long> addCounts(Map<String, Long> a, Map<String, Long> b) {
    TreeMap<String, Long> m = new TreeMap<>(a);
    b.forEach((k, v) -> m.merge(k, v, Long::sum));
    return m;
  }

  /** Merges two lists sorted by {@link DestinationStats#ORDER}, combining equal keys. */
  private static List<DestinationStats> mergeSorted(
      List<DestinationStats> a, List<DestinationStats> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    List<DestinationStats> out = new ArrayList<>(Math.max(a.size(), b.size()));
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int c =
          i == a.size()
              ? 1
              : j == b.size() ? -1 : DestinationStats.ORDER.compare(a.get(i), b.get(j));
      if (c < 0) {
        out.add(a.get(i++));
      } else if (c > 0) {
        out.add(b.get(j++));
      } else {
        out.add(a.get(i++).merge(b.get(j++)));
      }
    }
    return out;
  }

  /** The identity of a destination record within a summary. */
  record DestinationKey(String host, int port) {
    static DestinationKey of(DestinationStats d) {
      return new DestinationKey(d.destination().host(), d.destination().port());
    }
  }
}
