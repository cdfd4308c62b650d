package io.squidlens.recommend;

import inet.ipaddr.IPAddress;
import io.squidlens.aggregate.TrafficStats;
import io.squidlens.base.Option;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import io.squidlens.recommend.Recommendations.Action;
import io.squidlens.recommend.Recommendations.Egress;
import io.squidlens.recommend.Recommendations.EgressRule;
import io.squidlens.recommend.Recommendations.EgressTarget;
import io.squidlens.recommend.Recommendations.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The egress-control targets, made from the same evidence as the NO_PROXY lists: an EgressFirewall
 * or EgressNetworkPolicy that lets pods reach the proxy and the private destinations the NO_PROXY
 * recommendation exempts and nothing else outside the cluster, and the egress router's
 * EGRESS_HTTP_PROXY_DESTINATION. Not thread-safe: one per recommender run.
 */
final class EgressPlans {
  /*
   * What each API accepts, from the OpenShift documentation ("Configuring an egress firewall for a
   * project", OVN-Kubernetes and OpenShift SDN editions, modules nw-egress-firewall-about.adoc,
   * nw-egress-firewall-object.adoc, nw-egressnetworkpolicy-about.adoc) and the CRDs' Go types
   * (ovn-kubernetes go-controller/pkg/crd/egressfirewall/v1/types.go, openshift/api
   * network/v1/types.go):
   *
   * - Both: ordered Allow/Deny rules `to` a cidrSelector or a dnsName (never both), first match
   *   wins, external traffic only; one object per project, and OVN-Kubernetes requires the name
   *   `default` (squidlens names the SDN object `default` too, as the documentation's examples do).
   * - EgressFirewall (k8s.ovn.org/v1): at most 8,000 rules; `ports` of {protocol TCP|UDP|SCTP, port
   *   1-65535}; dnsName must match ^([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.?$. Wildcard names
   *   (`*.example.com`, one label only) need the DNSNameResolver feature (Technology Preview in the
   *   releases that document it), so squidlens never writes one: a zone becomes its logged hosts.
   *   The documentation also says that with a Deny 0.0.0.0/0 an Allow by dnsName does not let the
   *   traffic through (the connection uses the resolved address): the addresses Squid reached are
   *   allowed by cidrSelector as well, and a name without one is flagged.
   * - EgressNetworkPolicy (network.openshift.io/v1): at most 1,000 rules; no ports; no wildcard
   *   names; the `default` project cannot have one.
   * - dnsName entries are resolved by the nodes (OVN-Kubernetes polls at the record's TTL, at most
   *   30 minutes; SDN every 30 s to 30 min) and the pods must use the same resolvers; a resolver
   *   outside the node needs its own Allow.
   *
   * The egress router (openshift/origin images/egress/http-proxy/egress-http-proxy.sh): one
   * destination per line (an IP, a CIDR, a host name, `*.domain` for the domain and every name
   * under it), `!` to deny, `#` comments and blank lines ignored; the lines become Squid
   * http_access rules in order, so the first match wins; a last line `*` allows everything not
   * denied, otherwise everything not allowed is denied; `*` anywhere but last is refused.
   */

  static final int OVN_MAX_RULES = 8_000;
  static final int SDN_MAX_RULES = 1_000;

  /** Stands in for the namespace when none was given. */
  static final String UNKNOWN_NAMESPACE = "NAMESPACE";

  /** Stands in for the proxy's address when neither --proxy-url nor --proxy-config gave it. */
  static final String UNKNOWN_PROXY = "PROXY_IP/32";

  private static final Pattern DNS_NAME = Pattern.compile("^([A-Za-z0-9-]+\\.)*[A-Za-z0-9-]+\\.?$");
  private static final Pattern ROUTER_HOST = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9.-]+$");

  private final Recommending r;
  private final ClassifierRules rules;
  private final String namespace;
  private final boolean allowOnlySeen;
  private InternetIndex internet;
  // Both firewall kinds ask for the same blocks, sort keys and safety checks, each once per
  // destination; parsing a block with the address library is what cost.
  private final Map<String, IPAddress> parsed = new HashMap<>();

  /**
   * Plans for one run.
   *
   * @param namespace the project the firewall is for, or null for the placeholder
   * @param allowOnlySeen whether the router allows only the internet destinations the log shows
   */
  EgressPlans(Recommending r, ClassifierRules rules, String namespace, boolean allowOnlySeen) {
    this.r = r;
    this.rules = rules;
    this.namespace = namespace;
    this.allowOnlySeen = allowOnlySeen;
  }

  /** {@code text} parsed as a block, once per instance. */
  private IPAddress block(String text) {
    return parsed.computeIfAbsent(text, Cidrs::parse);
  }

  /** The canonical block text of an address or block literal. */
  private String canonicalBlock(String text) {
    return Cidrs.format(block(text));
  }

  /** Every egress target's rules. */
  Map<EgressTarget, Egress> all() {
    Map<EgressTarget, Egress> out = new EnumMap<>(EgressTarget.class);
    out.put(EgressTarget.EGRESSFIREWALL, firewall(EgressTarget.EGRESSFIREWALL));
    out.put(EgressTarget.EGRESSNETWORKPOLICY, firewall(EgressTarget.EGRESSNETWORKPOLICY));
    out.put(EgressTarget.EGRESS_ROUTER_PROXY, router());
    return out;
  }

  /** The evidence gathered for one rule. */
  private static final class Draft {
    final Selector selector;
    final String value;
    final String reason;
    final TreeMap<String, Verdict> verdicts = new TreeMap<>();

    Draft(Selector selector, String value, String reason) {
      this.selector = selector;
      this.value = value;
      this.reason = reason;
    }

    EgressRule toRule(Action action, List<Integer> ports) {
      TrafficStats s = null;
      for (Verdict v : verdicts.values()) {
        s = s == null ? v.stats() : s.merge(v.stats());
      }
      return new EgressRule(
          action,
          selector,
          value,
          ports,
          reason,
          List.copyOf(verdicts.keySet()),
          s == null ? 0 : s.requests(),
          s == null ? 0 : s.deniedRequests(),
          s == null ? Long.MAX_VALUE : s.firstSeen(),
          s == null ? Long.MIN_VALUE : s.lastSeen(),
          s == null ? List.of() : s.examples());
    }

    long requests() {
      return verdicts.values().stream().mapToLong(v -> v.stats().requests()).sum();
    }
  }

  // ---------------------------------------------------------------- the firewalls

  private Egress firewall(EgressTarget target) {
    boolean ovn = target == EgressTarget.EGRESSFIREWALL;
    int max = ovn ? OVN_MAX_RULES : SDN_MAX_RULES;
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();

    List<EgressRule> proxies = proxyRules(ovn, notes, warnings);
    Map<String, Draft> allows = new LinkedHashMap<>();
    TreeSet<String> zones = new TreeSet<>();
    long clusterInternal = 0;
    TreeSet<String> unaddressed = new TreeSet<>();
    for (Candidates.Candidate c : r.candidates.values()) {
      List<Verdict> vs = new ArrayList<>();
      for (Verdict v : c.verdicts) {
        if (v.destinationClass() == TrafficClass.PRIVATE_ENDPOINT) {
          vs.add(v);
        } else {
          clusterInternal++;
        }
      }
      if (vs.isEmpty()) {
        continue;
      }
      NoProxyEntry e = c.entry;
      if (e.kind() == NoProxyEntry.Kind.CIDR) {
        Draft d = draft(allows, Selector.CIDR, e.value(), c.reason);
        vs.forEach(v -> d.verdicts.put(v.host(), v));
        continue;
      }
      if (c.zone || e.kind() == NoProxyEntry.Kind.DOMAIN_SUFFIX) {
        zones.add(e.value().startsWith(".") ? e.value().substring(1) : e.value());
      }
      for (Verdict v : vs) {
        if (v.isIpLiteral()) {
          String block = canonicalBlock(v.host());
          draft(allows, Selector.CIDR, block, v.reason()).verdicts.put(v.host(), v);
          continue;
        }
        boolean named = DNS_NAME.matcher(v.host()).matches();
        if (named) {
          draft(allows, Selector.DNS_NAME, v.host(), v.reason()).verdicts.put(v.host(), v);
        }
        List<IPAddress> addresses = privatePeers(v);
        for (IPAddress a : addresses) {
          String block = canonicalBlock(a.toCanonicalString());
          draft(allows, Selector.CIDR, block, "the address Squid reached it at (its direct peer)")
              .verdicts
              .put(v.host(), v);
        }
        if (addresses.isEmpty()) {
          if (!named) {
            leftOut.add(v.host() + ": not a name dnsName accepts, and no address is known");
          } else if (ovn) {
            unaddressed.add(v.host());
          }
        }
      }
    }
    if (!unaddressed.isEmpty()) {
      List<String> shown =
          new ArrayList<>(unaddressed).subList(0, Math.min(10, unaddressed.size()));
      warnings.add(
          "no address is known for "
              + String.join(", ", shown)
              + (unaddressed.size() > shown.size()
                  ? " and " + (unaddressed.size() - shown.size()) + " more"
                  : "")
              + " (Squid logged no direct connection): OpenShift documents that a dnsName Allow"
              + " does not pass the Deny 0.0.0.0/0, so add "
              + (unaddressed.size() == 1 ? "its" : "their")
              + " addresses as cidrSelector rules");
    }
    String zoneNote = null;
    if (!zones.isEmpty()) {
      zoneNote =
          "zone"
              + (zones.size() == 1 ? " " : "s ")
              + String.join(", ", zones)
              + " written as the hosts this log shows under "
              + (zones.size() == 1 ? "it" : "them")
              + ": "
              + (ovn
                  ? "a wildcard dnsName needs OVN-Kubernetes's DNSNameResolver feature and matches"
                      + " one label only"
                  : "EgressNetworkPolicy takes no wildcard names");
      notes.add(zoneNote);
    }
    dropUnsafe(allows, warnings);

    // Addresses first: with the closing Deny only they reliably let traffic through.
    List<Draft> kept = new ArrayList<>(allows.values());
    Map<Draft, String> order = new HashMap<>();
    for (Draft d : kept) {
      order.put(
          d,
          (d.selector == Selector.CIDR ? "0" : "1")
              + (d.selector == Selector.CIDR ? sortKey(d.value) : d.value));
    }
    kept.sort(Comparator.comparing(order::get));
    boolean dual = dualStack(proxies, kept);
    int room = max - proxies.size() - (dual ? 2 : 1);
    if (kept.size() > room) {
      List<Draft> busiest = new ArrayList<>(kept);
      busiest.sort(Comparator.comparingLong(Draft::requests).reversed());
      List<Draft> over = busiest.subList(Math.max(room, 0), busiest.size());
      for (Draft d : over) {
        leftOut.add(
            d.value
                + ": over the "
                + grouped(max)
                + "-rule limit of one "
                + target.kind()
                + " ("
                + d.requests()
                + " requests)");
      }
      kept.removeAll(new HashSet<>(over));
      warnings.add(
          over.size()
              + " private destinations left out (the busiest kept): the closing Deny drops"
              + " pods' direct traffic to them");
    }

    List<EgressRule> all = new ArrayList<>(proxies);
    for (Draft d : kept) {
      all.add(d.toRule(Action.ALLOW, List.of()));
    }
    all.add(
        EgressRule.of(
            Action.DENY,
            Selector.CIDR,
            "0.0.0.0/0",
            List.of(),
            "everything else leaving the cluster: internet traffic goes through the proxy"));
    if (dual) {
      all.add(
          EgressRule.of(
              Action.DENY,
              Selector.CIDR,
              "::/0",
              List.of(),
              "everything else leaving the cluster over IPv6"));
    }

    if (namespace == null) {
      notes.add(
          "replace "
              + UNKNOWN_NAMESPACE
              + " with the project's name, or pass "
              + r.names.of(Option.NAMESPACE));
    }
    if (clusterInternal > 0) {
      notes.add(
          "cluster-internal destinations get no rule: the firewall applies only to traffic"
              + " leaving the cluster");
    }
    notes.add(
        "the closing Deny also blocks API server addresses outside the cluster network: pods"
            + " that call the API need an Allow for them ('oc get ep kubernetes -n default')");
    notes.add(
        "dnsName rules are resolved by the nodes, so pods must use the same resolvers; a DNS"
            + " server outside the node needs its own Allow");
    if (ovn) {
      notes.add(
          "one EgressFirewall per project, named 'default'; 'oc apply -f' it, then 'oc get"
              + " egressfirewall -n "
              + (namespace == null ? UNKNOWN_NAMESPACE : namespace)
              + "' shows whether OVN-Kubernetes accepted it");
    } else {
      notes.add(
          "EgressNetworkPolicy takes no ports, so the proxy is allowed on every port; one per"
              + " project, and the 'default' project cannot have one");
    }
    if (r.incomplete) {
      warnings.add(
          "the destination table overflowed: private destinations beyond it get no Allow (raise "
              + r.names.of(Option.MAX_DESTINATIONS)
              + ")");
    }
    String artifact = firewallYaml(target, all, leftOut, zoneNote);
    return new Egress(
        target,
        all,
        firewallLines(all),
        artifact,
        leftOut,
        notes,
        warnings,
        List.of(),
        r.incomplete);
  }

  /** Blocks in address order (IPv4 before IPv6), so the artifact reads like a routing table. */
  private String sortKey(String text) {
    IPAddress a = block(text);
    int prefix = a.getNetworkPrefixLength();
    return (a.isIPv4() ? "4" : "6")
        + HexFormat.of().formatHex(a.getBytes())
        + '/'
        + (char) ('0' + prefix / 100)
        + (char) ('0' + prefix / 10 % 10)
        + (char) ('0' + prefix % 10);
  }

  private static String key(Selector s, String value) {
    return s.id() + " " + value;
  }

  private static Draft draft(Map<String, Draft> m, Selector s, String value, String reason) {
    return m.computeIfAbsent(key(s, value), k -> new Draft(s, value, reason));
  }

  /** The direct peers Squid logged for {@code v} that lie in a private range. */
  private List<IPAddress> privatePeers(Verdict v) {
    List<IPAddress> out = new ArrayList<>();
    for (IPAddress a : v.knownAddresses()) {
      if (rules.addressClass(a) == TrafficClass.PRIVATE_ENDPOINT) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Removes every Allow that would also let pods reach an internet destination of the log directly
   * (its address, or a direct peer Squid logged for it), with a warning. The steps before should
   * never make one; this makes sure of it.
   */
  private void dropUnsafe(Map<String, Draft> allows, List<String> warnings) {
    if (internet == null) {
      internet = new InternetIndex(r.safety.internet());
    }
    allows
        .values()
        .removeIf(
            d -> {
              Verdict v = internet.reachedBy(d.selector, d.value, this::block);
              if (v != null) {
                warnings.add(
                    "left out Allow "
                        + d.selector.id()
                        + " "
                        + d.value
                        + ": it would also let pods reach internet destination "
                        + v.host()
                        + " directly");
              }
              return v != null;
            });
  }

  /**
   * The internet destinations of the log by name and by address, so each Allow is checked with a
   * lookup rather than against every destination (a corporate log holds tens of thousands).
   */
  private static final class InternetIndex {
    private final Map<String, Verdict> byName = new HashMap<>();
    private final long[] v4;
    private final Verdict[] v4Owners;
    private final List<Map.Entry<IPAddress, Verdict>> v6 = new ArrayList<>();

    InternetIndex(List<Verdict> internet) {
      TreeMap<Long, Verdict> four = new TreeMap<>();
      for (Verdict v : internet) {
        byName.putIfAbsent(v.host().toLowerCase(Locale.ROOT), v);
        for (IPAddress a : v.knownAddresses()) {
          if (a.isIPv4()) {
            four.putIfAbsent(a.toIPv4().longValue(), v);
          } else {
            v6.add(Map.entry(a, v));
          }
        }
      }
      v4 = four.keySet().stream().mapToLong(Long::longValue).toArray();
      v4Owners = four.values().toArray(new Verdict[0]);
    }

    /** An internet destination the rule would let through, or null. */
    Verdict reachedBy(Selector selector, String value, Function<String, IPAddress> blocks) {
      if (selector == Selector.DNS_NAME) {
        return byName.get(value.toLowerCase(Locale.ROOT));
      }
      IPAddress block = blocks.apply(value);
      if (block.isIPv4()) {
        long lower = block.getLower().toIPv4().longValue();
        long upper = block.getUpper().toIPv4().longValue();
        int at = Arrays.binarySearch(v4, lower);
        int first = at >= 0 ? at : -at - 1;
        return first < v4.length && v4[first] <= upper ? v4Owners[first] : null;
      }
      for (Map.Entry<IPAddress, Verdict> e : v6) {
        if (Cidrs.contains(block, e.getKey())) {
          return e.getValue();
        }
      }
      return null;
    }
  }

  /** The Allow rules for the proxies: their address, with their port where the API has ports. */
  private List<EgressRule> proxyRules(boolean ovn, List<String> notes, List<String> warnings) {
    Map<String, EgressRule> out = new LinkedHashMap<>();
    String source =
        "the proxy ("
            + r.names.of(Option.PROXY_URL)
            + " or "
            + r.names.of(Option.PROXY_CONFIG)
            + ")";
    for (Destination p : r.settings.endpoints()) {
      List<Integer> ports = ovn && p.port() > 0 ? List.of(p.port()) : List.of();
      if (ovn && p.port() < 0) {
        notes.add(
            "the proxy URL gives no port, and clients disagree on the default: the rule allows"
                + " every port of "
                + p.host());
      }
      EgressRule rule;
      if (p.address() != null) {
        rule = EgressRule.of(Action.ALLOW, Selector.CIDR, canonicalBlock(p.host()), ports, source);
      } else {
        rule = EgressRule.of(Action.ALLOW, Selector.DNS_NAME, p.host(), ports, source);
        warnings.add(
            "the proxy is named "
                + p.host()
                + ": OpenShift documents that a dnsName Allow does not pass the Deny 0.0.0.0/0,"
                + " so replace it with the proxy's address as a cidrSelector");
      }
      out.putIfAbsent(rule.selector().id() + " " + rule.value() + " " + rule.ports(), rule);
    }
    if (out.isEmpty()) {
      notes.add(
          "proxy address unknown: replace "
              + UNKNOWN_PROXY
              + ", or pass "
              + r.names.of(Option.PROXY_URL)
              + " or "
              + r.names.of(Option.PROXY_CONFIG));
      out.put(
          "placeholder",
          EgressRule.of(
              Action.ALLOW, Selector.CIDR, UNKNOWN_PROXY, ovn ? List.of(3128) : List.of(), source));
    }
    return List.copyOf(out.values());
  }

  /** Whether anything the rules or the cluster show is IPv6: then ::/0 is denied too. */
  private boolean dualStack(List<EgressRule> proxies, List<Draft> allows) {
    for (String n : r.networks.serviceNetworks()) {
      if (n.indexOf(':') >= 0) {
        return true;
      }
    }
    for (String n : r.networks.clusterNetworks()) {
      if (n.indexOf(':') >= 0) {
        return true;
      }
    }
    for (String n : r.networks.machineNetworks()) {
      if (n.indexOf(':') >= 0) {
        return true;
      }
    }
    for (EgressRule p : proxies) {
      if (p.selector() == Selector.CIDR && p.value().indexOf(':') >= 0) {
        return true;
      }
    }
    for (Draft d : allows) {
      if (d.selector == Selector.CIDR && d.value.indexOf(':') >= 0) {
        return true;
      }
    }
    for (Verdict v : r.verdicts) {
      for (IPAddress a : v.knownAddresses()) {
        if (a.isIPv6()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String firewallLines(List<EgressRule> rules) {
    StringBuilder sb = new StringBuilder();
    for (EgressRule rule : rules) {
      sb.append(sb.length() == 0 ? "" : "\n")
          .append(rule.action().id())
          .append(' ')
          .append(rule.selector().id())
          .append(' ')
          .append(rule.value());
      for (int port : rule.ports()) {
        sb.append(" TCP/").append(port);
      }
    }
    return sb.toString();
  }

  private String firewallYaml(
      EgressTarget target, List<EgressRule> rules, List<String> leftOut, String zoneNote) {
    boolean ovn = target == EgressTarget.EGRESSFIREWALL;
    String ns = namespace == null ? UNKNOWN_NAMESPACE : namespace;
    StringBuilder sb = new StringBuilder();
    sb.append("# ")
        .append(target.kind())
        .append(" for project ")
        .append(ns)
        .append(
            ": pods may reach the proxy and the private destinations this log shows directly,"
                + " and nothing else outside the cluster. Rules apply in order, first match"
                + " wins.\n");
    if (zoneNote != null) {
      sb.append("# ").append(comment(zoneNote)).append('\n');
    }
    for (String l : leftOut) {
      sb.append("# left out: ").append(comment(l)).append('\n');
    }
    sb.append("apiVersion: ")
        .append(ovn ? "k8s.ovn.org/v1" : "network.openshift.io/v1")
        .append("\nkind: ")
        .append(target.kind())
        .append("\nmetadata:\n  name: default\n  namespace: ")
        .append(ns)
        .append("\nspec:\n  egress:\n");
    for (EgressRule rule : rules) {
      sb.append("  # ").append(comment(ruleComment(rule))).append('\n');
      sb.append("  - type: ").append(rule.action().id()).append('\n');
      sb.append("    to:\n      ")
          .append(rule.selector().id())
          .append(": ")
          .append(rule.value())
          .append('\n');
      if (!rule.ports().isEmpty()) {
        sb.append("    ports:\n");
        for (int port : rule.ports()) {
          sb.append("    - protocol: TCP\n      port: ").append(port).append('\n');
        }
      }
    }
    return sb.toString().stripTrailing();
  }

  private static String ruleComment(EgressRule rule) {
    if (rule.covers().isEmpty()) {
      return rule.reason();
    }
    String hosts =
        rule.covers().size() <= 3
            ? String.join(", ", rule.covers())
            : String.join(", ", rule.covers().subList(0, 3))
                + " and "
                + (rule.covers().size() - 3)
                + " more";
    return hosts
        + ": "
        + rule.reason()
        + ", "
        + grouped(rule.requests())
        + (rule.requests() == 1 ? " request" : " requests");
  }

  /** {@code 1234567} as {@code 1,234,567}, as {@code %,d} in the root locale writes it. */
  static String grouped(long n) {
    String digits = Long.toString(n);
    int sign = n < 0 ? 1 : 0;
    int len = digits.length() - sign;
    if (len <= 3) {
      return digits;
    }
    StringBuilder sb = new StringBuilder(digits.length() + len / 3);
    sb.append(digits, 0, sign + (len % 3 == 0 ? 3 : len % 3));
    for (int i = sb.length(); i < digits.length(); i += 3) {
      sb.append(',').append(digits, i, i + 3);
    }
    return sb.toString();
  }

  /** Text made safe for one YAML comment line: no line breaks or other control characters. */
  private static String comment(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- the egress router

  private Egress router() {
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    Map<String, Draft> denies = new LinkedHashMap<>();
    for (Candidates.Candidate c : r.candidates.values()) {
      NoProxyEntry e = c.entry;
      String line;
      Selector s;
      if (e.kind() == NoProxyEntry.Kind.CIDR) {
        line = e.value();
        s = Selector.CIDR;
      } else if (e.kind() == NoProxyEntry.Kind.DOMAIN_SUFFIX || c.zone) {
        String zone = e.value().startsWith(".") ? e.value().substring(1) : e.value();
        line = "*." + zone;
        s = Selector.DOMAIN;
      } else if (c.verdicts.get(0).isIpLiteral()) {
        line = e.value();
        s = Selector.CIDR;
      } else {
        line = e.value();
        s = Selector.DNS_NAME;
      }
      String bare = line.startsWith("*.") ? line.substring(2) : line;
      if (s != Selector.CIDR && !ROUTER_HOST.matcher(bare).matches()) {
        leftOut.add(line + ": not a name the egress router accepts");
        continue;
      }
      Draft d = draft(denies, s, line, c.reason);
      c.verdicts.forEach(v -> d.verdicts.put(v.host(), v));
    }
    List<EgressRule> all = new ArrayList<>();
    for (Draft d : denies.values()) {
      all.add(d.toRule(Action.DENY, List.of()));
    }
    if (allowOnlySeen) {
      long squidDenied = 0;
      Map<String, Draft> allows = new LinkedHashMap<>();
      for (Verdict v : r.safety.internet()) {
        if (v.stats().requests() == v.stats().deniedRequests()) {
          squidDenied++;
          continue;
        }
        if (!v.isIpLiteral() && !ROUTER_HOST.matcher(v.host()).matches()) {
          leftOut.add(v.host() + ": not a name the egress router accepts");
          continue;
        }
        Selector s = v.isIpLiteral() ? Selector.CIDR : Selector.DNS_NAME;
        draft(allows, s, v.host(), v.reason()).verdicts.put(v.host(), v);
      }
      for (Draft d : allows.values()) {
        all.add(d.toRule(Action.ALLOW, List.of()));
      }
      notes.add(
          "without a last line '*' the router denies every destination not listed: only the"
              + " internet destinations this log shows are allowed");
      if (squidDenied > 0) {
        notes.add(
            squidDenied
                + " internet destinations Squid denied every time are not allowed here either");
      }
      if (allows.isEmpty()) {
        warnings.add("the log shows no internet destination: the router would allow nothing");
      }
    } else {
      all.add(
          EgressRule.of(Action.ALLOW, Selector.ANY, "*", List.of(), "everything not denied above"));
      notes.add(
          "the last line '*' allows every destination not denied; pass "
              + r.names.of(Option.ALLOW_ONLY_SEEN)
              + " to allow only the internet destinations this log shows");
    }
    notes.add(
        "the private destinations are denied: pods should reach them directly (NO_PROXY), never"
            + " through the router");
    notes.add(
        "set it on the egress-router-proxy container (image ose-egress-http-proxy), or in a"
            + " ConfigMap; the router reads it only at start: restart the pod after a change");
    if (r.incomplete) {
      warnings.add(
          "the destination table overflowed: private destinations beyond it are not denied"
              + " (raise "
              + r.names.of(Option.MAX_DESTINATIONS)
              + ")");
    }
    List<String> errors = new ArrayList<>();
    if (all.isEmpty()) {
      errors.add(
          "nothing to allow or deny: the router refuses an empty EGRESS_HTTP_PROXY_DESTINATION");
    }
    StringBuilder value = new StringBuilder();
    for (EgressRule rule : all) {
      value.append(value.length() == 0 ? "" : "\n");
      value.append(rule.action() == Action.DENY ? "!" : "").append(rule.value());
    }
    StringBuilder artifact = new StringBuilder();
    artifact.append(
        "# The egress router's http-proxy container: one destination per line, '!' denies,"
            + " first match wins; a last line '*' allows everything not denied, without it"
            + " everything not allowed is denied.\n");
    for (String l : leftOut) {
      artifact.append("# left out: ").append(comment(l)).append('\n');
    }
    artifact.append("- name: EGRESS_HTTP_PROXY_DESTINATION\n  value: |\n");
    for (String l : value.toString().split("\n", -1)) {
      artifact.append("    ").append(l).append('\n');
    }
    return new Egress(
        EgressTarget.EGRESS_ROUTER_PROXY,
        all,
        value.toString(),
        artifact.toString().stripTrailing(),
        leftOut,
        notes,
        warnings,
        errors,
        r.incomplete);
  }
}
