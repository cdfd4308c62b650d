package io.squidlens.cli;

import io.squidlens.AnalyzerOptions;
import io.squidlens.ConfigFile;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.dns.HostResolver;
import io.squidlens.dns.HostsFileResolver;
import io.squidlens.parse.LogFormat;
import io.squidlens.recommend.ProxySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
            + " or a Squid logformat string such as '%%ts.%%03tu %%6tr %%>a %%Ss/%%03>Hs %%<st"
            + " %%rm %%ru %%un %%Sh/%%<a %%mt'."
      })
  String logFormat;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
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
      names = "--threads",
      paramLabel = "N",
      description = "Parsing threads. Default: the number of processors.")
  Integer threads;

  @Option(
      names = "--max-destinations",
      paramLabel = "N",
      defaultValue = "500000",
      description = {
        "Distinct destinations tracked (default ${DEFAULT-VALUE}); requests to further ones are"
            + " counted and reported, not classified."
      })
  int maxDestinations;

  private ConfigFile file() {
    return config == null ? null : ConfigFile.read(config);
  }

  private static <T> T first(T flag, T fromFile, T otherwise) {
    return flag != null ? flag : fromFile != null ? fromFile : otherwise;
  }

  private static List<String> first(List<String> flag, List<String> fromFile) {
    return !flag.isEmpty() ? flag : fromFile;
  }

  private ProxySettings proxySettings(ConfigFile f) {
    ProxySettings p = ProxySettings.none();
    String pc = proxyConfig != null ? proxyConfig.toString() : f == null ? null : f.proxyConfig();
    if (pc != null) {
      p = ProxySettings.fromProxyConfig(Path.of(pc));
    }
    p = p.withProxyUrl(first(proxyUrl, f == null ? null : f.proxyUrl(), null));
    String current = first(currentNoProxy, f == null ? null : f.currentNoProxy(), null);
    return current == null ? p : p.withNoProxy(current);
  }

  /** The analyzer options these flags (and the config file) describe. */
  AnalyzerOptions.Builder toBuilder(Context context) {
    ConfigFile f = file();
    String format = first(logFormat, f == null ? null : f.logFormat(), "auto");
    String prof = first(profile, f == null ? null : f.profile(), "auto");
    ClusterNetworks networks =
        ClusterNetworks.given(
            first(serviceNetworks, f == null ? List.of() : f.serviceNetworks()),
            first(clusterNetworks, f == null ? List.of() : f.clusterNetworks()),
            first(machineNetworks, f == null ? List.of() : f.machineNetworks()));
    String netConfig =
        networkConfig != null ? networkConfig.toString() : f == null ? null : f.networkConfig();
    if (netConfig != null) {
      networks = networks.or(ClusterNetworks.fromNetworkConfig(Path.of(netConfig)));
    }
    String hostsFile = hosts != null ? hosts.toString() : f == null ? null : f.hosts();
    HostResolver hostsResolver =
        hostsFile == null
            ? HostResolver.disabled("no hosts file given (--hosts)")
            : HostsFileResolver.of(Path.of(hostsFile));
    String dnsMode = first(dns, f == null ? null : f.dns(), "system");
    Duration budget = dnsBudget == null ? Duration.ofSeconds(5) : dnsBudget;
    AnalyzerOptions.Builder b =
        AnalyzerOptions.builder()
            .logFormat(LogFormat.of(format))
            .profile(prof.equalsIgnoreCase("auto") ? null : Profile.of(prof))
            .networks(networks)
            .privateDomains(first(privateDomains, f == null ? List.of() : f.privateDomains()))
            .ingressDomains(first(ingressDomains, f == null ? List.of() : f.ingressDomains()))
            .hostsFile(hostsResolver)
            .dns(context.dns().apply(dnsMode, budget))
            .proxy(proxySettings(f))
            .maxDestinations(maxDestinations)
            .stdin(context.stdin());
    if (threads != null) {
      b.threads(threads);
    }
    return b;
  }
}
