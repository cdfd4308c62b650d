package io.squidlens.recommend;

import io.squidlens.net.Destination;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks a NO_PROXY value must pass before anyone applies it: OpenShift's validation of {@code
 * proxy/cluster} {@code spec.noProxy} and the size limits every consumer shares.
 */
final class NoProxyValidation {
  /*
   * The operator's check (cluster-network-operator ValidateProxyConfig):
   * the value is split on commas and trimmed; each entry must be an IP (net.ParseIP), a CIDR
   * (net.ParseCIDR) or a domain name with one optional leading and one optional trailing dot
   * around a DNS-1123 subdomain. "*" alone is accepted. Anything else degrades the network
   * operator with InvalidProxyConfig and leaves status.noProxy stale, so squidlens never emits it.
   */

  /** systemd refuses unit lines of this many bytes (MCO Bug 1898169): warn past it. */
  static final int SYSTEMD_LINE_LIMIT = 2048;

  /** Linux refuses a single environment string of this many bytes (MAX_ARG_STRLEN, E2BIG). */
  static final int EXEC_STRING_LIMIT = 131072;

  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private NoProxyValidation() {}

  /** Why OpenShift rejects {@code entry} (already trimmed), or null when it accepts it. */
  static String openShiftRejects(String entry) {
    if (entry.isEmpty()) {
      return "empty entries are rejected (a doubled or trailing comma)";
    }
    if (isIp(entry) || isCidr(entry)) {
      return null;
    }
    String d = entry;
    if (d.startsWith(".")) {
      d = d.substring(1);
    }
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.length() <= 253 && DNS1123_SUBDOMAIN.matcher(d).matches()) {
      return null;
    }
    if (d.indexOf('*') >= 0) {
      return "wildcards are rejected (write .example.com for the subdomains)";
    }
    if (d.indexOf(':') >= 0 || d.indexOf('[') >= 0) {
      return "ports and bracketed addresses are rejected";
    }
    if (!d.equals(d.toLowerCase(Locale.ROOT))) {
      return "upper case is rejected";
    }
    if (d.indexOf('_') >= 0) {
      return "underscores are rejected";
    }
    if (d.length() > 253) {
      return "longer than 253 characters";
    }
    return "not a DNS-1123 name, IP address or CIDR block";
  }

  /**
   * Why an entry of a list in force cannot be carried into a file or command, or null when it can:
   * NO_PROXY entries are host names, addresses, blocks, ports and wildcards, so only letters,
   * digits and {@code . - _ : / [ ] *} belong in one; anything else (a space, a quote, a {@code $},
   * a control character) would change the file or shell line it is written into.
   */
  static String unparseable(String entry) {
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ".-_:/[]*".indexOf(c) >= 0;
      if (!ok) {
        return c < 0x20 || c >= 0x7F
            ? String.format(Locale.ROOT, "not a NO_PROXY entry (character U+%04X)", (int) c)
            : "not a NO_PROXY entry (character '" + c + "')";
      }
    }
    return null;
  }

  /** Every entry of {@code value} OpenShift rejects, as {@code 'entry': reason}; empty if valid. */
  static List<String> openShiftProblems(String value) {
    List<String> problems = new ArrayList<>();
    if (value.strip().equals("*") || value.isEmpty()) {
      return problems;
    }
    for (String raw : value.split(",", -1)) {
      String reason = openShiftRejects(raw.strip());
      if (reason != null) {
        problems.add("'" + raw.strip() + "': " + reason);
      }
    }
    return problems;
  }

  /**
   * The size problem of setting {@code variable=value} in a process environment: an error text when
   * no process could start with it, else null.
   */
  static String sizeError(String variable, String value) {
    int bytes = (variable + "=" + value).getBytes(StandardCharsets.UTF_8).length;
    if (bytes < EXEC_STRING_LIMIT) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%s is %d bytes: Linux refuses to start a process with an environment string of %d"
            + " bytes or more (E2BIG); exempt ranges or zones instead of single hosts",
        variable,
        bytes,
        EXEC_STRING_LIMIT);
  }

  /**
   * A warning when {@code Environment="variable=value"} would be too long a systemd unit line, else
   * null.
   */
  static String sizeWarning(String variable, String value) {
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    int line = ("Environment=\"" + variable + "=\"").length() + bytes;
    if (line < SYSTEMD_LINE_LIMIT) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%s is %d bytes: systemd rejects unit lines of %d bytes or more (Environment= lines"
            + " rendered by the Machine Config Operator, docker drop-ins) and curl on Windows"
            + " ignores values over 258 characters",
        variable,
        bytes,
        SYSTEMD_LINE_LIMIT);
  }

  private static boolean isIp(String s) {
    return s.indexOf('%') < 0 && Destination.parseLiteral(s) != null;
  }

  private static boolean isCidr(String s) {
    int slash = s.indexOf('/');
    if (slash <= 0 || slash == s.length() - 1 || s.length() - slash > 4) {
      return false;
    }
    String ip = s.substring(0, slash);
    if (!isIp(ip)) {
      return false;
    }
    int bits = 0;
    for (int i = slash + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      bits = bits * 10 + (c - '0');
    }
    return bits <= (ip.indexOf(':') >= 0 ? 128 : 32);
  }
}
