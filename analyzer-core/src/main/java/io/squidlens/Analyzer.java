package io.squidlens;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.aggregate.DestinationStats;
import io.squidlens.aggregate.Summary;
import io.squidlens.base.BadValueException;
import io.squidlens.base.InputException;
import io.squidlens.base.LineRefs;
import io.squidlens.base.Option;
import io.squidlens.classify.Classification;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.TrafficClassifier;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
import io.squidlens.parse.InputSource;
import io.squidlens.parse.LineView;
import io.squidlens.parse.LogReader;
import io.squidlens.parse.LogRecord;
import io.squidlens.parse.ParseProblem;
import io.squidlens.parse.ReadResult;
import io.squidlens.parse.ReadResult.SourceStats;
import io.squidlens.recommend.NoProxyCheck;
import io.squidlens.recommend.NoProxyRecommender;
import io.squidlens.recommend.NoProxySemantics;
import io.squidlens.recommend.Recommendations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * The front door: reads Squid logs, classifies every destination and recommends NO_PROXY lists;
 * prints records ({@link #records}), explains one destination ({@link #explain}) and checks a list
 * ({@link #check}). Instances are immutable and thread-safe; each call is independent. Used by the
 * front ends (the command line, benchmarks) and by nothing inside the core.
 *
 * <pre>{@code
 * Analyzer analyzer = new Analyzer(AnalyzerOptions.builder().threads(2).build());
 * Analysis a = analyzer.analyze(analyzer.inputs(List.of("access.log")), null);
 * a.recommendations().get(Target.CLUSTER).noProxy();
 * }</pre>
 */
public final class Analyzer {
  private final AnalyzerOptions options;

  /** Creates an analyzer with {@code options}. */
  public Analyzer(AnalyzerOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The options in force. */
  public AnalyzerOptions options() {
    return options;
  }

  /**
   * The inputs a list of names stands for, resolved once: files, {@code -} for standard input,
   * rotated sets ordered oldest first. Immutable.
   *
   * @param sources the inputs in reading order
   */
  public record Inputs(List<InputSource> sources) {
    /** Copies the list. */
    public Inputs {
      sources = List.copyOf(sources);
    }

    /** Whether no input was named. */
    public boolean isEmpty() {
      return sources.isEmpty();
    }

    /** The bytes the inputs hold on disk, or -1 when a size is unknown (a stream). */
    public long totalBytes() {
      long total = 0;
      for (InputSource s : sources) {
        total = s.size() < 0 || total < 0 ? -1 : total + s.size();
      }
      return total;
    }
  }

  /**
   * Resolves input names ({@code -} or none: standard input).
   *
   * @throws InputException naming an input that does not exist or cannot be read
   */
  public Inputs inputs(List<String> names) throws IOException {
    return new Inputs(InputSource.resolve(names));
  }

  /**
   * Reads every input and analyzes it.
   *
   * @param progress receives input bytes consumed as reading proceeds, or null
   * @throws InputException naming an input that could not be read
   */
  public Analysis analyze(Inputs inputs, LongAdder progress) throws IOException {
    return analyze(read(inputs, progress));
  }

  /**
   * Reads every input into a {@link Summary} without classifying.
   *
   * @throws InputException naming an input that could not be read
   */
  public Summary read(Inputs inputs, LongAdder progress) throws IOException {
    LogReader reader = reader(options.threads(), progress);
    List<Accumulator> parts = Collections.synchronizedList(new ArrayList<>());
    ReadResult result =
        reader.read(
            inputs.sources(),
            worker -> {
              Accumulator a = new Accumulator(options.maxDestinations(), null);
              parts.add(a);
              return a;
            });
    List<String> names = result.sources().stream().map(SourceStats::name).toList();
    if (parts.isEmpty()) {
      return Summary.empty(options.maxDestinations()).withSources(result.sources());
    }
    // Threads of one process combine at the raw level: each destination is materialised once.
    Accumulator all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all.absorb(parts.get(i));
    }
    return all.toSummary(result::resolve, names).withSources(result.sources());
  }

  private LogReader reader(int threads, LongAdder progress) {
    return new LogReader(options.logFormat(), threads, progress, options.stdin());
  }

  /** Receives what {@link #records} reads, in input order. */
  public interface RecordSink {
    /** A record. */
    void record(LogRecord record) throws IOException;

    /** A line that is not a record. */
    void malformed(ParseProblem problem) throws IOException;
  }

  /**
   * What {@link #records} read.
   *
   * @param summary the inputs' line counts and formats (no destinations)
   */
  public record Parsed(Summary summary) {
    /** Checks the field. */
    public Parsed {
      Objects.requireNonNull(summary, "summary");
    }

    /** Whether any input held a record. */
    public boolean hasRecords() {
      return summary.parsedLines() > 0;
    }

    /** Lines that were not records. */
    public long malformedLines() {
      return summary.malformedLines();
    }
  }

  /**
   * Reads every input in order, one thread, handing each record and each malformed line to {@code
   * sink} as it is read (nothing is aggregated or classified).
   *
   * @throws InputException naming an input that could not be read
   * @throws IOException what {@code sink} threw
   */
  public Parsed records(Inputs inputs, RecordSink sink) throws IOException {
    LogReader reader = reader(1, null);
    List<String> names = inputs.sources().stream().map(InputSource::name).toList();
    ReadResult result;
    try {
      result =
          reader.readInOrder(
              inputs.sources(),
              new LineView.Consumer() {
                @Override
                public void accept(LineView line, long ref) {
                  try {
                    sink.record(
                        LogRecord.from(line, names.get(LineRefs.source(ref)), LineRefs.line(ref)));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }

                @Override
                public void malformed(LineView line, long ref) {
                  try {
                    sink.malformed(ParseProblem.of(line, names.get(LineRefs.source(ref)), ref));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Parsed(Summary.empty(1).withSources(result.sources()));
  }

  /** Classifies and recommends from a summary (batch or a follow-mode snapshot). */
  public Analysis analyze(Summary summary) {
    Classifying c = classifying(summary.destinations(), null);
    TrafficClassifier classifier = c.classifier();
    // Names no rule or logged peer settles are looked up in one concurrent, time-boxed batch.
    List<String> names = new ArrayList<>();
    List<DestinationStats> lookable =
        options.dns().enabled() ? summary.destinations() : List.<DestinationStats>of();
    for (DestinationStats d : lookable) {
      if (classifier.mayNeedDns(d.destination(), d.stats().peers())
          && (names.isEmpty() || !names.get(names.size() - 1).equals(d.destination().host()))) {
        names.add(d.destination().host());
      }
    }
    if (!names.isEmpty()) {
      options.dns().prefetch(names);
    }
    List<Verdict> verdicts = classifier.verdicts(summary.destinations());

    Map<TrafficClass, Analysis.ClassTotals> classes = new EnumMap<>(TrafficClass.class);
    for (TrafficClass t : TrafficClass.values()) {
      classes.put(t, new Analysis.ClassTotals(0, 0));
    }
    for (Verdict v : verdicts) {
      add(classes, TrafficClass.DENIED, v.stats().deniedRequests(), v.stats().deniedBytes());
      add(
          classes,
          v.destinationClass(),
          v.stats().requests() - v.stats().deniedRequests(),
          v.stats().bytes() - v.stats().deniedBytes());
    }

    NoProxyRecommender recommender =
        new NoProxyRecommender(
            c.profile(),
            c.networks(),
            options.proxy(),
            classifier.rules(),
            options.keepUnsafe(),
            options.names());
    Recommendations recs = recommender.recommend(verdicts, summary.overflow());

    List<String> warnings = new ArrayList<>(c.networks().assumed());
    if (summary.overflow().happened()) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "destination table full at %d distinct destinations: %d requests (%d denied) to"
                  + " further destinations are counted but not classified; raise %s",
              summary.overflow().limit(),
              summary.overflow().requests(),
              summary.overflow().deniedRequests(),
              options.names().of(Option.MAX_DESTINATIONS)));
    }
    if (summary.malformedLines() > 0) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "%d malformed line(s) were not analyzed (see malformed)",
              summary.malformedLines()));
    }
    warnings.addAll(recs.warnings());
    List<String> lookups = List.of(options.hostsFile().describe(), options.dns().describe());
    return new Analysis(
        summary,
        c.profile(),
        c.profileReason(),
        c.networks(),
        lookups,
        verdicts,
        classes,
        recs,
        warnings,
        classifier.rules());
  }

  /** The profile in force, why, its networks and the classifier they make. */
  record Classifying(
      Profile profile,
      String profileReason,
      ClusterNetworks networks,
      TrafficClassifier classifier) {}

  /**
   * The profile (given, or detected from {@code seen}), its networks and classifier.
   *
   * @param seen what the log shows, or null when there is no log to look at
   */
  Classifying classifying(List<DestinationStats> seen, List<Profile.Observation> early) {
    Profile profile = options.profile();
    String reason;
    if (profile != null) {
      reason = "given with " + options.names().of(Option.PROFILE);
    } else if (seen == null && early == null) {
      profile = Profile.KUBERNETES;
      reason =
          "auto, but no log to look at: assumed kubernetes (pass "
              + options.names().of(Option.PROFILE)
              + ")";
    } else {
      List<Profile.Observation> observations = new ArrayList<>();
      if (seen != null) {
        for (DestinationStats d : seen) {
          observations.add(new Profile.Observation(d.destination(), d.stats().peers()));
        }
      }
      if (early != null) {
        observations.addAll(early);
      }
      Profile.Choice choice = Profile.detect(observations);
      profile = choice.profile();
      reason = "auto: " + choice.reason();
    }
    return classifyingWith(profile, reason);
  }

  /** The networks and classifier of a known profile. */
  Classifying classifyingWith(Profile profile, String reason) {
    ClusterNetworks networks = options.networks().withDefaults(profile);
    ClassifierRules rules =
        ClassifierRules.of(
            profile, networks, options.privateDomains(), options.ingressDomains(), options.names());
    return new Classifying(
        profile,
        reason,
        networks,
        new TrafficClassifier(rules, options.hostsFile(), options.dns()));
  }

  /**
   * How one destination is classified, step by step. Immutable.
   *
   * @param destination the destination as given
   * @param classification its class, reason and evidence
   * @param profile the profile in force
   * @param profileReason why that profile
   * @param networks the cluster networks in force, with notes on any assumed
   * @param logged what the logs show for it, or null when no log was given
   * @param noProxyEntry the NO_PROXY entry that exempts it, or null for an internet destination
   */
  public record Explanation(
      Destination destination,
      Classification classification,
      Profile profile,
      String profileReason,
      ClusterNetworks networks,
      Logged logged,
      String noProxyEntry) {
    /** Checks fields. */
    public Explanation {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(classification, "classification");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(profileReason, "profileReason");
      Objects.requireNonNull(networks, "networks");
    }

    /** Whether the logs given held a record (true when none was given). */
    public boolean hasRecords() {
      return logged == null || logged.summary().hasRecords();
    }
  }

  /**
   * What the logs show for an explained destination.
   *
   * @param summary what the logs hold
   * @param requests requests to the destination (all its ports when none was given)
   * @param deniedRequests of those, the ones Squid denied by policy
   */
  public record Logged(Summary summary, long requests, long deniedRequests) {}

  /**
   * Explains how {@code destination} is classified under these options.
   *
   * @param destination {@code HOST[:PORT]}
   * @param peers addresses Squid connected to for it, as a log would show them
   * @param logs logs to take logged peers and the profile from, or null
   * @throws BadValueException when the destination or a peer cannot be used
   * @throws InputException naming a log that could not be read
   */
  public Explanation explain(String destination, List<String> peers, Inputs logs)
      throws IOException {
    String given = destination.strip();
    Destination d = Destination.fromAuthority(given, -1);
    if (d == null || (d.port() < 0 && hasPort(given))) {
      throw new BadValueException(
          "not a destination: '"
              + destination
              + "' (expected HOST[:PORT] with a port from 0 to 65535)");
    }
    TreeSet<String> seenPeers = new TreeSet<>();
    for (String p : peers) {
      if (Destination.parseLiteral(p.strip()) == null) {
        throw new BadValueException("peer '" + p + "' is not an IP address");
      }
      seenPeers.add(Destination.normalizeHost(p.strip()));
    }
    Logged logged = null;
    Classifying c;
    if (logs != null) {
      Summary s = read(logs, null);
      long requests = 0;
      long denied = 0;
      for (DestinationStats ds : s.destinations()) {
        if (ds.destination().host().equals(d.host())
            && (d.port() < 0 || d.port() == ds.destination().port())) {
          seenPeers.addAll(ds.stats().peers());
          requests += ds.stats().requests();
          denied += ds.stats().deniedRequests();
        }
      }
      logged = new Logged(s, requests, denied);
      c = classifying(s.destinations(), null);
    } else {
      c = classifying(null, null);
    }
    options.dns().prefetch(List.of(d.host()));
    Classification k = c.classifier().explain(d, new ArrayList<>(seenPeers));
    return new Explanation(
        d,
        k,
        c.profile(),
        c.profileReason(),
        c.networks(),
        logged,
        NoProxyRecommender.entryFor(k, d));
  }

  /** Whether an authority as given carries a port ({@code host:443}, {@code [v6]:443}). */
  private static boolean hasPort(String authority) {
    int close = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    return colon > close && (close >= 0 || authority.indexOf(':') == colon);
  }

  /** The clients {@link #check} knows, by name ({@code go}, {@code curl}, ...). */
  public static List<String> clients() {
    return NoProxySemantics.all().stream().map(NoProxySemantics::client).toList();
  }

  /**
   * What a NO_PROXY list does for each client checked.
   *
   * @param result per entry and per logged destination, what each client does
   * @param withLog whether logged destinations were checked
   */
  public record Check(NoProxyCheck.Result result, boolean withLog) {}

  /**
   * Checks what {@code noProxy} means to each of {@code clients} and, given an analysis, whether
   * each destination it shows would go direct or through the proxy.
   *
   * @param clients client names ({@code go}, {@code curl}, ..., or {@code all})
   * @param analysis the logs' analysis, or null to check the entries only
   * @throws BadValueException naming a client that is not known
   */
  public Check check(String noProxy, List<String> clients, Analysis analysis) {
    List<NoProxySemantics> semantics = new ArrayList<>();
    for (String c : clients) {
      if (c.strip().equalsIgnoreCase("all")) {
        semantics.addAll(NoProxySemantics.all());
      } else {
        try {
          semantics.add(NoProxySemantics.of(c));
        } catch (IllegalArgumentException e) {
          throw new BadValueException(e.getMessage(), e);
        }
      }
    }
    semantics = semantics.stream().distinct().toList();
    NoProxyCheck.Result r =
        analysis == null
            ? NoProxyCheck.run(noProxy, semantics, List.of())
            : NoProxyCheck.run(
                noProxy,
                semantics,
                analysis.verdicts(),
                analysis.summary().overflow(),
                analysis.rules(),
                options.names());
    return new Check(r, analysis != null);
  }

  /**
   * Starts follow mode for one input: feed it bytes as they arrive, take snapshots and new
   * destinations as often as wanted.
   *
   * @param source the input's name in reports
   */
  public LiveAnalysis live(String source) {
    return new LiveAnalysis(this, source);
  }

  private static void add(
      Map<TrafficClass, Analysis.ClassTotals> m, TrafficClass c, long requests, long bytes) {
    Analysis.ClassTotals t = m.get(c);
    m.put(c, new Analysis.ClassTotals(t.requests() + requests, t.bytes() + bytes));
  }
}
