package io.squidlens;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.aggregate.Summary;
import io.squidlens.base.LineRefs;
import io.squidlens.classify.Classification;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClassifier;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
import io.squidlens.parse.LogReader;
import io.squidlens.recommend.NoProxyRecommender;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Follow mode's state: an analysis that grows as bytes arrive. One thread feeds bytes (or polls a
 * followed file); others take snapshots and new-destination events. Memory is bounded by the
 * destination cap, not by the length of the stream: only aggregates are kept. Thread-safe. Made by
 * {@link Analyzer#live}; used by the {@code follow} command.
 *
 * <pre>{@code
 * LiveAnalysis live = analyzer.live("access.log");
 * live.feed(buffer, 0, n);                            // reader thread
 * for (NewDestination d : live.takeNewDestinations()) // output thread, often
 * Analysis a = live.snapshot();                       // output thread, every interval
 * }</pre>
 */
public final class LiveAnalysis {
  /** Most new destinations held between two takes; beyond, they are counted, not kept. */
  static final int MAX_PENDING = 10_000;

  /** Most early observations kept to choose a profile before the first snapshot. */
  private static final int MAX_EARLY = 10_000;

  private final Analyzer analyzer;
  private final String source;
  private final Accumulator accumulator;
  private final LogReader.Live lines;
  private final List<Pending> pending = new ArrayList<>();
  private final List<Profile.Observation> early = new ArrayList<>();
  private long droppedEvents;
  // What each destination was announced as, to announce it once however it was requested and
  // again when a snapshot shows it in another class. Bounded like the destination table.
  private final Map<Destination, NewDestination> announced = new HashMap<>();
  private final List<Reclassified> reclassified = new ArrayList<>();
  private final AtomicLong rotations = new AtomicLong();
  private Analyzer.Classifying last;

  /** A new destination before it is classified. */
  private record Pending(
      Destination destination,
      String peer,
      String client,
      String user,
      long lineKey,
      long epochMillis,
      boolean denied) {}

  /**
   * A destination the moment follow mode first sees it, classified. Immutable.
   *
   * @param destination host and port as logged (normalised)
   * @param peer the address Squid connected to for that first line, or null
   * @param client the client of that first line (a pseudonym with --redact), or null
   * @param user the user of that first line (a pseudonym with --redact), or null
   * @param source the input name
   * @param line the 1-based line number of that first line, counted since following started
   * @param epochMillis when that first line was logged
   * @param denied whether Squid denied that first request by policy
   * @param classification where it really goes and why
   * @param noProxyEntry the entry that would exempt it (null for an internet destination)
   */
  public record NewDestination(
      Destination destination,
      String peer,
      String client,
      String user,
      String source,
      long line,
      long epochMillis,
      boolean denied,
      Classification classification,
      String noProxyEntry) {

    /** Checks fields. */
    public NewDestination {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(classification, "classification");
    }

    /** Whether {@code other} is the same host and port. */
    public boolean sameDestination(NewDestination other) {
      return destination.equals(other.destination);
    }

    /** This destination classified as {@code c}, with the entry that would exempt it then. */
    public NewDestination withClassification(Classification c) {
      return new NewDestination(
          destination,
          peer,
          client,
          user,
          source,
          line,
          epochMillis,
          denied,
          c,
          NoProxyRecommender.entryFor(c, destination));
    }

    /** This destination with {@code newClient} and {@code newUser} in place of its own. */
    public NewDestination withPeople(String newClient, String newUser) {
      return new NewDestination(
          destination,
          peer,
          newClient,
          newUser,
          source,
          line,
          epochMillis,
          denied,
          classification,
          noProxyEntry);
    }

    /**
     * Whether the proxy should never have carried it: a private destination, denied or not (denied:
     * it failed; carried: it hairpins through the proxy).
     */
    public boolean misrouted() {
      return classification.destinationClass().bypassesProxy();
    }
  }

  /**
   * A destination announced in one class that a later snapshot shows in another (the profile became
   * known or changed, a private peer showed up). Immutable.
   *
   * @param now the destination as the snapshot classifies it
   * @param was its classification when last announced
   */
  public record Reclassified(NewDestination now, Classification was) {
    /** Checks fields. */
    public Reclassified {
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(was, "was");
    }
  }

  LiveAnalysis(Analyzer analyzer, String source) {
    this.analyzer = analyzer;
    this.source = source;
    AnalyzerOptions o = analyzer.options();
    this.accumulator = new Accumulator(o.maxDestinations(), this::seen);
    this.lines =
        new LogReader(o.logFormat(), 1, null)
            .withWindow(o.since(), o.until())
            .live(accumulator, this);
  }

  // Called by the accumulator, under this object's lock (from feed).
  private void seen(
      Destination destination,
      String peer,
      String client,
      String user,
      long lineKey,
      long epochMillis,
      boolean denied) {
    if (pending.size() < MAX_PENDING) {
      pending.add(new Pending(destination, peer, client, user, lineKey, epochMillis, denied));
    } else {
      droppedEvents++;
    }
    if (early.size() < MAX_EARLY) {
      early.add(new Profile.Observation(destination, peer == null ? List.of() : List.of(peer)));
    }
  }

  /** Handles the lines completed by {@code b[off, off + len)}, holding a partial last line. */
  public synchronized void feed(byte[] b, int off, int len) {
    lines.feed(b, off, len);
  }

  /** Handles a held partial line as a line of its own (end of input, or a file left behind). */
  public synchronized void endOfInput() {
    lines.endOfInput();
  }

  /** A followed file; poll it from the reader thread, close it when done. */
  public interface Tail extends Closeable {
    /**
     * Reads what is new into the analysis; never blocks.
     *
     * @return the bytes read (0 when nothing was new)
     */
    long poll() throws IOException;
  }

  /**
   * Follows {@code path} as {@code tail -F} does, through rotation by rename and copy-truncate,
   * without losing or repeating a line. Closing the tail reads what a file renamed away still held
   * and ends the input.
   *
   * @param fromStart read what the file holds now first; otherwise start at its end
   * @param notices told what happened to the file (rotated, truncated, waiting for it)
   * @param clock times how long a file renamed away is watched for late writes
   */
  public Tail tail(Path path, boolean fromStart, Consumer<String> notices, Clock clock) {
    // The tail feeds lines under this object's lock, block by block, so snapshots interleave.
    LogReader.Tail t = lines.tail(path, fromStart, notices, clock);
    return new Tail() {
      @Override
      public long poll() throws IOException {
        long n = t.poll();
        rotations.set(t.rotations());
        return n;
      }

      @Override
      public void close() throws IOException {
        try {
          t.close();
        } finally {
          lines.endOfInput();
        }
      }
    };
  }

  /** How often the followed file was rotated (by rename or copy-truncate) so far. */
  public long rotations() {
    return rotations.get();
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
      s =
          accumulator
              .toSummary(key -> key, List.of(source))
              .withSources(List.of(lines.stats(source, analyzer.options().logFormat().name())));
    }
    Analysis a = analyzer.analyze(s);
    synchronized (this) {
      last = analyzer.classifyingWith(a.profile(), a.profileReason());
      early.clear();
      recheck(a);
    }
    return a;
  }

  /** Compares every announced destination with the snapshot, which is the truth. */
  private void recheck(Analysis a) {
    if (announced.isEmpty()) {
      return;
    }
    Map<String, Verdict> byHost = new HashMap<>();
    for (Verdict v : a.verdicts()) {
      byHost.put(v.host(), v);
    }
    for (Map.Entry<Destination, NewDestination> e : announced.entrySet()) {
      NewDestination d = e.getValue();
      Verdict v = byHost.get(d.destination().host());
      if (v == null || v.destinationClass() == d.classification().destinationClass()) {
        continue;
      }
      NewDestination now = d.withClassification(v.classification());
      e.setValue(now);
      reclassified.add(new Reclassified(now, d.classification()));
    }
  }

  /** Destinations a snapshot showed in another class than announced, since the last call. */
  public synchronized List<Reclassified> takeReclassified() {
    List<Reclassified> out = List.copyOf(reclassified);
    reclassified.clear();
    return out;
  }

  /**
   * The destinations first seen since the last call, in the order seen, classified with the profile
   * of the last snapshot (or, before the first, the one the destinations so far suggest).
   */
  public List<NewDestination> takeNewDestinations() {
    List<Pending> batch;
    Analyzer.Classifying c;
    synchronized (this) {
      if (pending.isEmpty()) {
        return List.of();
      }
      batch = new ArrayList<>(pending);
      pending.clear();
      c = last != null ? last : analyzer.classifying(null, List.copyOf(early));
    }
    TrafficClassifier classifier = c.classifier();
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
      Classification k = classifier.classify(e.destination(), peers);
      NewDestination d =
          new NewDestination(
              e.destination(),
              e.peer(),
              e.client(),
              e.user(),
              source,
              LineRefs.line(e.lineKey()),
              e.epochMillis(),
              e.denied(),
              k,
              NoProxyRecommender.entryFor(k, e.destination()));
      synchronized (this) {
        // CONNECT host:443 and https://host/ are one destination: announced once.
        if (announced.putIfAbsent(e.destination(), d) != null) {
          continue;
        }
      }
      out.add(d);
    }
    return out;
  }
}
