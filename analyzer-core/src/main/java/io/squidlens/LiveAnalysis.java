package io.squidlens;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.Classification;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.ProfileDetector;
import io.squidlens.classify.TrafficClassifier;
import io.squidlens.net.Destination;
import io.squidlens.parse.InputSource;
import io.squidlens.parse.LineAssembler;
import io.squidlens.parse.LineIndex;
import io.squidlens.parse.LineRefs;
import io.squidlens.parse.LineSink;
import io.squidlens.parse.SourceStats;
import io.squidlens.recommend.NoProxyRecommender;
import java.util.ArrayList;
import java.util.List;

/**
 * Follow mode's state: an analysis that grows as bytes arrive. One thread feeds bytes; others take
 * snapshots and new-destination events. Memory is bounded by the destination cap, not by the length
 * of the stream: only aggregates are kept. Thread-safe.
 *
 * <pre>{@code
 * LiveAnalysis live = analyzer.live("access.log");
 * live.feed(buffer, 0, n);                            // reader thread
 * for (NewDestination d : live.takeNewDestinations()) // output thread, often
 * Analysis a = live.snapshot();                       // output thread, every interval
 * }</pre>
 */
public final class LiveAnalysis implements LineSink {
  /** Most new destinations held between two takes; beyond, they are counted, not kept. */
  static final int MAX_PENDING = 10_000;

  /** Most early observations kept to choose a profile before the first snapshot. */
  private static final int MAX_EARLY = 10_000;

  private final Analyzer analyzer;
  private final String source;
  private final Accumulator accumulator;
  private final LineAssembler lines;
  private final List<Pending> pending = new ArrayList<>();
  private final List<ProfileDetector.Observation> early = new ArrayList<>();
  private long droppedEvents;
  private long bytes;
  private Profile profile;
  private ClusterNetworks networks;

  /** A new destination before it is classified. */
  private record Pending(
      Destination destination, String peer, long lineKey, long epochMillis, boolean denied) {}

  LiveAnalysis(Analyzer analyzer, String source) {
    this.analyzer = analyzer;
    this.source = source;
    AnalyzerOptions o = analyzer.options();
    this.accumulator = new Accumulator(o.maxDestinations(), this::seen);
    this.lines = new LineAssembler(o.logFormat(), 0, accumulator);
    this.profile = o.profile();
  }

  // Called by the accumulator, under this object's lock (from feed).
  private void seen(
      Destination destination, String peer, long lineKey, long epochMillis, boolean denied) {
    if (pending.size() < MAX_PENDING) {
      pending.add(new Pending(destination, peer, lineKey, epochMillis, denied));
    } else {
      droppedEvents++;
    }
    if (early.size() < MAX_EARLY) {
      early.add(
          new ProfileDetector.Observation(destination, peer == null ? List.of() : List.of(peer)));
    }
  }

  /** Handles the lines completed by {@code b[off, off + len)}, holding a partial last line. */
  @Override
  public synchronized void feed(byte[] b, int off, int len) {
    bytes += len;
    lines.feed(b, off, len);
  }

  /** Handles a held partial line as a line of its own (end of input, or a file left behind). */
  public synchronized void endOfInput() {
    lines.endOfInput();
  }

  /** Non-empty lines read so far. */
  public synchronized long lineCount() {
    return lines.lines();
  }

  /** New destinations not reported because too many arrived between two takes. */
  public synchronized long droppedEvents() {
    return droppedEvents;
  }

  /** Everything read so far, classified, with recommendations for every target. */
  public Analysis snapshot() {
    Summary s;
    synchronized (this) {
      SourceStats stats =
          new SourceStats(
              source,
              bytes,
              InputSource.Compression.NONE,
              lines.formatName() == null
                  ? analyzer.options().logFormat().name()
                  : lines.formatName(),
              lines.formatNote() == null ? "no lines yet" : lines.formatNote(),
              lines.lines(),
              lines.parsedLines(),
              lines.malformedLines());
      s = accumulator.toSummary(LineIndex.identity(), List.of(source)).withSources(List.of(stats));
    }
    Analysis a = analyzer.analyze(s);
    synchronized (this) {
      profile = analyzer.options().profile() == null ? a.profile() : profile;
      networks = a.networks();
      early.clear();
    }
    return a;
  }

  /**
   * The destinations first seen since the last call, in the order seen, classified with the profile
   * of the last snapshot (or, before the first, the one the destinations so far suggest).
   */
  public List<NewDestination> takeNewDestinations() {
    List<Pending> batch;
    Profile p;
    ClusterNetworks n;
    synchronized (this) {
      if (pending.isEmpty()) {
        return List.of();
      }
      batch = new ArrayList<>(pending);
      pending.clear();
      p = profile != null ? profile : ProfileDetector.detect(early).profile();
      n = networks != null ? networks : analyzer.options().networks().withDefaults(p);
    }
    TrafficClassifier classifier = analyzer.classifier(p, n);
    List<String> names = new ArrayList<>();
    for (Pending e : batch) {
      List<String> peers = e.peer() == null ? List.of() : List.of(e.peer());
      if (classifier.mayNeedDns(e.destination(), peers)) {
        names.add(e.destination().host());
      }
    }
    if (!names.isEmpty()) {
      analyzer.options().dns().prefetch(names);
    }
    List<NewDestination> out = new ArrayList<>(batch.size());
    for (Pending e : batch) {
      List<String> peers = e.peer() == null ? List.of() : List.of(e.peer());
      Classification c = classifier.classify(e.destination(), peers);
      out.add(
          new NewDestination(
              e.destination(),
              e.peer(),
              source,
              LineRefs.line(e.lineKey()),
              e.epochMillis(),
              e.denied(),
              c,
              NoProxyRecommender.entryFor(c, e.destination())));
    }
    return out;
  }
}
