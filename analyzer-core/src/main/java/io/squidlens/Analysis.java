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
    ClassifierRules rules) {

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
        rules);
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
