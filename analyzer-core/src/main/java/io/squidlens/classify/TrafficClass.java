package io.squidlens.classify;

/**
 * Where a request went, as squidlens reports it. Used by the classifier, the recommender and the
 * reports.
 */
public enum TrafficClass {
  /** A destination on the internet: it belongs behind the proxy. */
  INTERNET("internet"),
  /** Inside the cluster (services, pods, nodes, node-local proxies, loopback). */
  CLUSTER_INTERNAL("cluster-internal"),
  /** A private endpoint outside the cluster (VPE, COS direct, IBM service network, VPC LBs). */
  PRIVATE_ENDPOINT("private-endpoint"),
  /** Refused by Squid by policy; the destination's own class is reported beside it. */
  DENIED("denied");

  private final String id;

  TrafficClass(String id) {
    this.id = id;
  }

  /** The name used in reports and the JSON contract. */
  public String id() {
    return id;
  }

  /** Whether requests to this destination class belong in NO_PROXY. */
  public boolean bypassesProxy() {
    return this == CLUSTER_INTERNAL || this == PRIVATE_ENDPOINT;
  }

  /** Precedence when one host shows several classes: the most private wins. */
  int rank() {
    return switch (this) {
      case CLUSTER_INTERNAL -> 3;
      case PRIVATE_ENDPOINT -> 2;
      case INTERNET -> 1;
      case DENIED -> 0;
    };
  }

  /** Parses a report name such as {@code cluster-internal}. */
  public static TrafficClass of(String id) {
    for (TrafficClass c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown class '" + id + "'");
  }

  @Override
  public String toString() {
    return id;
  }
}
