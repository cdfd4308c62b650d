package io.squidlens.recommend;

import io.squidlens.aggregate.Summary;
import io.squidlens.base.Option;
import io.squidlens.classify.Classification;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
import io.squidlens.net.PublicSuffixes;
import io.squidlens.recommend.Recommendation.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns classified destinations into NO_PROXY recommendations for each target, every entry backed
 * by the traffic it covers. Immutable and thread-safe. Used by the analyzer; {@link #entryFor} also
 * by follow mode and {@code explain}.
 */
public final class NoProxyRecommender {
  /*
   * Implementation notes.
   *
   * 1. Candidates chooses the entries the log justifies and refuses the unsafe ones (SafetyCheck,
   *    in Go semantics: what CRI-O and the operators use).
   * 2. Each target's TargetPlan then differs only in what it subtracts or adds: proxy/cluster
   *    drops what the cluster-network-operator adds itself (or what status.noProxy already
   *    holds); the others get a complete list, a baseline plus every candidate, CRI-O's with the
   *    IBM registry, rendered in their own artifact (Java's translated to http.nonProxyHosts).
   * 3. With a list in force (InForce), its entries stay in the value (the log can justify
   *    additions, never removals) unless they are unsafe by the same check, read the way the
   *    target's clients read it; those are left out with a warning, or kept when the user asks,
   *    which the artifact then says. Coverage is judged against what the printed value will hold,
   *    so an entry left out covers nothing.
   * 4. Every value is checked once more as printed: nothing unsafe leaves this class unless the
   *    user asked to keep it.
   * Values are sorted and de-duplicated as the operator's sets.List() does.
   */

  private final Profile profile;
  private final ClusterNetworks networks;
  private final ProxySettings settings;
  private final ClassifierRules rules;
  private final boolean keepUnsafe;
  private final String namespace;
  private final boolean allowOnlySeen;
  private final Option.Names names;

  /**
   * Creates a recommender.
   *
   * @param networks the cluster networks in force (defaults filled in)
   * @param settings what is configured now: proxy URLs and the lists in force, as far as known
   * @param rules the rules the destinations were classified with
   * @param keepUnsafe whether entries in force that are unsafe stay in the values (the artifacts
   *     then say so)
   * @param namespace the project the egress firewalls are for, or null for a placeholder
   * @param allowOnlySeen whether the egress router allows only the internet destinations seen
   * @param names how notes, warnings and artifacts spell the options they suggest
   */
  public NoProxyRecommender(
      Profile profile,
      ClusterNetworks networks,
      ProxySettings settings,
      ClassifierRules rules,
      boolean keepUnsafe,
      String namespace,
      boolean allowOnlySeen,
      Option.Names names) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.networks = Objects.requireNonNull(networks, "networks");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.keepUnsafe = keepUnsafe;
    this.namespace = namespace;
    this.allowOnlySeen = allowOnlySeen;
    this.names = Objects.requireNonNull(names, "names");
  }

  /**
   * The entry that exempts one private destination, as the recommender would start from: the range
   * that explains an IP literal, {@code .zone} for cluster zones, else the host itself; null for an
   * internet destination.
   */
  public static String entryFor(Classification c, Destination d) {
    if (!c.destinationClass().bypassesProxy()) {
      return null;
    }
    if (c.range() != null) {
      return c.range();
    }
    if (c.basis() == Classification.Basis.NAME
        && c.zone() != null
        && c.policy() == Classification.SuffixPolicy.ALWAYS) {
      return "." + c.zone();
    }
    return d.host();
  }

  /**
   * Recommends for every target.
   *
   * @param overflow what the destination table could not track (checked so no entry covers it)
   */
  public Recommendations recommend(List<Verdict> verdicts, Summary.Overflow overflow) {
    List<String> warnings = new ArrayList<>();
    SafetyCheck safety = new SafetyCheck(verdicts, overflow, rules, names);
    Recommending r =
        new Recommending(
            profile,
            networks,
            settings,
            safety,
            verdicts,
            Candidates.select(verdicts, safety, warnings),
            overflow.happened(),
            keepUnsafe,
            names);
    Map<Target, Recommendation> byTarget = new EnumMap<>(Target.class);
    for (Target t : Target.values()) {
      byTarget.put(t, TargetPlan.of(t).recommend(r));
    }
    return new Recommendations(
        byTarget,
        () -> new EgressPlans(r, rules, namespace, allowOnlySeen).all(),
        allowlist(verdicts, warnings),
        warnings);
  }

  /**
   * Squid ACL lines for internet destinations Squid denied, only for what squid.conf can take as a
   * literal value: an IP address, or a host name of two or more labels that is not a public suffix.
   * Anything else from the log (a quoted path, which squid.conf would read as a file of values; a
   * leading dot or '-i', which change the ACL's meaning; '.com') gets no line.
   */
  private static List<Recommendations.AllowlistAdvice> allowlist(
      List<Verdict> verdicts, List<String> warnings) {
    List<Recommendations.AllowlistAdvice> out = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (v.destinationClass() == TrafficClass.INTERNET && v.stats().deniedRequests() > 0) {
        String acl;
        if (v.isIpLiteral()) {
          acl = "acl squidlens_allowed dst " + v.host();
        } else if (SquidValues.isHostName(v.host()) && !PublicSuffixes.isPublicSuffix(v.host())) {
          acl = "acl squidlens_allowed dstdomain " + v.host();
        } else {
          warnings.add(
              "no Squid allowlist line for denied destination '"
                  + v.host()
                  + "': not a host name squid.conf can take as a value");
          continue;
        }
        out.add(new Recommendations.AllowlistAdvice(v.host(), v.stats().deniedRequests(), acl));
      }
    }
    return out;
  }
}
