package io.squidlens.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import io.squidlens.base.Checks;
import java.net.IDN;
import java.util.Locale;
import java.util.Objects;

/**
 * A request destination: a normalised host name or IP literal and a port. Immutable. Used by every
 * package that handles destinations.
 *
 * <p>Normalisation follows what NO_PROXY matching compares against: lower case, one trailing dot
 * removed, IPv6 brackets removed, internationalised names in punycode, userinfo dropped.
 *
 * @param host the normalised host (never empty; may be {@link #isValidName() invalid})
 * @param port the port, or -1 when the log gives none (a CONNECT without port)
 * @param address the parsed address when {@code host} is an IP literal, else null
 */
public record Destination(String host, int port, IPAddress address) {

  private static final IPAddressStringParameters LITERALS =
      new IPAddressStringParameters.Builder()
          .allowEmpty(false)
          .allowPrefix(false)
          .allowMask(false)
          .allowWildcardedSeparator(false)
          .allow_inet_aton(false)
          .allowSingleSegment(false)
          .toParams();

  /** Checks the host is non-empty. */
  public Destination {
    Objects.requireNonNull(host, "host");
    Checks.requireArgument(!host.isEmpty(), "empty destination host");
    Checks.requireArgument(port >= -1 && port <= 65535, "port %d out of range for %s", port, host);
  }

  /** Creates a destination from an already normalised host. */
  public static Destination of(String host, int port) {
    return new Destination(host, port, parseLiteral(host));
  }

  /**
   * Parses an authority as logged ({@code host}, {@code host:port}, {@code [v6]:port}, {@code
   * user@host}).
   *
   * @param defaultPort the port implied by the scheme, or -1
   * @return the destination, or null if the authority names no host
   */
  public static Destination fromAuthority(String authority, int defaultPort) {
    String a = authority;
    int at = a.lastIndexOf('@');
    if (at >= 0) {
      a = a.substring(at + 1);
    }
    String host;
    String port = null;
    if (a.startsWith("[")) {
      int close = a.indexOf(']');
      if (close < 0) {
        host = a.substring(1);
      } else {
        host = a.substring(1, close);
        if (close + 1 < a.length() && a.charAt(close + 1) == ':') {
          port = a.substring(close + 2);
        }
      }
    } else {
      int colon = a.indexOf(':');
      if (colon >= 0 && a.indexOf(':', colon + 1) < 0) {
        host = a.substring(0, colon);
        port = a.substring(colon + 1);
      } else {
        host = a;
      }
    }
    String normalized = normalizeHost(host);
    if (normalized.isEmpty()) {
      return null;
    }
    int p = defaultPort;
    if (port != null && !port.isEmpty()) {
      p = parsePort(port);
    }
    return of(normalized, p);
  }

  /** Lower-cases, strips one trailing dot and converts IDN labels to punycode. */
  public static String normalizeHost(String host) {
    String h = host;
    if (h.endsWith(".") && h.length() > 1) {
      h = h.substring(0, h.length() - 1);
    }
    boolean ascii = true;
    for (int i = 0; i < h.length() && ascii; i++) {
      ascii = h.charAt(i) < 0x80;
    }
    if (!ascii) {
      try {
        h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        // Not a valid IDN: keep the text (lower-cased) so it is still reported, never recommended.
      }
    }
    h = h.toLowerCase(Locale.ROOT);
    IPAddress literal = parseLiteral(h);
    return literal != null && literal.isIPv6() ? literal.toCompressedString() : h;
  }

  private static int parsePort(String port) {
    if (port.length() > 5) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= 65535 ? v : -1;
  }

  /** Parses an IPv4 dotted quad or an IPv6 address; null for anything else (including names). */
  public static IPAddress parseLiteral(String text) {
    int n = text.length();
    if (n == 0 || n > 64) {
      return null;
    }
    char c = text.charAt(0);
    boolean colon = text.indexOf(':') >= 0;
    if (!colon) {
      if (c < '0' || c > '9') {
        return null;
      }
      // Dotted quads are by far the most common literal: parse them without the general
      // (and much slower) validator.
      int value = 0;
      int octet = -1;
      int dots = 0;
      for (int i = 0; i < n; i++) {
        char ch = text.charAt(i);
        if (ch >= '0' && ch <= '9') {
          octet = octet < 0 ? ch - '0' : octet * 10 + (ch - '0');
          if (octet > 255) {
            return null;
          }
        } else if (ch == '.' && octet >= 0 && dots < 3) {
          value = (value << 8) | octet;
          octet = -1;
          dots++;
        } else {
          return null;
        }
      }
      if (dots != 3 || octet < 0) {
        return null;
      }
      return new IPv4Address((value << 8) | octet);
    }
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      boolean ok =
          (ch >= '0' && ch <= '9')
              || (ch >= 'a' && ch <= 'f')
              || (ch >= 'A' && ch <= 'F')
              || ch == ':'
              || ch == '.'
              || ch == '%';
      if (!ok) {
        return null;
      }
    }
    return new IPAddressString(text, LITERALS).getAddress();
  }

  /** The port a scheme implies when the URL gives none, or -1. */
  public static int defaultPort(String scheme) {
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      case "ftp" -> 21;
      case "gopher" -> 70;
      case "wais" -> 210;
      case "whois" -> 43;
      case "cache_object" -> 3128;
      default -> -1;
    };
  }

  /**
   * Whether {@code name} lies strictly under {@code zone} ({@code a.example.com} under {@code
   * example.com}), without building the {@code "." + zone} string a suffix test would.
   */
  public static boolean isUnder(String name, String zone) {
    int n = name.length();
    int z = zone.length();
    return z > 0 && n > z && name.endsWith(zone) && name.charAt(n - z - 1) == '.';
  }

  /** Whether the host is an IP literal. */
  public boolean isIpLiteral() {
    return address != null;
  }

  /**
   * Whether the host is a syntactically valid DNS name or IP literal (letters, digits, hyphens,
   * underscores and dots, no empty labels). Invalid hosts are reported but never recommended.
   */
  public boolean isValidName() {
    if (address != null) {
      return true;
    }
    if (host.length() > 253 || host.startsWith(".") || host.contains("..")) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code host:port}, with IPv6 hosts in brackets; just the host when the port is unknown. */
  @Override
  public String toString() {
    String h = address != null && address.isIPv6() ? "[" + host + "]" : host;
    return port < 0 ? h : h + ":" + port;
  }
}
