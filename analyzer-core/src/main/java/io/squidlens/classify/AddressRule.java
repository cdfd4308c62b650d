package io.squidlens.classify;

import java.util.Objects;

/**
 * A rule over addresses: a CIDR block and what addresses in it are. Immutable.
 *
 * @param cidr the block, canonical text
 * @param destinationClass what addresses in it are
 * @param label the reason shown to users ({@code "service network 172.21.0.0/16"})
 * @param aggregate whether the block itself may be recommended for NO_PROXY (cluster and provider
 *     ranges; not the RFC 1918 catch-alls)
 */
record AddressRule(String cidr, TrafficClass destinationClass, String label, boolean aggregate) {

  /** Checks fields. */
  public AddressRule {
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(destinationClass, "destinationClass");
    Objects.requireNonNull(label, "label");
  }
}
