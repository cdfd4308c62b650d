package io.squidlens;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import io.squidlens.Analyzer.FirewallCheck;
import io.squidlens.Analyzer.FirewallCheck.Outcome;
import io.squidlens.base.BadValueException;
import io.squidlens.base.InputException;
import io.squidlens.base.SmallFiles;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import io.squidlens.recommend.Recommendations.Action;
import io.squidlens.recommend.Recommendations.EgressRule;
import io.squidlens.recommend.Recommendations.Match;
import io.squidlens.recommend.Recommendations.Selector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads an EgressFirewall or EgressNetworkPolicy ({@code oc get ... -o yaml}, or the file about to
 * be applied) and tests it against the log the way {@code check --no-proxy} tests a list: which
 * logged destinations pods could reach directly and which the rules drop. Stateless.
 */
final class EgressFirewallCheck {
  private static final Pattern DNS_NAME =
      Pattern.compile("^(\\*\\.)?([A-Za-z0-9-]+\\.)*[A-Za-z0-9-]+\\.?$");

  private EgressFirewallCheck() {}

  /** One firewall object as read. */
  /**
   * One firewall object as read.
   *
   * @param inert the numbers (from 1) of rules proxied TCP traffic never matches: nodeSelector
   *     rules, whose nodes the log cannot show, and rules for UDP or SCTP ports only
   */
  record Policy(
      String kind,
      String name,
      String namespace,
      List<EgressRule> rules,
      Set<Integer> inert,
      List<String> notes) {}

  /**
   * Reads the object in {@code file}.
   *
   * @param option how the user named the file, for messages
   * @throws InputException naming the file when it cannot be read
   * @throws BadValueException naming the file and the rule that cannot be used
   */
  static Policy read(Path file, String option) throws InputException {
    String what = option + " " + file;
    JsonNode root = SmallFiles.readObject(file, option);
    String kind = root.path("kind").asText();
    BadValueException.require(
        kind.equals("EgressFirewall") || kind.equals("EgressNetworkPolicy"),
        "%s: kind '%s': expected EgressFirewall or EgressNetworkPolicy",
        what,
        kind);
    JsonNode egress = root.path("spec").path("egress");
    BadValueException.require(
        egress.isArray() && egress.size() > 0, "%s: spec.egress holds no rules", what);
    List<EgressRule> rules = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<Integer> inert = new TreeSet<>();
    for (int i = 0; i < egress.size(); i++) {
      String at = what + ": spec.egress[" + i + "]";
      rules.add(rule(egress.get(i), at, kind, notes, inert, i + 1));
    }
    return new Policy(
        kind,
        root.path("metadata").path("name").asText(""),
        root.path("metadata").path("namespace").asText(""),
        rules,
        inert,
        notes);
  }

  private static EgressRule rule(
      JsonNode n, String at, String kind, List<String> notes, Set<Integer> inert, int no) {
    String type = n.path("type").asText();
    BadValueException.require(
        type.equals("Allow") || type.equals("Deny"),
        "%s: type '%s': expected Allow or Deny",
        at,
        type);
    Action action = type.equals("Allow") ? Action.ALLOW : Action.DENY;
    JsonNode to = n.path("to");
    int given = 0;
    for (Iterator<String> it = to.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      BadValueException.require(
          f.equals("cidrSelector") || f.equals("dnsName") || f.equals("nodeSelector"),
          "%s: to.%s: expected cidrSelector, dnsName or nodeSelector",
          at,
          f);
      given++;
    }
    BadValueException.require(
        given == 1, "%s: 'to' must hold exactly one of cidrSelector, dnsName, nodeSelector", at);
    List<Integer> ports = new ArrayList<>();
    boolean tcp = true;
    JsonNode ps = n.path("ports");
    if (!ps.isMissingNode() && !ps.isNull()) {
      BadValueException.require(
          kind.equals("EgressFirewall"), "%s: ports: EgressNetworkPolicy takes no ports", at);
      BadValueException.require(ps.isArray(), "%s: ports: expected a list", at);
      tcp = false;
      for (JsonNode p : ps) {
        int port = p.path("port").asInt(-1);
        BadValueException.require(
            port >= 1 && port <= 65535,
            "%s: ports: port '%s': expected 1-65535",
            at,
            p.path("port"));
        String protocol = p.path("protocol").asText("TCP");
        BadValueException.require(
            protocol.equals("TCP") || protocol.equals("UDP") || protocol.equals("SCTP"),
            "%s: ports: protocol '%s': expected TCP, UDP or SCTP",
            at,
            protocol);
        if (protocol.equals("TCP")) {
          ports.add(port);
          tcp = true;
        }
      }
    }
    if (to.has("nodeSelector")) {
      notes.add(
          "rule "
              + no
              + " (nodeSelector) is not evaluated: the log does not show which nodes carry the"
              + " labels");
      inert.add(no);
      return EgressRule.of(
          action, Selector.NODES, to.path("nodeSelector").toString(), ports, "rule " + no);
    }
    if (!tcp) {
      notes.add("rule " + no + " names only UDP or SCTP ports: proxied traffic never matches it");
      inert.add(no);
    }
    if (to.has("cidrSelector")) {
      String cidr = to.path("cidrSelector").asText();
      BadValueException.require(
          cidr.contains("/") && isBlock(cidr), "%s: cidrSelector '%s': not a CIDR block", at, cidr);
      return EgressRule.of(action, Selector.CIDR, cidr, ports, "rule " + no);
    }
    String name = to.path("dnsName").asText();
    BadValueException.require(
        DNS_NAME.matcher(name).matches(), "%s: dnsName '%s': not a DNS name", at, name);
    BadValueException.require(
        !name.startsWith("*.") || kind.equals("EgressFirewall"),
        "%s: dnsName '%s': EgressNetworkPolicy takes no wildcard names",
        at,
        name);
    return EgressRule.of(action, Selector.DNS_NAME, name, ports, "rule " + no);
  }

  /** Whether {@code cidr} is a block as the API server parses one: a full address, a prefix. */
  private static boolean isBlock(String cidr) {
    int slash = cidr.indexOf('/');
    String prefix = cidr.substring(slash + 1);
    IPAddress a = Destination.parseLiteral(cidr.substring(0, slash));
    if (a == null
        || prefix.isEmpty()
        || prefix.length() > 3
        || !prefix.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return Integer.parseInt(prefix) <= a.getBitCount();
  }

  /**
   * Tests {@code p} against the proxies and every logged destination.
   *
   * @param verdicts the logged destinations, or null when no log was given
   */
  static FirewallCheck run(
      Policy p,
      String file,
      List<Verdict> verdicts,
      ClassifierRules rules,
      List<Destination> proxies) {
    List<EgressRule.Matcher> matchers = new ArrayList<>();
    List<Match> forInternetNames = new ArrayList<>();
    int no = 0;
    for (EgressRule r : p.rules()) {
      matchers.add(p.inert().contains(++no) ? null : r.matcher());
      forInternetNames.add(internetName(r, rules));
    }
    List<FirewallCheck.Row> rows = new ArrayList<>();
    for (Verdict v : verdicts == null ? List.<Verdict>of() : verdicts) {
      List<IPAddress> addresses = v.knownAddresses();
      List<Integer> ports = v.ports().isEmpty() ? List.of(-1) : v.ports();
      for (int port : ports) {
        rows.add(
            row(
                p,
                matchers,
                forInternetNames,
                v.host(),
                addresses,
                port,
                v.destinationClass(),
                v.stats().requests()));
      }
    }
    List<FirewallCheck.Row> proxyRows = new ArrayList<>();
    for (Destination proxy : proxies) {
      IPAddress a = proxy.address();
      FirewallCheck.Row r =
          row(
              p,
              matchers,
              forInternetNames,
              proxy.host(),
              a == null ? List.of() : List.of(Cidrs.unmap(a)),
              proxy.port(),
              null,
              0);
      proxyRows.add(r);
    }
    List<String> notes = new ArrayList<>(p.notes());
    notes.add(
        "the rules bind pods only: host-network pods and the nodes themselves (CRI-O's image"
            + " pulls, the kubelet) are not filtered, so a destination only they reach is not"
            + " broken by a Deny");
    return new FirewallCheck(
        file,
        p.kind(),
        p.name(),
        p.namespace(),
        p.rules(),
        notes,
        proxyRows,
        rows,
        verdicts != null);
  }

  /** The first rule that decides a connection, and what that means for this destination. */
  private static FirewallCheck.Row row(
      Policy p,
      List<EgressRule.Matcher> matchers,
      List<Match> forInternetNames,
      String host,
      List<IPAddress> addresses,
      int port,
      TrafficClass c,
      long requests) {
    if (c == TrafficClass.CLUSTER_INTERNAL) {
      return new FirewallCheck.Row(host, port, c, requests, Outcome.NOT_APPLICABLE, 0, null);
    }
    // A rule the log cannot decide (a CIDR and a name without a known address) leaves two
    // paths: it matches, or evaluation goes on. The outcome is known when every path agrees.
    int i = 0;
    int firstUnknown = 0;
    boolean mayAllow = false;
    boolean mayBlock = false;
    for (EgressRule r : p.rules()) {
      i++;
      EgressRule.Matcher matcher = matchers.get(i - 1);
      if (matcher == null) {
        continue; // inert
      }
      Match m = matcher.match(host, addresses, port);
      if (m == Match.UNKNOWN && c == TrafficClass.INTERNET && addresses.isEmpty()) {
        m = forInternetNames.get(i - 1);
      }
      if (m == Match.NO) {
        continue;
      }
      boolean allow = r.action() == Action.ALLOW;
      mayAllow |= allow;
      mayBlock |= !allow;
      if (m == Match.UNKNOWN) {
        firstUnknown = firstUnknown == 0 ? i : firstUnknown;
        continue;
      }
      return decided(host, port, c, requests, mayAllow, mayBlock, i, firstUnknown);
    }
    mayAllow = true;
    return decided(host, port, c, requests, mayAllow, mayBlock, 0, firstUnknown);
  }

  private static FirewallCheck.Row decided(
      String host,
      int port,
      TrafficClass c,
      long requests,
      boolean mayAllow,
      boolean mayBlock,
      int rule,
      int firstUnknown) {
    if (mayAllow && mayBlock) {
      return new FirewallCheck.Row(host, port, c, requests, Outcome.UNKNOWN, firstUnknown, null);
    }
    Outcome o = mayAllow ? Outcome.ALLOWED : Outcome.BLOCKED;
    return new FirewallCheck.Row(host, port, c, requests, o, rule, problem(c, o));
  }

  /**
   * A CIDR rule and an internet name the log shows no address for: a private block cannot hold it
   * (a private address would have made it private), the IPv4 default route holds it (a name without
   * an IPv4 address is rare enough to say so instead in the notes), anything else is unknown.
   */
  private static Match internetName(EgressRule r, ClassifierRules rules) {
    if (r.selector() != Selector.CIDR) {
      return Match.UNKNOWN;
    }
    IPAddress block = Cidrs.parse(r.value());
    if (block.isIPv4() && block.getNetworkPrefixLength() == 0) {
      return Match.YES;
    }
    boolean inPrivate =
        Cidrs.isPrivate(block)
            || (rules != null
                && rules.addressClass(block.getLower()).bypassesProxy()
                && rules.addressClass(block.getUpper()).bypassesProxy());
    return inPrivate ? Match.NO : Match.UNKNOWN;
  }

  private static String problem(TrafficClass c, Outcome o) {
    if (c == null) {
      return o == Outcome.BLOCKED
          ? "the proxy itself is blocked: every proxied request fails"
          : null;
    }
    if (c == TrafficClass.PRIVATE_ENDPOINT && o == Outcome.BLOCKED) {
      return "private destination blocked: pods that reach it directly (NO_PROXY) are dropped";
    }
    if (c == TrafficClass.INTERNET && o == Outcome.ALLOWED) {
      return "internet destination allowed directly: pods can reach it around the proxy";
    }
    return null;
  }
}
