package io.squidlens.recommend;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates a NO_PROXY list (Go dialect) into the JDK's {@code http.nonProxyHosts}, keeping what
 * each entry means to Go: {@code x} becomes {@code x|*.x}, {@code .x} becomes {@code *.x}, an IPv4
 * block becomes octet wildcards ({@code 172.20.0.0/16} is {@code 172.20.*}) and IPv6 addresses are
 * bracketed. The JDK default {@code localhost|127.*|[::1]} comes first: setting the property
 * replaces it.
 */
final class JavaNonProxyHosts {
  /** A block not on an octet boundary is split into at most this many octet patterns. */
  private static final int MAX_SPLIT = 16;

  private JavaNonProxyHosts() {}

  /** The patterns, and notes on entries Java cannot express or that had to change. */
  record Result(List<String> patterns, List<String> notes) {
    Result {
      patterns = List.copyOf(patterns);
      notes = List.copyOf(notes);
    }

    String value() {
      return String.join("|", patterns);
    }
  }

  /**
   * Translates {@code entries}.
   *
   * @param internet destinations the log shows as internet: no pattern may match one
   */
  static Result translate(Collection<String> entries, List<Destination> internet) {
    Set<String> out = new LinkedHashSet<>(List.of("localhost", "127.*", "[::1]"));
    List<String> notes = new ArrayList<>();
    for (String e : entries) {
      String entry = e.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty() || entry.equals("localhost") || entry.equals("127.0.0.1")) {
        continue; // the JDK defaults, kept first, already match these
      }
      if (entry.equals("*")) {
        out.add("*");
      } else if (entry.indexOf('/') >= 0) {
        block(entry, internet, out, notes);
      } else if (Destination.parseLiteral(entry) != null) {
        IPAddress a = Destination.parseLiteral(entry);
        out.add(a.isIPv6() ? "[" + a.toCompressedString() + "]" : entry);
      } else if (entry.startsWith(".")) {
        out.add("*" + entry);
      } else if (entry.startsWith("*.") || entry.indexOf(':') >= 0) {
        notes.add("java: '" + entry + "' has no http.nonProxyHosts form and is left out");
      } else {
        out.add(entry);
        out.add("*." + entry);
      }
    }
    // Names keep their Go meaning exactly (Go's "x" and ".x" cover what "x|*.x" and "*.x" do),
    // so only octet patterns can reach further than the Go list. The JDK's matcher judges them
    // against every internet IP literal; a pattern that matches one goes.
    List<String> patterns = new ArrayList<>(out);
    NoProxySemantics.Matcher m = ClientSemantics.JAVA.compile(String.join("|", patterns));
    for (Destination d : internet) {
      if (!d.isIpLiteral()) {
        continue;
      }
      for (String hit = m.route(d).entry();
          hit != null && !hit.equals("*");
          hit = m.route(d).entry()) {
        patterns.remove(hit);
        notes.add(
            "java: left out '" + hit + "': it would also match internet destination " + d.host());
        m = ClientSemantics.JAVA.compile(String.join("|", patterns));
      }
    }
    return new Result(patterns, notes);
  }

  private static void block(
      String entry, List<Destination> internet, Set<String> out, List<String> notes) {
    IPAddress block = new IPAddressString(entry).getAddress();
    if (block == null || !block.isPrefixed()) {
      notes.add("java: '" + entry + "' is not a CIDR block and is left out");
      return;
    }
    block = block.toPrefixBlock();
    if (block.isIPv6()) {
      notes.add(
          "java: http.nonProxyHosts cannot express the IPv6 range "
              + entry
              + "; list its addresses in brackets if Java clients reach them");
      return;
    }
    int prefix = block.getNetworkPrefixLength();
    if (prefix == 0) {
      out.add("*");
      return;
    }
    int down = prefix / 8 * 8;
    int up = (prefix + 7) / 8 * 8;
    if (down == prefix) {
      out.add(octets(block, prefix));
      return;
    }
    IPAddress wide = block.setPrefixLength(down, false).toPrefixBlock();
    int parts = 1 << (up - prefix);
    boolean wideIsSafe = true;
    for (Destination d : internet) {
      if (d.isIpLiteral() && Cidrs.contains(wide, d.address())) {
        wideIsSafe = false;
        break;
      }
    }
    if (parts > MAX_SPLIT && wideIsSafe) {
      out.add(octets(wide, down));
      notes.add(
          "java: "
              + entry
              + " widened to "
              + Cidrs.format(wide)
              + " ("
              + octets(wide, down)
              + "): http.nonProxyHosts matches whole octets only");
      return;
    }
    var it = block.prefixBlockIterator(up);
    while (it.hasNext()) {
      out.add(octets(it.next(), up));
    }
  }

  /** {@code 172.20.0.0/16} as {@code 172.20.*}; a /32 as the address itself. */
  private static String octets(IPAddress block, int prefix) {
    String[] parts = block.getLower().withoutPrefixLength().toNormalizedString().split("\\.", -1);
    int n = prefix / 8;
    if (n == 4) {
      return String.join(".", parts);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(parts[i]).append('.');
    }
    return sb.append('*').toString();
  }
}
