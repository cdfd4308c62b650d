package io.squidlens.cli;

import io.squidlens.AnalyzerOptions;
import io.squidlens.ConfigFile;
import io.squidlens.aggregate.Accumulator;
import io.squidlens.base.BadValueException;
import io.squidlens.base.InputException;
import io.squidlens.classify.ClassifierRules;
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
            + " or a Squid logformat string as in squid.conf, such as",
        "'%%ts.%%03tu %%>a %%Ss/%%>Hs %%<st %%rm %%ru %%un'."
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

  private ConfigFile file() throws InputException {
    return config == null ? null : ConfigFile.read(config);
  }

  private static <T> T first(T flag, T fromFile, T otherwise) {
    return flag != null ? flag : fromFile != null ? fromFile : otherwise;
  }

  /** What one option of a list kind holds, from the command line or else the config file. */
  private List<String> given(List<String> flag, List<String> fromFile) {
    return !flag.isEmpty() ? flag : fromFile;
  }

  /** Where a value came from, for messages: the option, or the config file's key. */
  private String origin(boolean fromFlag, String option, String key) {
    return fromFlag ? option : "--config " + config + ": key '" + key + "'";
  }

  private ProxySettings proxySettings(ConfigFile f) throws InputException {
    ProxySettings p = ProxySettings.none();
    String pc = proxyConfig != null ? proxyConfig.toString() : f == null ? null : f.proxyConfig();
    if (pc != null) {
      p = ProxySettings.fromProxyConfig(Path.of(pc));
    }
    String url = first(proxyUrl, f == null ? null : f.proxyUrl(), null);
    if (url != null) {
      try {
        p = p.withProxyUrl(url);
      } catch (BadValueException e) {
        throw proxyUrl != null
            ? e
            : new UsageException("--config " + config + ": " + e.getMessage());
      }
    }
    String current = first(currentNoProxy, f == null ? null : f.currentNoProxy(), null);
    return current == null ? p : p.withNoProxy(current);
  }

  /**
   * The cluster networks the user gave, each checked: a network wider than a cluster's (the default
   * route, more than a /8, public space) would exempt the internet from the proxy.
   */
  private List<String> networks(
      List<String> flag, List<String> fromFile, String option, String key) {
    List<String> v = given(flag, fromFile);
    for (String c : v) {
      String problem = ClusterNetworks.networkProblem(c);
      if (problem != null) {
        throw new UsageException(origin(!flag.isEmpty(), option, key) + " " + c + ": " + problem);
      }
    }
    return v;
  }

  /** The zones the user gave, each checked: a public suffix or shared zone would be too broad. */
  private List<String> zones(List<String> flag, List<String> fromFile, String option, String key) {
    List<String> v = given(flag, fromFile);
    for (String z : v) {
      String problem = ClassifierRules.zoneProblem(z);
      if (problem != null) {
        throw new UsageException(origin(!flag.isEmpty(), option, key) + " " + z + ": " + problem);
      }
    }
    return v;
  }

  /**
   * The analyzer options these flags (and the config file) describe.
   *
   * @throws InputException naming a file option whose file cannot be read
   * @throws UsageException naming an option whose value cannot be used
   */
  AnalyzerOptions.Builder toBuilder(Context context) throws InputException {
    ConfigFile f = file();
    String format = first(logFormat, f == null ? null : f.logFormat(), "auto");
    String prof = first(profile, f == null ? null : f.profile(), "auto");
    ClusterNetworks networks =
        ClusterNetworks.given(
            networks(
                serviceNetworks,
                f == null ? List.of() : f.serviceNetworks(),
                "--service-network",
                "serviceNetworks"),
            networks(
                clusterNetworks,
                f == null ? List.of() : f.clusterNetworks(),
                "--cluster-network",
                "clusterNetworks"),
            networks(
                machineNetworks,
                f == null ? List.of() : f.machineNetworks(),
                "--machine-network",
                "machineNetworks"));
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
    Duration budget = first(dnsBudget, f == null ? null : f.dnsBudget(), Duration.ofSeconds(5));
    LogFormat parsedFormat;
    try {
      parsedFormat = LogFormat.of(format);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          origin(logFormat != null, "--log-format", "logFormat") + ": " + e.getMessage());
    }
    Profile parsedProfile;
    try {
      parsedProfile = prof.equalsIgnoreCase("auto") ? null : Profile.of(prof);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          origin(profile != null, "--profile", "profile") + ": " + e.getMessage());
    }
    AnalyzerOptions.Builder b =
        AnalyzerOptions.builder()
            .logFormat(parsedFormat)
            .profile(parsedProfile)
            .networks(networks)
            .privateDomains(
                zones(
                    privateDomains,
                    f == null ? List.of() : f.privateDomains(),
                    "--private-domain",
                    "privateDomains"))
            .ingressDomains(
                zones(
                    ingressDomains,
                    f == null ? List.of() : f.ingressDomains(),
                    "--ingress-domain",
                    "ingressDomains"))
            .hostsFile(hostsResolver)
            .dns(context.dns().apply(dnsMode, budget))
            .proxy(proxySettings(f))
            .maxDestinations(
                first(
                    maxDestinations,
                    f == null ? null : f.maxDestinations(),
                    Accumulator.DEFAULT_MAX_DESTINATIONS))
            .keepUnsafe(keepUnsafe || (f != null && Boolean.TRUE.equals(f.keepUnsafe())))
            .stdin(context.stdin());
    Integer t = first(threads, f == null ? null : f.threads(), null);
    if (t != null) {
      b.threads(t);
    }
    return b;
  }
}
