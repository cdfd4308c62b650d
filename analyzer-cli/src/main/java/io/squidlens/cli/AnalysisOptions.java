package io.squidlens.cli;

import io.squidlens.AnalyzerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that reads and classifies logs. Values given on the command line
 * win over {@code --config}; both win over the built-in defaults.
 */
final class AnalysisOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = {
        "A JSON or YAML file holding any of these options (keys in camelCase: profile,"
            + " serviceNetworks, machineNetworks, hosts, dns, proxyUrl, ...). Command-line"
            + " options win over it."
      })
  Path config;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = {
        "auto (default: detect native, common or combined per input), squid, common, combined,"
            + " or a Squid logformat string as in squid.conf, such as",
        "'%%ts.%%03tu %%>a %%Ss/%%>Hs %%<st %%rm %%ru %%un'."
      })
  String logFormat;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      completionCandidates = AnalysisOptions.Profiles.class,
      description = {
        "auto (default: chosen from what the log shows, and the report says why), roks-vpc,"
            + " roks-classic, openshift or kubernetes. Sets default cluster networks and the IBM"
            + " Cloud rules."
      })
  String profile;

  @Option(
      names = "--service-network",
      paramLabel = "CIDR",
      split = ",",
      description = "The cluster's service network (repeatable). Default: the profile's.")
  List<String> serviceNetworks = new ArrayList<>();

  @Option(
      names = "--cluster-network",
      paramLabel = "CIDR",
      split = ",",
      description = "The cluster's pod network (repeatable). Default: the profile's.")
  List<String> clusterNetworks = new ArrayList<>();

  @Option(
      names = "--machine-network",
      paramLabel = "CIDR",
      split = ",",
      description = "The nodes' network, e.g. the VPC worker subnets (repeatable).")
  List<String> machineNetworks = new ArrayList<>();

  @Option(
      names = "--network-config",
      paramLabel = "FILE",
      description = {
        "Output of 'oc get network.config/cluster -o json': service and cluster networks are"
            + " taken from it (flags win)."
      })
  Path networkConfig;

  @Option(
      names = "--private-domain",
      paramLabel = "ZONE",
      split = ",",
      description = "A zone whose names are private endpoints, e.g. corp.example (repeatable).")
  List<String> privateDomains = new ArrayList<>();

  @Option(
      names = "--ingress-domain",
      paramLabel = "ZONE",
      split = ",",
      description = "The cluster's own ingress subdomain (repeatable).")
  List<String> ingressDomains = new ArrayList<>();

  @Option(
      names = "--hosts",
      paramLabel = "FILE",
      description = {
        "A hosts file, e.g. a worker's /etc/hosts ('oc debug node/N -- chroot /host cat"
            + " /etc/hosts'): what the nodes resolve names to, consulted before DNS."
      })
  Path hosts;

  @Option(
      names = "--dns",
      paramLabel = "MODE",
      description = {
        "system (default: the servers in resolv.conf), off, or a comma list of server"
            + " addresses such as 10.0.0.2,10.0.0.3. Only names no rule or logged peer settles"
            + " are looked up, each once."
      })
  String dns;

  @Option(
      names = "--dns-budget",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "The most time all DNS lookups of a run may take together (default 5s); names still"
            + " unanswered then are reported as not resolved."
      })
  Duration dnsBudget;

  @Option(
      names = "--proxy-url",
      paramLabel = "URL",
      description = "The proxy's URL, e.g. http://10.0.0.4:3128, used in the rendered files.")
  String proxyUrl;

  @Option(
      names = "--proxy-config",
      paramLabel = "FILE",
      description = {
        "Output of 'oc get proxy/cluster -o json' (or -o yaml): the cluster recommendation is"
            + " diffed against its spec.noProxy and status.noProxy, and its httpProxy and"
            + " httpsProxy fill in the proxy address (--proxy-url wins)."
      })
  Path proxyConfig;

  @Option(
      names = "--current-no-proxy",
      paramLabel = "LIST",
      description = {
        "The NO_PROXY value in force where the crio, env, java, docker and mtc targets apply,"
            + " e.g. from /etc/sysconfig/crio-network: entries it covers are marked already"
            + " covered, and its own entries are kept in the recommended value."
      })
  String currentNoProxy;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = {
        "Analyse only records logged at or after TIME: 2025-11-21T10:42:00Z, an offset"
            + " (2025-11-21T19:42:00+09:00), a date (2025-11-21, midnight UTC) or epoch seconds."
            + " Records outside the window are counted (input.outsideWindowLines), nothing else."
      })
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Analyse only records logged before TIME (excluded), written as for --since.")
  String until;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parsing threads. Default: the number of processors.")
  Integer threads;

  @Option(
      names = "--max-destinations",
      paramLabel = "N",
      description = {
        "Distinct destinations tracked (default 500000); requests to further ones are counted"
            + " and reported, not classified, and no entry is recommended that could cover one."
      })
  Integer maxDestinations;

  @Option(
      names = "--keep-unsafe",
      description = {
        "Keep entries of the list in force (--proxy-config, --current-no-proxy) that are unsafe:"
            + " they exempt internet destinations the log shows, or are too broad by their shape"
            + " (*, .com, 0.0.0.0/0, a public suffix). By default they are left out of the value"
            + " to paste, with a warning; with this flag the artifact says it keeps them."
      })
  boolean keepUnsafe;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = {
        "The project the egressfirewall and egressnetworkpolicy targets are written for"
            + " (default: the placeholder NAMESPACE, which the artifact asks you to replace)."
      })
  String namespace;

  @Option(
      names = "--allow-only-seen",
      description = {
        "egress-router-proxy target: allow only the internet destinations the log shows and deny"
            + " everything else (default: deny the private destinations, allow everything else)."
      })
  boolean allowOnlySeen;

  /** The profile names, for shell completion. */
  static final class Profiles implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("auto", "roks-vpc", "roks-classic", "openshift", "kubernetes").iterator();
    }
  }

  /** How the command line spells each option, for the messages, notes and artifacts. */
  static String flag(io.squidlens.base.Option o) {
    return switch (o) {
      case CONFIG -> "--config";
      case LOG_FORMAT -> "--log-format";
      case PROFILE -> "--profile";
      case SERVICE_NETWORKS -> "--service-network";
      case CLUSTER_NETWORKS -> "--cluster-network";
      case MACHINE_NETWORKS -> "--machine-network";
      case NETWORK_CONFIG -> "--network-config";
      case PRIVATE_DOMAINS -> "--private-domain";
      case INGRESS_DOMAINS -> "--ingress-domain";
      case HOSTS -> "--hosts";
      case DNS -> "--dns";
      case DNS_BUDGET -> "--dns-budget";
      case PROXY_URL -> "--proxy-url";
      case PROXY_CONFIG -> "--proxy-config";
      case CURRENT_NO_PROXY -> "--current-no-proxy";
      case THREADS -> "--threads";
      case MAX_DESTINATIONS -> "--max-destinations";
      case KEEP_UNSAFE -> "--keep-unsafe";
      case SINCE -> "--since";
      case UNTIL -> "--until";
      case NAMESPACE -> "--namespace";
      case ALLOW_ONLY_SEEN -> "--allow-only-seen";
    };
  }

  /**
   * The analyzer options these flags (and the config file) describe; they are checked, and the
   * files they name read, when the builder builds.
   */
  AnalyzerOptions.Builder toBuilder(Context context) {
    AnalyzerOptions.Builder b =
        AnalyzerOptions.builder()
            .names(AnalysisOptions::flag)
            .config(config)
            .logFormat(logFormat)
            .profile(profile)
            .serviceNetworks(serviceNetworks)
            .clusterNetworks(clusterNetworks)
            .machineNetworks(machineNetworks)
            .networkConfig(networkConfig)
            .privateDomains(privateDomains)
            .ingressDomains(ingressDomains)
            .hosts(hosts)
            .dns(dns)
            .defaultDns("system")
            .dnsBudget(dnsBudget)
            .proxyUrl(proxyUrl)
            .proxyConfig(proxyConfig)
            .currentNoProxy(currentNoProxy)
            .keepUnsafe(keepUnsafe)
            .namespace(namespace)
            .allowOnlySeen(allowOnlySeen)
            .since(since)
            .until(until)
            .stdin(context.stdin());
    if (threads != null) {
      b.threads(threads);
    }
    if (maxDestinations != null) {
      b.maxDestinations(maxDestinations);
    }
    if (context.dnsAnswers() != null) {
      b.dnsAnswers(context.dnsAnswers(), context.dnsSource());
    }
    return b;
  }
}
