package io.squidlens.recommend;

import com.google.common.base.Suppliers;
import inet.ipaddr.IPAddress;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import io.squidlens.recommend.Recommendation.Target;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the recommender produced for one analysis. Immutable; the egress rules are made on
 * first use (once, thread-safely), since most outputs (the text report, one NO_PROXY target,
 * follow's snapshots) never read them. Made by the recommender; read by the reports.
 */
public final class Recommendations {
  private final Map<Target, Recommendation> byTarget;
  private final Supplier<Map<EgressTarget, Egress>> egress;
  private final List<AllowlistAdvice> squidAllowlist;
  private final List<String> warnings;

  /**
   * Everything for one analysis.
   *
   * @param byTarget one recommendation per NO_PROXY target
   * @param egress makes one rule list per egress-control target: what pods may reach directly
   * @param squidAllowlist advice for internet destinations Squid denied: they need a Squid ACL
   *     change, never a NO_PROXY entry
   * @param warnings entries squidlens refused to recommend and why
   */
  public Recommendations(
      Map<Target, Recommendation> byTarget,
      Supplier<Map<EgressTarget, Egress>> egress,
      List<AllowlistAdvice> squidAllowlist,
      List<String> warnings) {
    this.byTarget = Map.copyOf(byTarget);
    Objects.requireNonNull(egress, "egress");
    this.egress = Suppliers.memoize(() -> Map.copyOf(egress.get()));
    this.squidAllowlist = List.copyOf(squidAllowlist);
    this.warnings = List.copyOf(warnings);
  }

  /** One recommendation per NO_PROXY target. */
  public Map<Target, Recommendation> byTarget() {
    return byTarget;
  }

  /** One rule list per egress-control target (made now if not yet). */
  public Map<EgressTarget, Egress> egress() {
    return egress.get();
  }

  /** Internet destinations Squid denied, with the ACL lines that would allow them. */
  public List<AllowlistAdvice> squidAllowlist() {
    return squidAllowlist;
  }

  /** Entries squidlens refused to recommend, and why. */
  public List<String> warnings() {
    return warnings;
  }

  /** Equal when every part is, the egress rules included (made for the comparison if need be). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Recommendations r
        && byTarget.equals(r.byTarget)
        && squidAllowlist.equals(r.squidAllowlist)
        && warnings.equals(r.warnings)
        && egress().equals(r.egress());
  }

  @Override
  public int hashCode() {
    return Objects.hash(byTarget, squidAllowlist, warnings, egress());
  }

  @Override
  public String toString() {
    return "Recommendations[byTarget="
        + byTarget
        + ", egress="
        + egress()
        + ", squidAllowlist="
        + squidAllowlist
        + ", warnings="
        + warnings
        + "]";
  }

  /** The recommendation for {@code target}. */
  public Recommendation get(Target target) {
    return Objects.requireNonNull(byTarget.get(target), target.id());
  }

  /** The rule list for {@code target}. */
  public Egress get(EgressTarget target) {
    return Objects.requireNonNull(egress().get(target), target.id());
  }

  /**
   * An internet destination Squid denied, with the ACL lines that would allow it.
   *
   * @param host the destination
   * @param deniedRequests how many requests were denied
   * @param acl the squid.conf lines
   */
  public record AllowlistAdvice(String host, long deniedRequests, String acl) {}

  /** Where a recommended rule list goes: the objects that enforce what NO_PROXY only asks. */
  public enum EgressTarget {
    /** OVN-Kubernetes {@code EgressFirewall} ({@code k8s.ovn.org/v1}). */
    EGRESSFIREWALL("egressfirewall", "EgressFirewall"),
    /** OpenShift SDN {@code EgressNetworkPolicy} ({@code network.openshift.io/v1}). */
    EGRESSNETWORKPOLICY("egressnetworkpolicy", "EgressNetworkPolicy"),
    /** The egress router's {@code EGRESS_HTTP_PROXY_DESTINATION} (http-proxy mode). */
    EGRESS_ROUTER_PROXY("egress-router-proxy", "EGRESS_HTTP_PROXY_DESTINATION");

    private final String id;
    private final String kind;

    EgressTarget(String id, String kind) {
      this.id = id;
      this.kind = kind;
    }

    /** The name used on the command line and in JSON. */
    public String id() {
      return id;
    }

    /** What the artifact sets: the object kind, or the variable. */
    public String kind() {
      return kind;
    }

    /** The target named {@code id}, or null when none is. */
    public static EgressTarget find(String id) {
      String s = id.strip().toLowerCase(Locale.ROOT);
      for (EgressTarget t : values()) {
        if (t.id.equals(s)) {
          return t;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /**
   * A recommended egress rule list, each rule with its evidence, and the ready-to-apply artifact.
   *
   * @param target where the rules go
   * @param rules the rules in the order they are evaluated (first match wins)
   * @param value for the egress router: the {@code EGRESS_HTTP_PROXY_DESTINATION} text; for the
   *     firewalls: the rules one per line as {@code Allow cidrSelector 10.0.0.0/8}
   * @param artifact the text to apply (YAML)
   * @param leftOut destinations the log evidences that the rules could not express, each with why
   * @param notes what the user should know before applying it
   * @param warnings what the user must know about these rules before applying them
   * @param errors why the artifact must not be applied as is; empty when it can be
   * @param incomplete whether the destination table overflowed, so destinations are missing
   */
  public record Egress(
      EgressTarget target,
      List<EgressRule> rules,
      String value,
      String artifact,
      List<String> leftOut,
      List<String> notes,
      List<String> warnings,
      List<String> errors,
      boolean incomplete) {
    /** Checks fields and copies lists. */
    public Egress {
      Objects.requireNonNull(target, "target");
      rules = List.copyOf(rules);
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(artifact, "artifact");
      leftOut = List.copyOf(leftOut);
      notes = List.copyOf(notes);
      warnings = List.copyOf(warnings);
      errors = List.copyOf(errors);
    }
  }

  /** Whether a rule lets traffic through. */
  public enum Action {
    /** Lets matching traffic through. */
    ALLOW("Allow"),
    /** Drops matching traffic. */
    DENY("Deny");

    private final String id;

    Action(String id) {
      this.id = id;
    }

    /** The value as the APIs write it ({@code Allow}, {@code Deny}). */
    public String id() {
      return id;
    }
  }

  /** What a rule's value selects. */
  public enum Selector {
    /** An address or CIDR block ({@code cidrSelector}; a router line {@code 10.0.0.0/8}). */
    CIDR("cidrSelector"),
    /**
     * A DNS name ({@code dnsName}); {@code *.example.com} matches exactly one label under the zone,
     * as OVN-Kubernetes's wildcard does.
     */
    DNS_NAME("dnsName"),
    /** A router line {@code *.example.com}: the zone and every name under it. */
    DOMAIN("domain"),
    /** A router line {@code *}: everything. */
    ANY("any"),
    /** A firewall's {@code nodeSelector} (node addresses by label): the log cannot show them. */
    NODES("nodeSelector");

    private final String id;

    Selector(String id) {
      this.id = id;
    }

    /** The name used in JSON. */
    public String id() {
      return id;
    }
  }

  /** Whether a rule matches a destination. */
  public enum Match {
    /** It does. */
    YES,
    /** It does not. */
    NO,
    /** The log cannot tell: a CIDR rule and a name whose address is unknown. */
    UNKNOWN
  }

  /**
   * One rule with its evidence.
   *
   * @param action allow or deny
   * @param selector what {@code value} is
   * @param value the address, block, name or router line (without its {@code !})
   * @param ports the TCP ports the rule is limited to; empty for every port
   * @param reason why the rule is there
   * @param covers the logged hosts it is for, sorted
   * @param requests requests to those hosts
   * @param deniedRequests of those, denied by Squid
   * @param firstSeen earliest time, epoch ms ({@code Long.MAX_VALUE} when unobserved)
   * @param lastSeen latest time, epoch ms ({@code Long.MIN_VALUE} when unobserved)
   * @param examples line references ({@link io.squidlens.base.LineRefs}) of example lines
   */
  public record EgressRule(
      Action action,
      Selector selector,
      String value,
      List<Integer> ports,
      String reason,
      List<String> covers,
      long requests,
      long deniedRequests,
      long firstSeen,
      long lastSeen,
      List<Long> examples) {
    /** Checks fields and copies lists. */
    public EgressRule {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(value, "value");
      ports = List.copyOf(ports);
      Objects.requireNonNull(reason, "reason");
      covers = List.copyOf(covers);
      examples = List.copyOf(examples);
    }

    /**
     * A rule without evidence from the log (the proxy, the closing deny, a rule read from a file).
     */
    public static EgressRule of(
        Action action, Selector selector, String value, List<Integer> ports, String reason) {
      return new EgressRule(
          action,
          selector,
          value,
          ports,
          reason,
          List.of(),
          0,
          0,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          List.of());
    }

    /**
     * Whether this rule matches a connection to {@code host} on {@code port}.
     *
     * @param host the normalised (lower-case) host or IP literal
     * @param addresses what the host is known to connect to (the literal itself, or the direct
     *     peers Squid logged); empty when unknown
     * @param port the destination port, or -1 when unknown
     */
    public Match matches(String host, List<IPAddress> addresses, int port) {
      return matcher().match(host, addresses, port);
    }

    /** This rule ready to test many connections, its value parsed once. */
    public Matcher matcher() {
      return new Matcher(this);
    }

    /** A rule with its value parsed, for testing it against every destination of a log. */
    public static final class Matcher {
      private final EgressRule rule;
      private final String value;
      private final IPAddress block;
      private final int[] ports;
      // An IPv4 block as its first and last address: a log's worth of destinations is tested
      // against every rule, and two comparisons beat the general containment test.
      private final long lower;
      private final long upper;

      private Matcher(EgressRule rule) {
        this.rule = rule;
        String v = rule.value().toLowerCase(Locale.ROOT);
        this.value = v.endsWith(".") && v.length() > 1 ? v.substring(0, v.length() - 1) : v;
        this.block = rule.selector() == Selector.CIDR ? Cidrs.parse(value) : null;
        this.ports = rule.ports().stream().mapToInt(Integer::intValue).toArray();
        boolean four = block != null && block.isIPv4();
        this.lower = four ? block.getLower().toIPv4().longValue() : -1;
        this.upper = four ? block.getUpper().toIPv4().longValue() : -1;
      }

      /** See {@link EgressRule#matches}. */
      public Match match(String host, List<IPAddress> addresses, int port) {
        Match m = nameMatch(host, addresses);
        if (ports.length == 0 || m == Match.NO) {
          return m;
        }
        if (port < 0) {
          return Match.UNKNOWN;
        }
        for (int p : ports) {
          if (p == port) {
            return m;
          }
        }
        return Match.NO;
      }

      private Match nameMatch(String h, List<IPAddress> addresses) {
        return switch (rule.selector()) {
          case ANY -> Match.YES;
          case NODES -> Match.NO;
          case DNS_NAME -> {
            if (value.startsWith("*.")) {
              // OVN-Kubernetes's wildcard: exactly one label under the zone.
              String zone = value.substring(2);
              yield Destination.isUnder(h, zone) && h.indexOf('.') == h.length() - zone.length() - 1
                  ? Match.YES
                  : Match.NO;
            }
            yield h.equals(value) ? Match.YES : Match.NO;
          }
          case DOMAIN -> {
            String zone = value.startsWith("*.") ? value.substring(2) : value;
            yield h.equals(zone) || Destination.isUnder(h, zone) ? Match.YES : Match.NO;
          }
          case CIDR -> {
            if (addresses.isEmpty()) {
              yield Match.UNKNOWN;
            }
            for (IPAddress a : addresses) {
              if (lower >= 0 && a.isIPv4()) {
                long x = a.toIPv4().longValue();
                if (x >= lower && x <= upper) {
                  yield Match.YES;
                }
              } else if (Cidrs.contains(block, a)) {
                yield Match.YES;
              }
            }
            yield Match.NO;
          }
        };
      }
    }
  }
}
