package io.squidlens;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.aggregate.DestinationStats;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.ProfileDetector;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.TrafficClassifier;
import io.squidlens.classify.Verdict;
import io.squidlens.classify.Verdicts;
import io.squidlens.parse.InputSource;
import io.squidlens.parse.LogReader;
import io.squidlens.parse.ReadResult;
import io.squidlens.parse.SourceStats;
import io.squidlens.recommend.NoProxyRecommender;
import io.squidlens.recommend.Recommendations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The front door: reads Squid logs, classifies every destination and recommends NO_PROXY lists.
 * Instances are immutable and thread-safe; each call is independent.
 *
 * <pre>{@code
 * Analyzer analyzer = new Analyzer(AnalyzerOptions.builder().threads(2).build());
 * Analysis a = analyzer.analyze(InputSources.resolve(List.of("access.log")), null);
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
   * Reads every input and analyzes it.
   *
   * @param progress receives input bytes consumed as reading proceeds, or null
   * @throws io.squidlens.base.InputException naming an input that could not be read
   */
  public Analysis analyze(List<InputSource> sources, LongAdder progress) throws IOException {
    return analyze(read(sources, progress));
  }

  /**
   * Reads every input into a {@link Summary} without classifying.
   *
   * @throws io.squidlens.base.InputException naming an input that could not be read
   */
  public Summary read(List<InputSource> sources, LongAdder progress) throws IOException {
    LogReader reader =
        new LogReader(options.logFormat(), options.threads(), progress, options.stdin());
    List<Accumulator> parts = Collections.synchronizedList(new ArrayList<>());
    ReadResult result =
        reader.read(
            sources,
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
    return all.toSummary(result.index(), names).withSources(result.sources());
  }

  /** Classifies and recommends from a summary (batch or a follow-mode snapshot). */
  public Analysis analyze(Summary summary) {
    Profile profile = options.profile();
    String profileReason;
    if (profile == null) {
      List<ProfileDetector.Observation> seen = new ArrayList<>();
      for (DestinationStats d : summary.destinations()) {
        seen.add(new ProfileDetector.Observation(d.destination(), d.peers()));
      }
      ProfileDetector.Choice choice = ProfileDetector.detect(seen);
      profile = choice.profile();
      profileReason = "auto: " + choice.reason();
    } else {
      profileReason = "given with --profile";
    }
    ClusterNetworks networks = options.networks().withDefaults(profile);
    TrafficClassifier classifier = classifier(profile, networks);
    // Names no rule or logged peer settles are looked up in one concurrent, time-boxed batch.
    List<String> names = new ArrayList<>();
    List<DestinationStats> lookable =
        options.dns().enabled() ? summary.destinations() : List.<DestinationStats>of();
    for (DestinationStats d : lookable) {
      if (classifier.mayNeedDns(d.destination(), d.peers())
          && (names.isEmpty() || !names.get(names.size() - 1).equals(d.destination().host()))) {
        names.add(d.destination().host());
      }
    }
    if (!names.isEmpty()) {
      options.dns().prefetch(names);
    }
    List<Verdict> verdicts = Verdicts.of(summary.destinations(), classifier);

    Map<TrafficClass, Analysis.ClassTotals> classes = new EnumMap<>(TrafficClass.class);
    for (TrafficClass c : TrafficClass.values()) {
      classes.put(c, new Analysis.ClassTotals(0, 0));
    }
    for (Verdict v : verdicts) {
      add(classes, TrafficClass.DENIED, v.deniedRequests(), v.deniedBytes());
      add(
          classes,
          v.destinationClass(),
          v.requests() - v.deniedRequests(),
          v.bytes() - v.deniedBytes());
    }

    NoProxyRecommender recommender =
        new NoProxyRecommender(
            profile, networks, options.proxy(), classifier.rules(), options.keepUnsafe());
    Recommendations recs = recommender.recommend(verdicts, summary.overflow());

    List<String> warnings = new ArrayList<>(networks.assumed());
    if (summary.overflow().happened()) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "destination table full at %d distinct destinations: %d requests (%d denied) to"
                  + " further destinations are counted but not classified; raise"
                  + " --max-destinations",
              summary.overflow().limit(),
              summary.overflow().requests(),
              summary.overflow().deniedRequests()));
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
        profile,
        profileReason,
        networks,
        lookups,
        verdicts,
        classes,
        recs,
        warnings,
        classifier.rules());
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

  /** The classifier these options build for a profile and its networks. */
  public TrafficClassifier classifier(Profile profile, ClusterNetworks networks) {
    ClassifierRules rules =
        ClassifierRules.of(profile, networks, options.privateDomains(), options.ingressDomains());
    return new TrafficClassifier(rules, options.hostsFile(), options.dns());
  }

  private static void add(
      Map<TrafficClass, Analysis.ClassTotals> m, TrafficClass c, long requests, long bytes) {
    Analysis.ClassTotals t = m.get(c);
    m.put(c, new Analysis.ClassTotals(t.requests() + requests, t.bytes() + bytes));
  }
}
