package io.squidlens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.Analyzer;
import io.squidlens.classify.Classification;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.net.Destination;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** Writes how one destination is classified ({@code squidlens explain}), as text or JSON. */
final class ExplainReport {
  private ExplainReport() {}

  static void text(Analyzer.Explanation x, Writer out) throws IOException {
    Destination d = x.destination();
    Classification c = x.classification();
    ClusterNetworks networks = x.networks();
    StringBuilder sb = new StringBuilder();
    sb.append(Escapes.terminal(d.toString())).append('\n');
    sb.append("  class:   ").append(c.destinationClass().id()).append('\n');
    sb.append("  reason:  ").append(Escapes.terminal(c.reason())).append('\n');
    sb.append("  profile: ")
        .append(x.profile().id())
        .append(" (")
        .append(x.profileReason())
        .append(")\n");
    sb.append("  networks: service ")
        .append(String.join(",", networks.serviceNetworks()))
        .append("; pod ")
        .append(String.join(",", networks.clusterNetworks()))
        .append(
            networks.machineNetworks().isEmpty()
                ? ""
                : "; machine " + String.join(",", networks.machineNetworks()))
        .append('\n');
    for (String a : networks.assumed()) {
      sb.append("            ").append(a).append('\n');
    }
    if (x.logged() != null) {
      sb.append("  in the log: requests ")
          .append(x.logged().requests())
          .append(", denied by Squid ")
          .append(x.logged().deniedRequests())
          .append('\n');
    }
    sb.append("  evidence, in the order squidlens weighs it:\n");
    int i = 1;
    for (String step : c.evidence()) {
      sb.append("    ").append(i++).append(". ").append(Escapes.terminal(step)).append('\n');
    }
    String e = x.noProxyEntry();
    sb.append(
            e == null
                ? "  NO_PROXY: none (internet destinations keep using the proxy)"
                : "  NO_PROXY entry that exempts it: " + Escapes.terminal(e))
        .append('\n');
    out.write(sb.toString());
    out.flush();
  }

  static void json(Analyzer.Explanation x, Writer out) throws IOException {
    Destination d = x.destination();
    Classification c = x.classification();
    JsonGenerator g = Escapes.jsonGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeStringField("host", d.host());
    if (d.port() >= 0) {
      g.writeNumberField("port", d.port());
    }
    g.writeStringField("destinationClass", c.destinationClass().id());
    g.writeStringField("reason", c.reason());
    g.writeStringField("basis", c.basis().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    g.writeStringField("profile", x.profile().id());
    g.writeStringField("profileReason", x.profileReason());
    g.writeArrayFieldStart("assumed");
    for (String a : x.networks().assumed()) {
      g.writeString(a);
    }
    g.writeEndArray();
    if (x.logged() != null) {
      g.writeNumberField("requests", x.logged().requests());
      g.writeNumberField("deniedRequests", x.logged().deniedRequests());
    }
    g.writeArrayFieldStart("evidence");
    for (String step : c.evidence()) {
      g.writeString(step);
    }
    g.writeEndArray();
    if (x.noProxyEntry() == null) {
      g.writeNullField("noProxyEntry");
    } else {
      g.writeStringField("noProxyEntry", x.noProxyEntry());
    }
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }
}
