package io.squidlens.net;

import inet.ipaddr.IPAddress;
import java.util.List;

/**
 * Which address blocks are private (not routed on the internet) and which are too broad to name a
 * cluster network or a NO_PROXY entry. Stateless.
 */
public final class AddressSpace {
  /**
   * Blocks never routed on the internet: RFC 1918, RFC 6598 shared space, the RFC 2544 benchmarking
   * block (IBM Cloud allows service subnets there), link-local, IPv6 unique-local and link-local.
   */
  private static final List<IPAddress> PRIVATE =
      List.of(
          Cidrs.parse("10.0.0.0/8"),
          Cidrs.parse("172.16.0.0/12"),
          Cidrs.parse("192.168.0.0/16"),
          Cidrs.parse("100.64.0.0/10"),
          Cidrs.parse("198.18.0.0/15"),
          Cidrs.parse("169.254.0.0/16"),
          Cidrs.parse("fc00::/7"),
          Cidrs.parse("fe80::/10"));

  /** Narrowest prefix a network given for a cluster may have: wider is not one cluster's. */
  static final int WIDEST_PREFIX = 8;

  /** A public block wider than this exempts a large part of the internet. */
  static final int WIDEST_PUBLIC_PREFIX = 16;

  private AddressSpace() {}

  /** Whether every address of {@code block} is private (see {@link #PRIVATE}). */
  public static boolean isPrivate(IPAddress block) {
    IPAddress b = Cidrs.unmap(block);
    for (IPAddress p : PRIVATE) {
      if (p.isIPv4() == b.isIPv4() && p.contains(b)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why {@code block} cannot be a cluster's service, pod or machine network, or null when it can:
   * the default route, wider than a /8, or holding public address space.
   */
  public static String implausibleClusterNetwork(IPAddress block) {
    int prefix = prefix(block);
    if (prefix == 0) {
      return "the default route covers every address, the internet included";
    }
    if (prefix < WIDEST_PREFIX) {
      return "a /" + prefix + " is wider than any cluster's network (at most a /8)";
    }
    if (!isPrivate(block)) {
      return "it holds public address space (a cluster network is private: RFC 1918, RFC 6598,"
          + " 198.18.0.0/15 or IPv6 unique-local)";
    }
    return null;
  }

  /**
   * Why {@code block} as a NO_PROXY entry is too broad whatever a log shows, or null: the default
   * route, wider than a /8, or a public block wider than a /16.
   */
  public static String broadBlock(IPAddress block) {
    int prefix = prefix(block);
    if (prefix == 0) {
      return "the default route exempts every address";
    }
    if (prefix < WIDEST_PREFIX) {
      return "a /" + prefix + " exempts a large part of all addresses";
    }
    if (prefix < WIDEST_PUBLIC_PREFIX && !isPrivate(block)) {
      return "a public /" + prefix + " exempts a large part of the internet";
    }
    return null;
  }

  private static int prefix(IPAddress block) {
    Integer p = block.getNetworkPrefixLength();
    return p == null ? block.getBitCount() : p;
  }
}
