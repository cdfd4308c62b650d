package io.squidlens;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.base.BadValueException;
import io.squidlens.base.Durations;
import io.squidlens.base.InputException;
import io.squidlens.base.Option;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.dns.HostResolver;
import io.squidlens.parse.LogFormat;
import io.squidlens.recommend.ProxySettings;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything an {@link Analyzer} needs to know. Immutable; build with {@link #builder()}, which
 * takes the values as a user gives them (names, CIDRs, paths) and checks and reads them all in
 * {@link Builder#build()}. Used by the front ends (the command line, benchmarks) and the analyzer.
 *
 * @param logFormat the log format, or auto (default)
 * @param threads parsing threads (default: available processors)
 * @param maxDestinations cap on distinct destinations per thread (default {@value
 *     Accumulator#DEFAULT_MAX_DESTINATIONS})
 * @param profile the cluster profile, or null to detect it from the log (default)
 * @param networks the cluster networks the user gave (default none: profile defaults apply)
 * @param privateDomains zones to treat as private endpoints
 * @param ingressDomains the cluster's own ingress subdomains
 * @param hostsFile answers from a hosts file (default: not consulted)
 * @param dns answers from DNS (default: not consulted)
 * @param proxy the proxy configuration in force, as far as known (default: nothing known)
 * @param stdin what the input {@code -} reads, or null for the process's standard input
 * @param keepUnsafe whether entries in force that are unsafe stay in the recommended values (the
 *     artifacts then say so; default false: they are left out with a warning)
 * @param names how messages, notes and artifacts spell options (default: config-file keys)
 * @param since the first millisecond of the time window (epoch ms; default: no start)
 * @param until the end of the time window, exclusive (epoch ms; default: no end)
 * @param namespace the project the egress firewalls are written for (default: a placeholder)
 * @param allowOnlySeen whether the egress router allows only the internet destinations the log
 *     shows (default false: everything not denied)
 */
public record AnalyzerOptions(
    LogFormat logFormat,
    int threads,
    int maxDestinations,
    Profile profile,
    ClusterNetworks networks,
    List<String> privateDomains,
    List<String> ingressDomains,
    HostResolver hostsFile,
    HostResolver dns,
    ProxySettings proxy,
    InputStream stdin,
    boolean keepUnsafe,
    Option.Names names,
    long since,
    long until,
    String namespace,
    boolean allowOnlySeen) {

  /** Checks fields and copies lists. */
  public AnalyzerOptions {
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(names, "names");
    BadValueException.require(
        since < until,
        "%s must be before %s: the window [%s, %s) holds no time",
        names.of(Option.SINCE),
        names.of(Option.UNTIL),
        java.time.Instant.ofEpochMilli(since),
        java.time.Instant.ofEpochMilli(until));
    BadValueException.require(
        threads >= 1 && threads <= 256,
        "%s %d: out of range 1-256",
        names.of(Option.THREADS),
        threads);
    BadValueException.require(
        maxDestinations >= 1,
        "%s %d: must be positive",
        names.of(Option.MAX_DESTINATIONS),
        maxDestinations);
    Objects.requireNonNull(networks, "networks");
    privateDomains = List.copyOf(privateDomains);
    ingressDomains = List.copyOf(ingressDomains);
    Objects.requireNonNull(hostsFile, "hostsFile");
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(proxy, "proxy");
    BadValueException.require(
        namespace == null || NAMESPACE.matcher(namespace).matches(),
        "%s '%s': not a project name (lower-case letters, digits and '-', at most 63, starting"
            + " and ending with a letter or digit)",
        names.of(Option.NAMESPACE),
        namespace);
  }

  /** A Kubernetes namespace: an RFC 1123 label. */
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** Options with every default. */
  public static AnalyzerOptions defaults() {
    try {
      return builder().build();
    } catch (InputException e) {
      throw new IllegalStateException("the defaults read no file", e);
    }
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link AnalyzerOptions} from values as a user gives them. A value set here wins over the
   * same key of the {@link #config config file}, which wins over the default. Nothing is checked or
   * read until {@link #build()}. Not thread-safe.
   */
  public static final class Builder {
    private Option.Names names = Option.Names.keys();
    private Path config;
    private String logFormat;
    private String profile;
    private List<String> serviceNetworks = List.of();
    private List<String> clusterNetworks = List.of();
    private List<String> machineNetworks = List.of();
    private Path networkConfig;
    private List<String> privateDomains = List.of();
    private List<String> ingressDomains = List.of();
    private Path hosts;
    private String dns;
    private String defaultDns;
    private Duration dnsBudget;
    private Duration defaultDnsBudget = Duration.ofSeconds(5);
    private Map<String, List<String>> dnsAnswers;
    private String dnsAnswersSource;
    private String proxyUrl;
    private Path proxyConfig;
    private String currentNoProxy;
    private ProxySettings proxy;
    private Integer threads;
    private Integer maxDestinations;
    private boolean keepUnsafe;
    private String namespace;
    private boolean allowOnlySeen;
    private InputStream stdin;
    private String since;
    private String until;

    private Builder() {}

    /**
     * Sets the start of the time window: records logged before it are counted as outside the window
     * and not analysed. An ISO-8601 instant, a date and time with an offset, a date, or epoch
     * seconds.
     */
    public Builder since(String v) {
      this.since = v;
      return this;
    }

    /** Sets the end of the time window, exclusive: a record logged at it is outside. */
    public Builder until(String v) {
      this.until = v;
      return this;
    }

    /** Sets how messages, notes and artifacts spell options. */
    public Builder names(Option.Names v) {
      this.names = Objects.requireNonNull(v, "names");
      return this;
    }

    /** Sets a JSON or YAML file holding any of the options, by {@link Option#key()}. */
    public Builder config(Path v) {
      this.config = v;
      return this;
    }

    /**
     * Sets the log format: {@code auto} (default), {@code squid}, {@code common}, {@code combined}
     * or a Squid logformat string.
     */
    public Builder logFormat(String v) {
      this.logFormat = v;
      return this;
    }

    /** Sets the profile by name; {@code auto} (default) detects it from the log. */
    public Builder profile(String v) {
      this.profile = v;
      return this;
    }

    /** Sets the service networks (CIDRs); empty (default) leaves the profile's. */
    public Builder serviceNetworks(List<String> v) {
      this.serviceNetworks = List.copyOf(v);
      return this;
    }

    /** Sets the pod networks (CIDRs); empty (default) leaves the profile's. */
    public Builder clusterNetworks(List<String> v) {
      this.clusterNetworks = List.copyOf(v);
      return this;
    }

    /** Sets the nodes' networks (CIDRs). */
    public Builder machineNetworks(List<String> v) {
      this.machineNetworks = List.copyOf(v);
      return this;
    }

    /** Sets an {@code oc get network.config/cluster -o json} file to take networks from. */
    public Builder networkConfig(Path v) {
      this.networkConfig = v;
      return this;
    }

    /** Sets zones whose names are private endpoints. */
    public Builder privateDomains(List<String> v) {
      this.privateDomains = List.copyOf(v);
      return this;
    }

    /** Sets the cluster's own ingress subdomains. */
    public Builder ingressDomains(List<String> v) {
      this.ingressDomains = List.copyOf(v);
      return this;
    }

    /** Sets a hosts file consulted before DNS. */
    public Builder hosts(Path v) {
      this.hosts = v;
      return this;
    }

    /** Sets DNS: {@code system}, {@code off} or a comma list of server addresses. */
    public Builder dns(String v) {
      this.dns = v;
      return this;
    }

    /**
     * Sets the DNS mode used when neither this builder nor the config file sets one (without it,
     * DNS is off).
     */
    public Builder defaultDns(String v) {
      this.defaultDns = v;
      return this;
    }

    /** Sets the most time all DNS lookups of a run may take together. */
    public Builder dnsBudget(Duration v) {
      this.dnsBudget = v;
      return this;
    }

    /** Sets the DNS budget used when neither this builder nor the config file sets one. */
    public Builder defaultDnsBudget(Duration v) {
      this.defaultDnsBudget = Objects.requireNonNull(v, "defaultDnsBudget");
      return this;
    }

    /**
     * Answers names from {@code answers} (host to addresses) instead of DNS, whatever {@link #dns}
     * says: for tests and offline runs.
     *
     * @param source what reports say the answers come from
     */
    public Builder dnsAnswers(Map<String, List<String>> answers, String source) {
      this.dnsAnswers = Map.copyOf(answers);
      this.dnsAnswersSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Sets the proxy's URL, used in the rendered artifacts (wins over the proxy config's). */
    public Builder proxyUrl(String v) {
      this.proxyUrl = v;
      return this;
    }

    /**
     * Sets an {@code oc get proxy/cluster -o json} (or yaml) file: the cluster's lists in force.
     */
    public Builder proxyConfig(Path v) {
      this.proxyConfig = v;
      return this;
    }

    /** Sets the NO_PROXY value in force where the non-cluster targets apply. */
    public Builder currentNoProxy(String v) {
      this.currentNoProxy = v;
      return this;
    }

    /**
     * Sets the proxy configuration in force directly, instead of {@link #proxyConfig}, {@link
     * #proxyUrl} and {@link #currentNoProxy}: for callers that hold one already.
     */
    public Builder proxy(ProxySettings v) {
      this.proxy = v;
      return this;
    }

    /** Sets the number of parsing threads. */
    public Builder threads(int v) {
      this.threads = v;
      return this;
    }

    /** Sets the distinct-destination cap. */
    public Builder maxDestinations(int v) {
      this.maxDestinations = v;
      return this;
    }

    /** Sets whether unsafe entries in force stay in the recommended values. */
    public Builder keepUnsafe(boolean v) {
      this.keepUnsafe = v;
      return this;
    }

    /** Sets the project the egress firewalls are written for (null: a placeholder). */
    public Builder namespace(String v) {
      this.namespace = v;
      return this;
    }

    /** Sets whether the egress router allows only the internet destinations the log shows. */
    public Builder allowOnlySeen(boolean v) {
      this.allowOnlySeen = v;
      return this;
    }

    /** Sets what the input {@code -} reads (null: the process's standard input). */
    public Builder stdin(InputStream v) {
      this.stdin = v;
      return this;
    }

    /**
     * Checks every value and reads every file named, the config file first.
     *
     * @throws InputException naming a file that cannot be read
     * @throws BadValueException naming the option (or config key) whose value cannot be used
     */
    public AnalyzerOptions build() throws InputException {
      ConfigFile f =
          config == null ? ConfigFile.NONE : ConfigFile.read(config, names.of(Option.CONFIG));
      String configName = config == null ? null : names.of(Option.CONFIG) + " " + config;
      Values v = new Values(names, configName);
      ClusterNetworks networks =
          ClusterNetworks.given(
              v.networks(serviceNetworks, f.serviceNetworks(), Option.SERVICE_NETWORKS),
              v.networks(clusterNetworks, f.clusterNetworks(), Option.CLUSTER_NETWORKS),
              v.networks(machineNetworks, f.machineNetworks(), Option.MACHINE_NETWORKS));
      Path netConfig = v.path(networkConfig, f.networkConfig());
      if (netConfig != null) {
        networks =
            networks.or(
                ClusterNetworks.fromNetworkConfig(netConfig, names.of(Option.NETWORK_CONFIG)));
      }
      Path hostsFile = v.path(hosts, f.hosts());
      HostResolver hostsResolver =
          hostsFile == null
              ? HostResolver.disabled("no hosts file given (" + names.of(Option.HOSTS) + ")")
              : HostResolver.hostsFile(hostsFile, names.of(Option.HOSTS));
      return new AnalyzerOptions(
          v.logFormat(logFormat, f.logFormat()),
          Values.first(threads, f.threads(), Runtime.getRuntime().availableProcessors()),
          Values.first(maxDestinations, f.maxDestinations(), Accumulator.DEFAULT_MAX_DESTINATIONS),
          v.profile(profile, f.profile()),
          networks,
          v.zones(privateDomains, f.privateDomains(), Option.PRIVATE_DOMAINS),
          v.zones(ingressDomains, f.ingressDomains(), Option.INGRESS_DOMAINS),
          hostsResolver,
          dnsResolver(v, f),
          proxy != null ? proxy : proxySettings(v, f),
          stdin,
          keepUnsafe || Boolean.TRUE.equals(f.keepUnsafe()),
          names,
          v.instant(since, f.since(), Option.SINCE, Long.MIN_VALUE),
          v.instant(until, f.until(), Option.UNTIL, Long.MAX_VALUE),
          Values.first(namespace, f.namespace(), null),
          allowOnlySeen || Boolean.TRUE.equals(f.allowOnlySeen()));
    }

    private HostResolver dnsResolver(Values v, ConfigFile f) {
      if (dnsAnswers != null) {
        return v.value(
            Option.DNS, dns != null, () -> HostResolver.fixed(dnsAnswers, dnsAnswersSource));
      }
      String mode = Values.first(dns, f.dns(), defaultDns);
      if (mode == null) {
        return HostResolver.disabled("DNS off");
      }
      Duration budget = Values.first(dnsBudget, f.dnsBudget(), defaultDnsBudget);
      String off = "DNS off (" + names.of(Option.DNS) + " off)";
      return v.value(Option.DNS, dns != null, () -> HostResolver.dns(mode, budget, off));
    }

    private ProxySettings proxySettings(Values v, ConfigFile f) throws InputException {
      ProxySettings p = ProxySettings.none();
      Path pc = v.path(proxyConfig, f.proxyConfig());
      if (pc != null) {
        p = ProxySettings.fromProxyConfig(pc, names.of(Option.PROXY_CONFIG));
      }
      String url = Values.first(proxyUrl, f.proxyUrl(), null);
      if (url != null) {
        ProxySettings withUrl = p;
        p =
            v.value(
                Option.PROXY_URL,
                proxyUrl != null,
                () -> withUrl.withProxyUrl(url, names.of(Option.PROXY_URL)));
      }
      String current = Values.first(currentNoProxy, f.currentNoProxy(), null);
      return current == null ? p : p.withNoProxy(current);
    }
  }

  /**
   * Picks each value (the builder's, else the config file's) and names where a bad one came from:
   * the option, or the config file's key.
   */
  private record Values(Option.Names names, String configName) {
    static <T> T first(T given, T fromFile, T otherwise) {
      return given != null ? given : fromFile != null ? fromFile : otherwise;
    }

    Path path(Path given, String fromFile) {
      return given != null ? given : fromFile == null ? null : Path.of(fromFile);
    }

    String origin(boolean given, Option option) {
      return given ? names.of(option) : configName + ": key '" + option.key() + "'";
    }

    /** Makes a value, turning an unusable one into a message that names its origin. */
    <T> T value(Option option, boolean given, java.util.function.Supplier<T> make) {
      try {
        return make.get();
      } catch (BadValueException e) {
        if (given || configName == null) {
          throw e;
        }
        throw new BadValueException(configName + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new BadValueException(origin(given, option) + ": " + e.getMessage(), e);
      }
    }

    long instant(String given, String fromFile, Option option, long otherwise) {
      String text = first(given, fromFile, null);
      if (text == null) {
        return otherwise;
      }
      try {
        return Durations.parseInstant(text);
      } catch (BadValueException e) {
        throw new BadValueException(origin(given != null, option) + ": " + e.getMessage(), e);
      }
    }

    LogFormat logFormat(String given, String fromFile) {
      String spec = first(given, fromFile, "auto");
      return value(Option.LOG_FORMAT, given != null, () -> LogFormat.of(spec))
          .withGivenNote("given with " + names.of(Option.LOG_FORMAT));
    }

    Profile profile(String given, String fromFile) {
      String name = first(given, fromFile, "auto");
      return name.equalsIgnoreCase("auto")
          ? null
          : value(Option.PROFILE, given != null, () -> Profile.of(name));
    }

    /**
     * The cluster networks given, each checked: a network wider than a cluster's (the default
     * route, more than a /8, public space) would exempt the internet from the proxy.
     */
    List<String> networks(List<String> given, List<String> fromFile, Option option) {
      List<String> v = !given.isEmpty() ? given : fromFile;
      for (String c : v) {
        String problem = ClusterNetworks.networkProblem(c);
        if (problem != null) {
          throw new BadValueException(origin(!given.isEmpty(), option) + " " + c + ": " + problem);
        }
      }
      return v;
    }

    /** The zones given, each checked: a public suffix or shared zone would be too broad. */
    List<String> zones(List<String> given, List<String> fromFile, Option option) {
      List<String> v = !given.isEmpty() ? given : fromFile;
      for (String z : v) {
        String problem = ClassifierRules.zoneProblem(z);
        if (problem != null) {
          throw new BadValueException(origin(!given.isEmpty(), option) + " " + z + ": " + problem);
        }
      }
      return v;
    }
  }
}
