package io.squidlens;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.base.BadValueException;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.dns.HostResolver;
import io.squidlens.parse.LogFormat;
import io.squidlens.recommend.ProxySettings;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Everything an {@link Analyzer} needs to know. Immutable; build with {@link #builder()}.
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
    boolean keepUnsafe) {

  /** Checks fields and copies lists. */
  public AnalyzerOptions {
    Objects.requireNonNull(logFormat, "logFormat");
    BadValueException.require(
        threads >= 1 && threads <= 256, "--threads %d: out of range 1-256", threads);
    BadValueException.require(
        maxDestinations >= 1, "--max-destinations %d: must be positive", maxDestinations);
    Objects.requireNonNull(networks, "networks");
    privateDomains = List.copyOf(privateDomains);
    ingressDomains = List.copyOf(ingressDomains);
    Objects.requireNonNull(hostsFile, "hostsFile");
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(proxy, "proxy");
  }

  /** Options with every default. */
  public static AnalyzerOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AnalyzerOptions}. Not thread-safe. */
  public static final class Builder {
    private LogFormat logFormat = LogFormat.auto();
    private int threads = Runtime.getRuntime().availableProcessors();
    private int maxDestinations = Accumulator.DEFAULT_MAX_DESTINATIONS;
    private Profile profile;
    private ClusterNetworks networks = ClusterNetworks.none();
    private List<String> privateDomains = List.of();
    private List<String> ingressDomains = List.of();
    private HostResolver hostsFile = HostResolver.disabled("no hosts file given (--hosts)");
    private HostResolver dns = HostResolver.disabled("DNS off");
    private ProxySettings proxy = ProxySettings.none();
    private InputStream stdin;
    private boolean keepUnsafe;

    private Builder() {}

    /** Sets the log format. */
    public Builder logFormat(LogFormat v) {
      this.logFormat = v;
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

    /** Sets the profile; null means detect. */
    public Builder profile(Profile v) {
      this.profile = v;
      return this;
    }

    /** Sets the cluster networks the user gave. */
    public Builder networks(ClusterNetworks v) {
      this.networks = v;
      return this;
    }

    /** Sets extra private zones. */
    public Builder privateDomains(List<String> v) {
      this.privateDomains = v;
      return this;
    }

    /** Sets the cluster's ingress subdomains. */
    public Builder ingressDomains(List<String> v) {
      this.ingressDomains = v;
      return this;
    }

    /** Sets the hosts-file resolver. */
    public Builder hostsFile(HostResolver v) {
      this.hostsFile = v;
      return this;
    }

    /** Sets the DNS resolver. */
    public Builder dns(HostResolver v) {
      this.dns = v;
      return this;
    }

    /**
     * Sets the proxy configuration in force (URLs, lists) that recommendations are diffed against.
     */
    public Builder proxy(ProxySettings v) {
      this.proxy = v;
      return this;
    }

    /** Sets what the input {@code -} reads (null: the process's standard input). */
    public Builder stdin(InputStream v) {
      this.stdin = v;
      return this;
    }

    /** Sets whether unsafe entries in force stay in the recommended values. */
    public Builder keepUnsafe(boolean v) {
      this.keepUnsafe = v;
      return this;
    }

    /** Builds the options. */
    public AnalyzerOptions build() {
      return new AnalyzerOptions(
          logFormat,
          threads,
          maxDestinations,
          profile,
          networks,
          privateDomains,
          ingressDomains,
          hostsFile,
          dns,
          proxy,
          stdin,
          keepUnsafe);
    }
  }
}
