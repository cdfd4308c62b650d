package io.squidlens;

import io.squidlens.aggregate.Summary;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.recommend.Recommendations;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of an analysis: what the log holds, where each destination goes and why, and the lists
 * to apply. Immutable. Made by the analyzer; read by the reports and the front ends.
 *
 * @param summary the aggregates read from the log
 * @param profile the profile in force
 * @param profileReason why that profile (given by the user, or the signals that chose it)
 * @param networks the cluster networks in force, with notes on any assumed
 * @param lookups where names were looked up, in order ({@code hosts file ...}, {@code DNS via ...})
 * @param verdicts one per destination host, sorted by host
 * @param classes requests and bytes per class ({@code denied} holds the denied requests)
 * @param recommendations the recommended lists
 * @param warnings things the reader should know (assumptions, overflow, refusals)
 * @param rules the rules the destinations were classified with
 * @param window the time window the records were read in
 * @param timeline requests per class and time bucket
 */
public record Analysis(
    Summary summary,
    Profile profile,
    String profileReason,
    ClusterNetworks networks,
    List<String> lookups,
    List<Verdict> verdicts,
    Map<TrafficClass, ClassTotals> classes,
    Recommendations recommendations,
    List<String> warnings,
    ClassifierRules rules,
    Window window,
    Timeline timeline) {

  /** Checks fields and copies collections. */
  public Analysis {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(profileReason, "profileReason");
    Objects.requireNonNull(networks, "networks");
    lookups = List.copyOf(lookups);
    verdicts = List.copyOf(verdicts);
    classes = Map.copyOf(classes);
    Objects.requireNonNull(recommendations, "recommendations");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(timeline, "timeline");
  }

  /**
   * Requests per class over time, one bucket after the other from the first bucket holding a
   * request to the last (empty ones included), at most about 1,500 of them. The buckets of a class
   * add up to its {@link #totals}.
   *
   * @param bucketMillis the width of a bucket
   * @param buckets the buckets, in time order
   */
  public record Timeline(long bucketMillis, List<Bucket> buckets) {
    /** Copies the list. */
    public Timeline {
      buckets = List.copyOf(buckets);
    }

    /**
     * Requests of each class in one bucket.
     *
     * @param startMillis the bucket's first millisecond
     * @param requests requests per class ({@code denied}: the denied ones)
     */
    public record Bucket(long startMillis, Map<TrafficClass, Long> requests) {
      /** Copies the map. */
      public Bucket {
        requests = Map.copyOf(requests);
      }

      /** The requests of {@code c} in this bucket. */
      public long requests(TrafficClass c) {
        return requests.getOrDefault(c, 0L);
      }
    }
  }

  /**
   * The time window records were analysed in, {@code [since, until)}; records outside it are
   * counted per input and nothing else.
   *
   * @param since the first millisecond (epoch ms), {@code Long.MIN_VALUE} for no start
   * @param until the end, exclusive, {@code Long.MAX_VALUE} for no end
   */
  public record Window(long since, long until) {
    /** No window: every record counts. */
    public static final Window ALL = new Window(Long.MIN_VALUE, Long.MAX_VALUE);

    /** Whether the window has a start or an end. */
    public boolean bounded() {
      return since != Long.MIN_VALUE || until != Long.MAX_VALUE;
    }
  }

  /** This analysis with a summary and verdicts that name people differently (redaction). */
  public Analysis withPeople(Summary newSummary, List<Verdict> newVerdicts) {
    return new Analysis(
        newSummary,
        profile,
        profileReason,
        networks,
        lookups,
        newVerdicts,
        classes,
        recommendations,
        warnings,
        rules,
        window,
        timeline);
  }

  /** This analysis with {@code more} warnings first (what reading the inputs found). */
  public Analysis withWarnings(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(more);
    all.addAll(warnings);
    return new Analysis(
        summary,
        profile,
        profileReason,
        networks,
        lookups,
        verdicts,
        classes,
        recommendations,
        all,
        rules,
        window,
        timeline);
  }

  /** Whether any input held a record. */
  public boolean hasRecords() {
    return summary.hasRecords();
  }

  /** Lines read (non-empty) over all inputs. */
  public long lines() {
    return summary.lines();
  }

  /** Lines that were not records. */
  public long malformedLines() {
    return summary.malformedLines();
  }

  /** Whether the destination table filled up, so some destinations were counted, not classified. */
  public boolean overflowed() {
    return summary.overflow().happened();
  }

  /** The destination table's capacity in distinct destinations. */
  public long destinationLimit() {
    return summary.overflow().limit();
  }

  /** Requests and reply bytes of one class. */
  public record ClassTotals(long requests, long bytes) {}

  /** The totals of {@code c} (zero when absent). */
  public ClassTotals totals(TrafficClass c) {
    return classes.getOrDefault(c, new ClassTotals(0, 0));
  }
}
