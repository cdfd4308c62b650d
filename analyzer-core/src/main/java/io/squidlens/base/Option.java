package io.squidlens.base;

/**
 * An option a user sets, on the command line, in a config file or through the analyzer's options
 * builder. Messages, notes and artifact comments name options through {@link Names}, so each front
 * end (the command line, a Spark job, a library caller) has them spelled its own way. Used by every
 * package whose output names an option, and by the front ends that spell them.
 */
public enum Option {
  CONFIG("config"),
  LOG_FORMAT("logFormat"),
  PROFILE("profile"),
  SERVICE_NETWORKS("serviceNetworks"),
  CLUSTER_NETWORKS("clusterNetworks"),
  MACHINE_NETWORKS("machineNetworks"),
  NETWORK_CONFIG("networkConfig"),
  PRIVATE_DOMAINS("privateDomains"),
  INGRESS_DOMAINS("ingressDomains"),
  HOSTS("hosts"),
  DNS("dns"),
  DNS_BUDGET("dnsBudget"),
  PROXY_URL("proxyUrl"),
  PROXY_CONFIG("proxyConfig"),
  CURRENT_NO_PROXY("currentNoProxy"),
  THREADS("threads"),
  MAX_DESTINATIONS("maxDestinations"),
  KEEP_UNSAFE("keepUnsafe"),
  SINCE("since"),
  UNTIL("until"),
  NAMESPACE("namespace"),
  ALLOW_ONLY_SEEN("allowOnlySeen");

  private final String key;

  Option(String key) {
    this.key = key;
  }

  /** The option's key in a config file, in camelCase ({@code proxyConfig}). */
  public String key() {
    return key;
  }

  /** How a front end spells options in what it shows ({@code --proxy-config} on a command line). */
  @FunctionalInterface
  public interface Names {
    /** The spelling of {@code option}. */
    String of(Option option);

    /** Options by their config-file keys: the spelling for library callers. */
    static Names keys() {
      return Option::key;
    }
  }
}
