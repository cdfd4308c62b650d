package io.squidlens.classify;

import io.squidlens.classify.Classification.SuffixPolicy;
import java.util.Objects;

/**
 * A rule over host names: a zone ({@code icr.io}, {@code s3.direct.*.cloud-object-storage...}) and
 * what names under it are. Immutable.
 *
 * @param pattern the zone, labels separated by dots; {@code *} stands for exactly one label
 * @param destinationClass what matching names are
 * @param label the reason shown to users ({@code "IBM Cloud Container Registry"})
 * @param apex whether the zone name itself matches
 * @param subdomains whether names under the zone match
 * @param policy how the zone may be aggregated in recommendations
 */
record NameRule(
    String pattern,
    TrafficClass destinationClass,
    String label,
    boolean apex,
    boolean subdomains,
    SuffixPolicy policy) {

  /** Checks fields. */
  public NameRule {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(destinationClass, "destinationClass");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(policy, "policy");
  }
}
