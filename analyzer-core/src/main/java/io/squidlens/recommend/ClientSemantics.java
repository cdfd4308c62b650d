package io.squidlens.recommend;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How HTTP clients other than Go read NO_PROXY, one constant per client. Each implements the
 * client's own matching code: where it splits, whether {@code .x}, {@code *.x} and {@code x} mean
 * the zone, its subdomains or only itself, whether CIDRs and ports count, and which addresses
 * bypass the proxy implicitly.
 */
enum ClientSemantics implements NoProxySemantics {
  /**
   * curl 7.86 or later ({@code lib/noproxy.c}): commas; a leading dot is ignored, so {@code x} and
   * {@code .x} both mean x and its subdomains; {@code *} only as the whole value; CIDRs match IP
   * literals; entries with a port never match; no implicit loopback.
   */
  CURL("curl") {
    @Override
    String match(Entry e, Destination d) {
      if (e.port != null || e.text.startsWith("*")) {
        return null;
      }
      if (d.isIpLiteral() && e.block != null) {
        return Cidrs.contains(e.block, d.address()) ? e.raw : null;
      }
      String name = e.undotted;
      return apexOrSubdomain(d.host(), name) ? e.raw : null;
    }

    @Override
    Star star() {
      return Star.WHOLE_VALUE;
    }
  },

  /**
   * Python's {@code urllib.request.proxy_bypass_environment}: commas; leading dots stripped, then x
   * matches x and its subdomains; no CIDR; {@code host:port} only for URLs that carry that explicit
   * port (squidlens assumes ports 80 and 443 were implicit); IPv6 only as {@code [v6]}, read from
   * CPython's source; {@code *} only as the whole value.
   */
  PYTHON("python") {
    @Override
    String match(Entry e, Destination d) {
      // proxy_bypass_environment tries each entry, leading dots stripped, as the regular
      // expression (.+\.)?entry$ against the host alone and against the URL's netloc, which
      // keeps IPv6 brackets and an explicit port.
      String name = e.undotted;
      String host = bracketed(d);
      String port = explicitPort(d);
      String netloc = port == null ? host : host + ":" + port;
      return apexOrSubdomain(host, name) || apexOrSubdomain(netloc, name) ? e.raw : null;
    }

    @Override
    Star star() {
      return Star.WHOLE_VALUE;
    }
  },

  /**
   * requests 2.34 or later ({@code should_bypass_proxies}): spaces removed, commas; for IPv4
   * literals CIDR blocks and exact addresses; for names leading dots stripped, then x and its
   * subdomains, and {@code host:port} for URLs with that explicit port; bare IPv6 entries match.
   */
  REQUESTS("requests") {
    @Override
    String match(Entry e, Destination d) {
      // Its own check sees the host without brackets, with ":port" only when the URL has one;
      // then urllib's check runs on the bare host name.
      String host = d.host();
      if (d.isIpLiteral() && d.address().isIPv4()) {
        if (e.block != null) {
          boolean hit =
              e.block.isPrefixed()
                  ? Cidrs.contains(e.block, d.address())
                  : e.block.equals(Cidrs.unmap(d.address()));
          if (hit) {
            return e.raw;
          }
        }
      } else {
        String port = explicitPort(d);
        String hostWithPort = port == null ? host : host + ":" + port;
        if (apexOrSubdomain(hostWithPort, e.undotted)) {
          return e.raw;
        }
      }
      return apexOrSubdomain(host, e.undotted) ? e.raw : null;
    }

    @Override
    Star star() {
      return Star.WHOLE_VALUE;
    }
  },

  /**
   * The JDK's {@code http.nonProxyHosts} (which also governs HTTPS): {@code |} separated (commas
   * accepted here too), case-insensitive, {@code *} only as the first or last character; a plain
   * entry matches exactly, so {@code .x} matches nothing and {@code x} not its subdomains; no CIDR,
   * no ports; IPv6 only in brackets. Setting the property replaces the default {@code
   * localhost|127.*|[::1]}.
   */
  JAVA("java") {
    @Override
    String match(Entry e, Destination d) {
      if (e.port != null && !e.text.startsWith("[")) {
        return null;
      }
      String host = bracketed(d);
      String p = e.text;
      if (p.equals("*")) {
        return e.raw;
      }
      if (p.startsWith("*")) {
        return host.endsWith(p.substring(1)) ? e.raw : null;
      }
      if (p.endsWith("*")) {
        return host.startsWith(p.substring(0, p.length() - 1)) ? e.raw : null;
      }
      return host.equals(p) ? e.raw : null;
    }

    @Override
    List<String> split(String value) {
      return List.of(value.split("[|,]", -1));
    }
  },

  /**
   * Node's {@code proxy-from-env} (used by axios and many CLIs): commas or whitespace; {@code x}
   * matches exactly; {@code .x} and {@code *.x} match subdomains; {@code *x} is a raw suffix
   * ({@code *example.com} also matches {@code badexample.com}); ports must be equal; no CIDR; IPv6
   * only bracketed.
   */
  NODE("node") {
    @Override
    String match(Entry e, Destination d) {
      String host = bracketed(d);
      if (e.port != null && !e.port.equals(portOf(d))) {
        return null;
      }
      String p = e.name;
      if (!p.startsWith(".") && !p.startsWith("*")) {
        return host.equals(p) ? e.raw : null;
      }
      if (p.startsWith("*")) {
        p = p.substring(1);
      }
      return host.endsWith(p) ? e.raw : null;
    }

    @Override
    List<String> split(String value) {
      return List.of(value.split("[,\\s]", -1));
    }
  },

  /**
   * GNU Wget: only the lower-case variable; commas; {@code x} matches x and its subdomains, {@code
   * .x} only subdomains; {@code *} and {@code *.x} match nothing; no CIDR, no ports.
   */
  WGET("wget") {
    @Override
    String match(Entry e, Destination d) {
      if (e.port != null || e.text.startsWith("*")) {
        return null;
      }
      if (e.block != null && e.block.isPrefixed()) {
        return null;
      }
      String h = d.host();
      String p = e.text;
      if (p.startsWith(".")) {
        return h.endsWith(p) ? e.raw : null;
      }
      return apexOrSubdomain(h, p) ? e.raw : null;
    }

    @Override
    Star star() {
      return Star.NEVER;
    }
  };

  private final String client;

  ClientSemantics(String client) {
    this.client = client;
  }

  @Override
  public String client() {
    return client;
  }

  /** The entry (as written) that sends {@code d} direct, or null. */
  abstract String match(Entry e, Destination d);

  List<String> split(String value) {
    return List.of(value.split(",", -1));
  }

  /** Where a lone {@code *} entry means "everything" for this client. */
  enum Star {
    /** Anywhere in the list. */
    ANYWHERE,
    /** Only as the whole value; inside a list it matches nothing. */
    WHOLE_VALUE,
    /** Never. */
    NEVER
  }

  Star star() {
    return Star.ANYWHERE;
  }

  @Override
  public Matcher compile(String noProxy) {
    if (noProxy.strip().equals("*") && star() != Star.NEVER) {
      return d -> Route.byEntry("*");
    }
    List<Entry> entries = new ArrayList<>();
    for (String raw : split(noProxy)) {
      String t = raw.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (t.equals("*")) {
        if (star() == Star.ANYWHERE) {
          return d -> Route.byEntry("*");
        }
        continue;
      }
      entries.add(Entry.parse(t));
    }
    return d -> {
      for (Entry e : entries) {
        String hit = match(e, d);
        if (hit != null) {
          return Route.byEntry(hit);
        }
      }
      return Route.proxied();
    };
  }

  /** One parsed entry: its text lower-cased, a port if written, an address or block if any. */
  static final class Entry {
    final String raw;
    final String text;
    final String name;
    // The text without leading dots, once per entry rather than once per destination checked.
    final String undotted;
    final String port;
    final IPAddress block;

    private Entry(String raw, String text, String port, IPAddress block) {
      this.raw = raw;
      this.text = text;
      this.name = port == null ? text : text.substring(0, text.length() - port.length() - 1);
      this.port = port;
      this.block = block;
      this.undotted = stripDots(text);
    }

    static Entry parse(String raw) {
      String t = raw.toLowerCase(Locale.ROOT);
      String port = null;
      int colon = t.lastIndexOf(':');
      if (t.startsWith("[")) {
        int close = t.indexOf(']');
        if (close > 0 && close + 1 < t.length() && t.charAt(close + 1) == ':') {
          port = t.substring(close + 2);
        }
      } else if (colon > 0 && t.indexOf(':') == colon) {
        port = t.substring(colon + 1);
      }
      IPAddress block = null;
      String bare = t.startsWith(".") ? t.substring(1) : t;
      if (port == null && (bare.contains("/") || Destination.parseLiteral(bare) != null)) {
        IPAddress a = new IPAddressString(bare).getAddress();
        if (a != null) {
          block = a.isPrefixed() ? a.toPrefixBlock() : a;
        }
      }
      return new Entry(raw, t, port, block);
    }
  }

  static String stripDots(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '.') {
      i++;
    }
    return s.substring(i);
  }

  static boolean apexOrSubdomain(String host, String name) {
    return !name.isEmpty() && (host.equals(name) || Destination.isUnder(host, name));
  }

  /** The host as a URL writes it: IPv6 literals in brackets. */
  static String bracketed(Destination d) {
    return d.isIpLiteral() && d.address().isIPv6() ? "[" + d.host() + "]" : d.host();
  }

  static String portOf(Destination d) {
    return d.port() < 0 ? "" : Integer.toString(d.port());
  }

  /** The port a client would have written in its URL: null for the default ports. */
  static String explicitPort(Destination d) {
    return d.port() < 0 || d.port() == 80 || d.port() == 443 ? null : Integer.toString(d.port());
  }
}
