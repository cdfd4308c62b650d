package io.squidlens.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** Parsing and containment for CIDR blocks given by users and built-in rules. */
public final class Cidrs {
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
