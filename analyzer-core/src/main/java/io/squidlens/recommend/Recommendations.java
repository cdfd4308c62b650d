package io.squidlens.recommend;

import io.squidlens.recommend.Recommendation.Target;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the recommender produced for one analysis. Immutable. Made by the recommender; read by
 * the reports.
 *
 * @param byTarget one recommendation per target
 * @param squidAllowlist advice for internet destinations Squid denied: they need a Squid ACL
 *     change, never a NO_PROXY entry
 * @param warnings entries squidlens refused to recommend and why
 */
public record Recommendations(
    Map<Target, Recommendation> byTarget,
    List<AllowlistAdvice> squidAllowlist,
    List<String> warnings) {

  /** Copies collections. */
  public Recommendations {
    byTarget = Map.copyOf(byTarget);
    squidAllowlist = List.copyOf(squidAllowlist);
    warnings = List.copyOf(warnings);
  }

  /** The recommendation for {@code target}. */
  public Recommendation get(Target target) {
    return Objects.requireNonNull(byTarget.get(target), target.id());
  }

  /**
   * An internet destination Squid denied, with the ACL lines that would allow it.
   *
   * @param host the destination
   * @param deniedRequests how many requests were denied
   * @param acl the squid.conf lines
   */
  public record AllowlistAdvice(String host, long deniedRequests, String acl) {}
}
