package io.squidlens.recommend;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Go's {@code golang.org/x/net/http/httpproxy} rules, used by CRI-O, kubelet, {@code oc} and most
 * operators: split on commas, trim, lower-case; {@code *} alone matches everything; a CIDR or IP
 * matches IP-literal hosts only; {@code name} matches the name and its subdomains, {@code .name}
 * and {@code *.name} only subdomains; an entry port must equal the request port; {@code localhost}
 * and loopback addresses never use the proxy.
 */
enum GoSemantics implements NoProxySemantics {
  INSTANCE;

  @Override
  public String client() {
    return "go";
  }

  @Override
  public Matcher compile(String noProxy) {
    List<Rule> ip = new ArrayList<>();
    List<Rule> domains = new ArrayList<>();
    boolean all = false;
    for (String raw : noProxy.split(",", -1)) {
      String p = raw.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("*")) {
        all = true;
        break;
      }
      if (p.contains("/")) {
        IPAddress block = new IPAddressString(p).getAddress();
        if (block != null && block.isPrefixed()) {
          ip.add(new Rule(raw.strip(), block.toPrefixBlock(), null, null, false));
        }
        continue;
      }
      String host = p;
      String port = null;
      int lastColon = p.lastIndexOf(':');
      if (p.startsWith("[")) {
        int close = p.indexOf(']');
        if (close > 0) {
          host = p.substring(1, close);
          if (close + 1 < p.length() && p.charAt(close + 1) == ':') {
            port = p.substring(close + 2);
          }
        }
      } else if (lastColon >= 0 && p.indexOf(':') == lastColon) {
        host = p.substring(0, lastColon);
        port = p.substring(lastColon + 1);
      }
      IPAddress literal = Destination.parseLiteral(host);
      if (literal != null) {
        ip.add(new Rule(raw.strip(), literal, port, null, false));
        continue;
      }
      if (host.isEmpty()) {
        continue;
      }
      if (host.startsWith("*.")) {
        host = host.substring(1);
      }
      boolean matchHost = false;
      if (host.charAt(0) != '.') {
        matchHost = true;
        host = "." + host;
      }
      try {
        host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        // Go keeps the entry as written when IDNA conversion fails.
      }
      domains.add(new Rule(raw.strip(), null, port, host, matchHost));
    }
    boolean matchAll = all;
    return d -> {
      if (matchAll) {
        return "*";
      }
      String h = d.host();
      if (h.equals("localhost")) {
        return "<localhost>";
      }
      String port = d.port() < 0 ? "" : Integer.toString(d.port());
      if (d.isIpLiteral()) {
        IPAddress a = Cidrs.unmap(d.address());
        if (a.isLoopback()) {
          return "<loopback>";
        }
        for (Rule r : ip) {
          boolean hit = r.block.isPrefixed() ? Cidrs.contains(r.block, a) : r.block.equals(a);
          if (hit && (r.port == null || r.port.equals(port))) {
            return r.raw;
          }
        }
      }
      for (Rule r : domains) {
        boolean hit = h.endsWith(r.suffix) || (r.matchHost && h.equals(r.suffix.substring(1)));
        if (hit && (r.port == null || r.port.equals(port))) {
          return r.raw;
        }
      }
      return null;
    };
  }

  private record Rule(String raw, IPAddress block, String port, String suffix, boolean matchHost) {}
}
