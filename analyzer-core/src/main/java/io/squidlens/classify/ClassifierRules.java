package io.squidlens.classify;

import inet.ipaddr.IPAddress;
import io.squidlens.base.BadValueException;
import io.squidlens.base.Option;
import io.squidlens.classify.Classification.SuffixPolicy;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import io.squidlens.net.PublicSuffixes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The address and name rules for one cluster: built-in catalogs for its profile plus its own
 * networks and domains. Immutable and thread-safe. Made by the analyzer; used by the classifier and
 * the safety check.
 */
public final class ClassifierRules {
  /*
   * Implementation notes.
   *
   * Address rules go into a CidrTable (longest prefix wins), so the catch-all RFC 1918 blocks
   * (aggregate=false: "private, but not known to be this cluster's") are overridden by the more
   * specific cluster, ROKS and IBM ranges inside them. Cluster networks are added last so a user
   * network equal to a built-in block replaces its label.
   *
   * Name rules go into a NameTrie (deepest zone wins). Private rules and a catalogue of
   * well-known public services share the trie, so the public COS endpoint
   * s3.<r>.cloud-object-storage.appdomain.cloud (internet) and the direct one
   * s3.direct.<r>.cloud-object-storage.appdomain.cloud (private) are told apart by depth. Broad
   * zones (appdomain.cloud, containers.appdomain.cloud, lb.appdomain.cloud) have no rule at all:
   * names under them are decided by peer, hosts file or DNS evidence.
   */

  private final Profile profile;
  private final ClusterNetworks networks;
  private final List<String> privateDomains;
  private final CidrTable<AddressRule> addresses;
  private final NameTrie names = new NameTrie();
  private final List<NameRule> nameRules = new ArrayList<>();

  private ClassifierRules(
      Profile profile,
      ClusterNetworks networks,
      List<String> privateDomains,
      List<String> ingressDomains,
      Option.Names options) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.networks = Objects.requireNonNull(networks, "networks");
    this.privateDomains = List.copyOf(privateDomains);
    this.addresses = buildAddresses(profile, networks);
    buildNames(profile, privateDomains, ingressDomains, options);
  }

  /**
   * Builds the rules.
   *
   * @param networks the cluster's networks, already completed with defaults
   * @param privateDomains extra zones to treat as private endpoints ({@code --private-domain})
   * @param ingressDomains the cluster's own ingress subdomains ({@code --ingress-domain})
   * @throws IllegalArgumentException naming a domain that is not a DNS name
   */
  public static ClassifierRules of(
      Profile profile,
      ClusterNetworks networks,
      List<String> privateDomains,
      List<String> ingressDomains) {
    return of(profile, networks, privateDomains, ingressDomains, Option.Names.keys());
  }

  /**
   * Builds the rules, naming the zone options in evidence as {@code options} spells them.
   *
   * @throws BadValueException naming a zone that cannot be used
   */
  public static ClassifierRules of(
      Profile profile,
      ClusterNetworks networks,
      List<String> privateDomains,
      List<String> ingressDomains,
      Option.Names options) {
    return new ClassifierRules(
        profile, networks, normalizeZones(privateDomains), normalizeZones(ingressDomains), options);
  }

  private static List<String> normalizeZones(List<String> zones) {
    List<String> out = new ArrayList<>();
    for (String z : zones) {
      String problem = zoneProblem(z);
      BadValueException.require(problem == null, "zone '%s': %s", z, problem);
      out.add(normalizeZone(z));
    }
    return List.copyOf(out);
  }

  /** A zone as given ({@code *.corp.example}, {@code .corp.example.}) in its plain form. */
  static String normalizeZone(String zone) {
    String s = zone.strip().toLowerCase(Locale.ROOT);
    while (s.startsWith("*.") || s.startsWith(".")) {
      s = s.substring(s.startsWith("*.") ? 2 : 1);
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /**
   * Why {@code zone} cannot be declared private ({@code --private-domain}) or the cluster's own
   * ({@code --ingress-domain}), or null when it can: it must be a DNS name of at least two labels
   * that is not a public suffix, does not lie above one and is no provider's shared zone, because
   * every name under it would then be exempted from the proxy.
   */
  public static String zoneProblem(String zone) {
    String s = normalizeZone(zone);
    if (s.isEmpty() || !Destination.of(s, -1).isValidName() || !s.contains(".")) {
      return "not a DNS zone (expected a name such as corp.example.com)";
    }
    String broad = PublicSuffixes.broadZone(s, PublicSuffixes.Seen.none());
    return broad == null ? null : "too broad: " + broad;
  }

  private static CidrTable<AddressRule> buildAddresses(Profile profile, ClusterNetworks n) {
    CidrTable.Builder<AddressRule> t = CidrTable.builder();
    TrafficClass pe = TrafficClass.PRIVATE_ENDPOINT;
    TrafficClass ci = TrafficClass.CLUSTER_INTERNAL;
    for (String c : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")) {
      put(t, c, pe, "RFC 1918 private range " + c + ", not a configured cluster network", false);
    }
    put(t, "100.64.0.0/10", pe, "RFC 6598 shared address space 100.64.0.0/10", false);
    put(t, "fc00::/7", pe, "IPv6 unique local range fc00::/7", false);
    put(t, "169.254.0.0/16", ci, "link-local range 169.254.0.0/16 (node-local)", false);
    put(t, "fe80::/10", ci, "IPv6 link-local range fe80::/10 (node-local)", false);
    put(t, "127.0.0.0/8", ci, "loopback 127.0.0.0/8", false);
    put(t, "::1/128", ci, "IPv6 loopback ::1", false);
    put(t, "169.254.169.254/32", pe, "instance metadata service 169.254.169.254", false);
    if (profile.ibmCloud()) {
      for (String c : List.of("172.16.0.0/16", "172.18.0.0/16", "172.19.0.0/16")) {
        put(t, c, ci, "ROKS reserved range " + c + " (control plane)", true);
      }
      put(
          t,
          "172.20.0.0/16",
          ci,
          "ROKS reserved range 172.20.0.0/16 (node-local API server and registry proxies)",
          true);
      put(t, "169.254.2.0/24", ci, "ROKS local registry proxy range 169.254.2.0/24", true);
      put(t, "161.26.0.0/16", pe, "IBM Cloud service network 161.26.0.0/16", true);
      put(t, "166.8.0.0/14", pe, "IBM Cloud service endpoint range 166.8.0.0/14", true);
    }
    for (String c : n.machineNetworks()) {
      put(t, c, ci, "machine network " + c + " (nodes)", true);
    }
    for (String c : n.clusterNetworks()) {
      put(t, c, ci, "pod network " + c, true);
    }
    for (String c : n.serviceNetworks()) {
      put(t, c, ci, "service network " + c, true);
    }
    return t.build();
  }

  private static void put(
      CidrTable.Builder<AddressRule> t,
      String cidr,
      TrafficClass c,
      String label,
      boolean aggregate) {
    t.put(cidr, new AddressRule(cidr, c, label, aggregate));
  }

  private void buildNames(
      Profile p, List<String> privateDomains, List<String> ingressDomains, Option.Names options) {
    TrafficClass ci = TrafficClass.CLUSTER_INTERNAL;
    TrafficClass pe = TrafficClass.PRIVATE_ENDPOINT;
    TrafficClass in = TrafficClass.INTERNET;
    name("localhost", ci, "loopback name localhost", true, true, SuffixPolicy.NEVER);
    name("svc", ci, "name under .svc (a Kubernetes service)", false, true, SuffixPolicy.ALWAYS);
    name(
        "cluster.local",
        ci,
        "name under .cluster.local (the cluster DNS domain)",
        true,
        true,
        SuffixPolicy.ALWAYS);
    for (String k : List.of("kubernetes", "kubernetes.default")) {
      name(k, ci, "Kubernetes API service name " + k, true, false, SuffixPolicy.NEVER);
    }
    if (p.ibmCloud()) {
      name(
          "icr.io",
          pe,
          "IBM Cloud Container Registry: ROKS workers reach icr.io privately (node-local proxy"
              + " or VPE), whatever public DNS says",
          true,
          true,
          SuffixPolicy.WHEN_SHARED);
      String deprecated = "deprecated IBM Cloud registry name, mapped like icr.io on ROKS workers";
      name("registry.bluemix.net", pe, deprecated, true, false, SuffixPolicy.NEVER);
      name("registry.*.bluemix.net", pe, deprecated, true, false, SuffixPolicy.NEVER);
      name(
          "s3.direct.*.cloud-object-storage.appdomain.cloud",
          pe,
          "IBM Cloud Object Storage direct endpoint (VPC)",
          true,
          true,
          SuffixPolicy.WHEN_SHARED);
      name(
          "s3.private.*.cloud-object-storage.appdomain.cloud",
          pe,
          "IBM Cloud Object Storage private endpoint (classic)",
          true,
          true,
          SuffixPolicy.WHEN_SHARED);
      for (String c : List.of("direct", "private")) {
        name(
            "config." + c + ".cloud-object-storage.cloud.ibm.com",
            pe,
            "IBM Cloud Object Storage configuration API " + c + " endpoint",
            true,
            false,
            SuffixPolicy.NEVER);
      }
      name(
          "private.*.containers.cloud.ibm.com",
          pe,
          "cluster master private service endpoint",
          true,
          true,
          SuffixPolicy.WHEN_SHARED);
      name(
          "vpe.private.*.containers.cloud.ibm.com",
          pe,
          "cluster master virtual private endpoint (VPE)",
          true,
          true,
          SuffixPolicy.WHEN_SHARED);
      name(
          "*.private.iaas.cloud.ibm.com",
          pe,
          "IBM Cloud VPC API private endpoint",
          true,
          false,
          SuffixPolicy.NEVER);
    }
    for (String d : ingressDomains) {
      name(
          d,
          pe,
          "the cluster's own ingress subdomain "
              + d
              + " ("
              + options.of(Option.INGRESS_DOMAINS)
              + ")",
          true,
          true,
          SuffixPolicy.WHEN_SHARED);
    }
    for (String d : privateDomains) {
      name(
          d,
          pe,
          "private zone " + d + " (" + options.of(Option.PRIVATE_DOMAINS) + ")",
          true,
          true,
          SuffixPolicy.WHEN_SHARED);
    }
    String[][] publicServices = {
      {"quay.io", "public container registry quay.io"},
      {"registry.redhat.io", "Red Hat registry registry.redhat.io"},
      {"registry.access.redhat.com", "Red Hat registry registry.access.redhat.com"},
      {"docker.io", "Docker Hub"},
      {"docker.com", "Docker Hub"},
      {"gcr.io", "Google container registry"},
      {"ghcr.io", "GitHub container registry"},
      {"registry.k8s.io", "Kubernetes registry registry.k8s.io"},
      {"mirror.openshift.com", "OpenShift mirror"},
      {"api.openshift.com", "OpenShift cluster services api.openshift.com"},
      {"redhat.com", "Red Hat service"},
      {"github.com", "GitHub"},
      {"githubusercontent.com", "GitHub content"},
      {"iam.cloud.ibm.com", "IBM Cloud IAM public endpoint"},
      {"s3.*.cloud-object-storage.appdomain.cloud", "IBM Cloud Object Storage public endpoint"},
    };
    for (String[] s : publicServices) {
      name(s[0], in, "well-known public service: " + s[1], true, true, SuffixPolicy.NEVER);
    }
  }

  private void name(
      String pattern,
      TrafficClass c,
      String label,
      boolean apex,
      boolean subdomains,
      SuffixPolicy policy) {
    NameRule rule = new NameRule(pattern, c, label, apex, subdomains, policy);
    names.put(rule);
    nameRules.add(rule);
  }

  /** The profile these rules were built for. */
  public Profile profile() {
    return profile;
  }

  /** The cluster networks in force. */
  public ClusterNetworks networks() {
    return networks;
  }

  /** Zones the user declared private. */
  public List<String> privateDomains() {
    return privateDomains;
  }

  /** The most specific address rule containing {@code address}, or null for public space. */
  public AddressRule address(IPAddress address) {
    return addresses.lookup(address);
  }

  /** The class of the most specific address rule containing {@code address}; internet if none. */
  public TrafficClass addressClass(IPAddress address) {
    AddressRule r = addresses.lookup(address);
    return r == null ? TrafficClass.INTERNET : r.destinationClass();
  }

  /** Every address rule, in the order added. */
  public List<AddressRule> addressRules() {
    return addresses.entries().stream().map(java.util.Map.Entry::getValue).toList();
  }

  /** Every name rule, in the order added. */
  public List<NameRule> nameRules() {
    return List.copyOf(nameRules);
  }

  NameTrie.Match name(String host) {
    return names.longest(host);
  }

  /**
   * Whether every name that is {@code zone} or lies under it is private by these rules alone, so
   * that no evidence (peer, hosts file, DNS) could make one an internet destination: {@code .svc},
   * {@code icr.io} on IBM Cloud, the user's private zones, names under no public suffix.
   */
  public boolean privateZone(String zone) {
    String probe = "squidlens-probe-label." + zone;
    if (!PublicSuffixes.hasPublicSuffix(zone) && !PublicSuffixes.hasPublicSuffix(probe)) {
      return true;
    }
    for (String name : List.of(zone, probe)) {
      NameTrie.Match m = names.longest(name);
      if (m == null || !m.rule().destinationClass().bypassesProxy()) {
        return false;
      }
    }
    for (NameRule r : nameRules) {
      if (!r.destinationClass().bypassesProxy() && NameTrie.patternUnder(r.pattern(), zone)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every address of {@code block} is private by these rules (cluster or provider). */
  public boolean privateBlock(IPAddress block) {
    AddressRule r = addresses.lookup(block.getLower());
    return r != null
        && r.destinationClass().bypassesProxy()
        && Cidrs.contains(Cidrs.parse(r.cidr()), block);
  }
}
