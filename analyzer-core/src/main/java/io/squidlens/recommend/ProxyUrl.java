package io.squidlens.recommend;

import io.squidlens.base.BadValueException;
import io.squidlens.net.Destination;
import java.util.Locale;
import java.util.Objects;

/**
 * A proxy's URL, checked before it goes into files and commands: {@code http} or {@code https}, an
 * optional user and password of URL-safe characters, a host name or IP address, an optional port,
 * nothing after. Anything else (a newline, a shell expansion, a path) is refused, so no artifact
 * can carry a second line or a command. Immutable.
 *
 * @param scheme {@code http} or {@code https}
 * @param userInfo {@code user} or {@code user:password} as written (percent-encoded), or null
 * @param host lower-case host name or IP address (IPv6 without brackets)
 * @param port the port, or -1 when the URL gives none
 */
record ProxyUrl(String scheme, String userInfo, String host, int port) {

  /** Checks fields. */
  ProxyUrl {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
  }

  /**
   * Parses {@code text}.
   *
   * @param what where the value came from, for the message ({@code --proxy-url})
   * @throws BadValueException naming {@code what} and the value when it is not such a URL
   */
  static ProxyUrl parse(String text, String what) {
    String t = text.strip();
    int colon = t.indexOf("://");
    String scheme = colon < 0 ? "" : t.substring(0, colon).toLowerCase(Locale.ROOT);
    require(scheme.equals("http") || scheme.equals("https"), text, what, "scheme http or https");
    String rest = t.substring(colon + 3);
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    require(rest.indexOf('/') < 0, text, what, "no path");
    String userInfo = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      userInfo = rest.substring(0, at);
      require(!userInfo.isEmpty() && userSafe(userInfo), text, what, "a user of URL characters");
      rest = rest.substring(at + 1);
    }
    String host;
    String port = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      require(close > 0, text, what, "a closing ']'");
      host = rest.substring(1, close);
      require(
          Destination.parseLiteral(host) != null && host.indexOf('%') < 0,
          text,
          what,
          "an IPv6 address in brackets");
      String after = rest.substring(close + 1);
      if (!after.isEmpty()) {
        require(after.startsWith(":"), text, what, "':PORT' after ']'");
        port = after.substring(1);
      }
    } else {
      int c = rest.lastIndexOf(':');
      host = c < 0 ? rest : rest.substring(0, c);
      port = c < 0 ? null : rest.substring(c + 1);
      require(
          Destination.parseLiteral(host) != null || isHostName(host),
          text,
          what,
          "a host name or IP address");
    }
    int p = -1;
    if (port != null) {
      require(!port.isEmpty() && port.length() <= 5 && digits(port), text, what, "a port 1-65535");
      p = Integer.parseInt(port);
      require(p >= 1 && p <= 65535, text, what, "a port 1-65535");
    }
    return new ProxyUrl(scheme, userInfo, Destination.normalizeHost(host), p);
  }

  private static void require(boolean ok, String text, String what, String expected) {
    BadValueException.require(
        ok,
        "%s '%s': not a proxy URL (expected http://HOST:PORT or https://HOST:PORT: %s)",
        what,
        printable(text),
        expected);
  }

  /** The value with control characters shown, so a message cannot itself inject a line. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isHostName(String h) {
    if (h.isEmpty() || h.length() > 253 || h.startsWith(".") || h.endsWith(".")) {
      return false;
    }
    for (String label : h.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit(c) || c == '-';
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  /** RFC 3986 unreserved characters, percent escapes and the user/password colon only. */
  private static boolean userSafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || digit(c)
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == ':';
      if (c == '%') {
        ok = i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2));
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!digit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean hex(char c) {
    return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** The host as a URL writes it: IPv6 in brackets. */
  String hostForUrl() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  /** The port, or the scheme's default when the URL gives none. */
  int portOrDefault() {
    return port >= 0 ? port : scheme.equals("https") ? 443 : 80;
  }

  /** The URL in canonical form: {@code http://10.0.0.4:3128}. */
  @Override
  public String toString() {
    return scheme
        + "://"
        + (userInfo == null ? "" : userInfo + "@")
        + hostForUrl()
        + (port < 0 ? "" : ":" + port);
  }
}
