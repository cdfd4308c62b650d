package io.squidlens.classify;

import inet.ipaddr.IPAddress;
import io.squidlens.aggregate.DestinationStats;
import io.squidlens.classify.Classification.Basis;
import io.squidlens.classify.Classification.SuffixPolicy;
import io.squidlens.dns.HostResolver;
import io.squidlens.dns.HostResolver.Resolution;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import io.squidlens.net.PublicSuffixes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Decides where a destination really goes. Evidence is weighed in a fixed order: an IP literal's
 * address rules; name rules; the peer address Squid logged for a direct connection; the hosts file;
 * well-known public names; DNS. The first conclusive step decides. Results are cached per (host,
 * port, peer), so the cost grows with distinct destinations, not with log size. Thread-safe. Made
 * by the analyzer; used by follow mode and the benchmarks.
 */
public final class TrafficClassifier {
  private final ClassifierRules rules;
  private final HostResolver hostsFile;
  private final HostResolver dns;
  private final ConcurrentHashMap<Key, Classification> cache = new ConcurrentHashMap<>();

  private record Key(String host, int port, List<String> peers) {}

  /**
   * Creates a classifier.
   *
   * @param hostsFile answers from a hosts file (a worker's /etc/hosts), or a disabled resolver
   * @param dns answers from DNS, or a disabled resolver
   */
  public TrafficClassifier(ClassifierRules rules, HostResolver hostsFile, HostResolver dns) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.hostsFile = Objects.requireNonNull(hostsFile, "hostsFile");
    this.dns = Objects.requireNonNull(dns, "dns");
  }

  /** The rules in force. */
  public ClassifierRules rules() {
    return rules;
  }

  /** Classifies every destination and folds its ports into one verdict per host, sorted by host. */
  public List<Verdict> verdicts(List<DestinationStats> destinations) {
    return Verdicts.of(destinations, this);
  }

  /**
   * Classifies a destination.
   *
   * @param peers the direct peer addresses Squid logged for it (empty when none)
   */
  public Classification classify(Destination destination, List<String> peers) {
    Key key = new Key(destination.host(), destination.port(), List.copyOf(peers));
    Classification c = cache.get(key);
    if (c == null) {
      c = compute(destination, key.peers(), null);
      Classification raced = cache.putIfAbsent(key, c);
      if (raced != null) {
        c = raced;
      }
    }
    return c;
  }

  /** Whether deciding this destination may need DNS (so callers can resolve ahead, in bulk). */
  public boolean mayNeedDns(Destination destination, List<String> peers) {
    if (destination.isIpLiteral()
        || rules.name(destination.host()) != null
        || (destination.isValidName() && !PublicSuffixes.hasPublicSuffix(destination.host()))) {
      return false;
    }
    for (String p : peers) {
      if (Destination.parseLiteral(p) != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Classifies a destination and records every step of the reasoning ({@code squidlens explain}).
   * Not cached: the evidence list is built only when someone asks for it.
   */
  public Classification explain(Destination destination, List<String> peers) {
    return compute(destination, List.copyOf(peers), new ArrayList<>());
  }

  /**
   * Decides; {@code ev} receives the reasoning when not null. Batch analysis passes null, so
   * thousands of destinations cost no evidence strings.
   */
  private Classification compute(Destination d, List<String> peers, List<String> trail) {
    Evidence ev = new Evidence(trail);
    String host = d.host();
    if (d.isIpLiteral()) {
      ev.add(() -> host + " is an IP literal: address rules decide");
      AddressRule r = rules.address(d.address());
      if (r == null) {
        ev.add(() -> "no private or cluster range contains " + host + ": public address");
        return new Classification(
            TrafficClass.INTERNET,
            "public address " + host,
            Basis.ADDRESS,
            null,
            null,
            SuffixPolicy.NEVER,
            ev.list());
      }
      ev.add(() -> "address rule: " + r.label() + " -> " + r.destinationClass());
      return new Classification(
          r.destinationClass(),
          r.label(),
          Basis.ADDRESS,
          r.aggregate() ? r.cidr() : null,
          null,
          SuffixPolicy.NEVER,
          ev.list());
    }

    NameTrie.Match m = rules.name(host);
    String publicReason = null;
    if (m != null && m.rule().destinationClass() != TrafficClass.INTERNET) {
      NameRule r = m.rule();
      String zone = m.zone();
      ev.add(
          () ->
              "name rule: "
                  + host
                  + (m.apex() ? " is the zone " + zone : " is under ." + zone)
                  + ": "
                  + r.label()
                  + " -> "
                  + r.destinationClass());
      return new Classification(
          r.destinationClass(),
          nameReason(r, host, zone),
          Basis.NAME,
          null,
          zone,
          r.policy(),
          ev.list());
    }
    if (m != null) {
      publicReason = m.rule().label();
      ev.add(
          () ->
              "name rule: " + m.rule().label() + " (decided only if nothing shows a private path)");
    } else {
      ev.add(() -> "name rules: no private or cluster zone contains " + host);
    }
    // A name under no public suffix (db.corp, my-service.my-namespace) resolves only inside
    // some private network: it cannot be an internet destination, whatever else is unknown.
    boolean unlisted = m == null && d.isValidName() && !PublicSuffixes.hasPublicSuffix(host);
    if (unlisted) {
      ev.add(
          () ->
              "public suffix: "
                  + host
                  + " ends in no public suffix (Public Suffix List), so it is not an internet"
                  + " name");
    }

    String publicPeer = null;
    if (peers.isEmpty()) {
      ev.add(
          () ->
              "peer: Squid logged no direct connection (denied, served from cache, or via a parent)");
    }
    for (String peer : peers) {
      IPAddress pa = Destination.parseLiteral(peer);
      if (pa == null) {
        ev.add(() -> "peer: Squid logged " + peer + ", not an address");
        continue;
      }
      if (Cidrs.unmap(pa).isLoopback()) {
        // The proxy's own loopback: where Squid went on its host says nothing about a client's
        // path (a local forwarder, or a hosts entry on the proxy).
        ev.add(() -> "peer: " + peer + " is the proxy host's own loopback, no evidence either way");
        continue;
      }
      AddressRule r = rules.address(pa);
      if (r != null && r.destinationClass().bypassesProxy()) {
        String reason = "logged peer " + peer + " is in " + r.label();
        ev.add(() -> "peer: " + reason + " -> " + r.destinationClass());
        return new Classification(
            r.destinationClass(), reason, Basis.PEER, null, null, SuffixPolicy.NEVER, ev.list());
      }
      if (publicPeer == null) {
        publicPeer = peer;
      }
      ev.add(() -> "peer: Squid connected to public address " + peer);
    }

    Resolution hosts = hostsFile.resolve(host);
    Classification fromHosts = fromAddresses(hosts, host, Basis.HOSTS_FILE, "hosts file", ev);
    if (fromHosts != null && (fromHosts.destinationClass().bypassesProxy() || !unlisted)) {
      return fromHosts;
    }
    if (unlisted) {
      return unlisted(host, ev);
    }
    if (publicReason != null) {
      String reason = publicReason;
      ev.add(() -> "decision: " + reason + " -> internet");
      return new Classification(
          TrafficClass.INTERNET,
          publicReason,
          Basis.NAME,
          null,
          null,
          SuffixPolicy.NEVER,
          ev.list());
    }
    if (publicPeer != null) {
      String reason = "Squid reached it at public address " + publicPeer;
      ev.add(() -> "decision: " + reason + " -> internet");
      return new Classification(
          TrafficClass.INTERNET, reason, Basis.PEER, null, null, SuffixPolicy.NEVER, ev.list());
    }
    Resolution r = dns.resolve(host);
    Classification fromDns = fromAddresses(r, host, Basis.DNS, "DNS", ev);
    if (fromDns != null) {
      return fromDns;
    }
    String why = "no evidence of a private destination";
    ev.add(() -> "default: " + why + " -> internet");
    return new Classification(
        TrafficClass.INTERNET, why, Basis.DEFAULT, null, null, SuffixPolicy.NEVER, ev.list());
  }

  /**
   * A name under no public suffix: a Kubernetes service by shape ({@code service.namespace}, two
   * DNS labels) is cluster-internal, anything else a private endpoint.
   */
  private static Classification unlisted(String host, Evidence ev) {
    int dot = host.indexOf('.');
    boolean serviceShape =
        dot > 0
            && host.indexOf('.', dot + 1) < 0
            && dnsLabel(host, 0, dot)
            && dnsLabel(host, dot + 1, host.length())
            && !PRIVATE_TOP_LABELS.contains(host.substring(dot + 1));
    TrafficClass c = serviceShape ? TrafficClass.CLUSTER_INTERNAL : TrafficClass.PRIVATE_ENDPOINT;
    String reason =
        serviceShape
            ? "no public suffix, and shaped like a Kubernetes service name (service.namespace)"
            : "no public suffix (Public Suffix List): a name only a private network resolves";
    ev.add(() -> "decision: " + reason + " -> " + c);
    return new Classification(c, reason, Basis.NAME, null, null, SuffixPolicy.NEVER, ev.list());
  }

  /**
   * Top-level labels that private networks use for their own DNS (RFC 6762's local, ICANN's
   * reserved internal, and the names its name-collision study found most used): a name under one is
   * a private network's, not a Kubernetes service.namespace.
   */
  private static final java.util.Set<String> PRIVATE_TOP_LABELS =
      java.util.Set.of(
          "local", "internal", "corp", "home", "lan", "intranet", "private", "localdomain");

  /** Whether {@code s[from, to)} is a DNS-1123 label (what a Kubernetes name may be). */
  private static boolean dnsLabel(String s, int from, int to) {
    if (to - from < 1 || to - from > 63 || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private Classification fromAddresses(
      Resolution r, String host, Basis basis, String source, Evidence ev) {
    switch (r.status()) {
      case RESOLVED -> {
        for (IPAddress a : r.addresses()) {
          AddressRule rule = rules.address(a);
          if (rule != null && rule.destinationClass().bypassesProxy()) {
            String reason =
                r.detail()
                    + " maps "
                    + host
                    + " to "
                    + a.toCanonicalString()
                    + " ("
                    + rule.label()
                    + ")";
            ev.add(() -> source + ": " + reason + " -> " + rule.destinationClass());
            return new Classification(
                rule.destinationClass(), reason, basis, null, null, SuffixPolicy.NEVER, ev.list());
          }
        }
        String reason =
            r.detail()
                + " maps "
                + host
                + " to public address "
                + r.addresses().get(0).toCanonicalString();
        ev.add(() -> source + ": " + reason + " -> internet");
        return new Classification(
            TrafficClass.INTERNET, reason, basis, null, null, SuffixPolicy.NEVER, ev.list());
      }
      case NOT_FOUND -> ev.add(() -> source + ": " + host + " not found (" + r.detail() + ")");
      case FAILED -> ev.add(() -> source + ": no answer for " + host + " (" + r.detail() + ")");
      case SKIPPED -> ev.add(() -> source + ": not consulted (" + r.detail() + ")");
    }
    return null;
  }

  /** The reasoning trail: a no-op in batch mode, so no strings are built for it there. */
  private static final class Evidence {
    private final List<String> steps;

    Evidence(List<String> steps) {
      this.steps = steps;
    }

    void add(Supplier<String> step) {
      if (steps != null) {
        steps.add(step.get());
      }
    }

    List<String> list() {
      return steps == null ? List.of() : steps;
    }
  }

  private static String nameReason(NameRule r, String host, String zone) {
    if (r.pattern().equals("svc")) {
      return "name under .svc";
    }
    if (r.pattern().equals("cluster.local")) {
      return "name under .cluster.local";
    }
    if (host.equals(zone)) {
      return r.label();
    }
    return r.label() + " (" + zone + ")";
  }
}
