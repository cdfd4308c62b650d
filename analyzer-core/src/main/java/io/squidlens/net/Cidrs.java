package io.squidlens.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.squidlens.base.Checks;
import java.util.List;

/**
 * Parsing and containment for CIDR blocks given by users and built-in rules, and which blocks are
 * private (not routed on the internet) or too broad to name a cluster network or a NO_PROXY entry.
 * Stateless. Used by every package that reads addresses.
 */
public final class Cidrs {
  /**
   * Blocks never routed on the internet: RFC 1918, RFC 6598 shared space, the RFC 2544 benchmarking
   * block (IBM Cloud allows service subnets there), link-local, IPv6 unique-local and link-local.
   */
  private static final List<IPAddress> PRIVATE =
      List.of(
          parse("10.0.0.0/8"),
          parse("172.16.0.0/12"),
          parse("192.168.0.0/16"),
          parse("100.64.0.0/10"),
          parse("198.18.0.0/15"),
          parse("169.254.0.0/16"),
          parse("fc00::/7"),
          parse("fe80::/10"));

  /** Narrowest prefix a network given for a cluster may have: wider is not one cluster's. */
  static final int WIDEST_PREFIX = 8;

  /** A public block wider than this exempts a large part of the internet. */
  static final int WIDEST_PUBLIC_PREFIX = 16;

  /** Whether every address of {@code block} is private (see {@link #PRIVATE}). */
  public static boolean isPrivate(IPAddress block) {
    IPAddress b = unmap(block);
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

  private Cidrs() {}

  /**
   * Parses {@code 10.0.0.0/8}, {@code fd00::/48} or a single address (as a /32 or /128) into a
   * prefix block. A value with host bits set ({@code 10.1.2.3/16}) is widened to its block.
   *
   * @throws IllegalArgumentException naming the value if it is not an address or CIDR
   */
  public static IPAddress parse(String text) {
    String t = text.strip();
    IPAddress a = new IPAddressString(t).getAddress();
    Checks.requireArgument(
        a != null && !t.isEmpty() && t.indexOf('*') < 0 && t.indexOf('-') < 0,
        "not an IP address or CIDR block: '%s'",
        text);
    if (!a.isPrefixed()) {
      return a.toPrefixBlock(a.getBitCount());
    }
    return a.toPrefixBlock();
  }

  /** The canonical text of a block: {@code 10.0.0.0/8}, {@code fd00::/48}. */
  public static String format(IPAddress block) {
    return block.toCanonicalString();
  }

  /** Whether {@code block} contains {@code address}, IPv4-mapped IPv6 addresses included. */
  public static boolean contains(IPAddress block, IPAddress address) {
    IPAddress a = unmap(address);
    if (block.isIPv4() != a.isIPv4()) {
      return false;
    }
    return block.contains(a);
  }

  /** An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) as IPv4; anything else unchanged. */
  public static IPAddress unmap(IPAddress address) {
    if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
      return address.toIPv6().getEmbeddedIPv4Address();
    }
    return address;
  }
}
