package io.squidlens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.recommend.NoProxyCheck;
import io.squidlens.recommend.NoProxySemantics;
import io.squidlens.recommend.Recommendation;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what {@code squidlens check} found: per entry what it means to each client, whether
 * OpenShift accepts it and whether it is unsafe; with a log, per destination whether each client
 * goes direct or through the proxy. Stateless.
 */
final class CheckReport {
  /** Widest destination name on a row; longer ones get a line of their own. */
  private static final int NAME = 44;

  private CheckReport() {}

  /**
   * Writes the text form.
   *
   * @param withLog whether destinations from a log were checked
   */
  static void text(NoProxyCheck.Result r, Writer out, boolean withLog) throws IOException {
    StringBuilder sb = new StringBuilder();
    int clients = r.clients().size();
    long problems = r.entries().stream().filter(e -> e.problem(clients)).count();
    sb.append(
        String.format(
            Locale.ROOT,
            "NO_PROXY check: %d entr%s, clients %s%s\n",
            r.entries().size(),
            r.entries().size() == 1 ? "y" : "ies",
            String.join(", ", r.clients()),
            problems == 0
                ? ""
                : String.format(Locale.ROOT, "; %d marked ! need attention", problems)));
    sb.append("\nEntries\n");
    for (NoProxyCheck.EntryMeaning e : r.entries()) {
      sb.append(e.problem(clients) ? "! " : "  ").append(Escapes.terminal(e.value()));
      if (withLog) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  (matches %,d logged destination%s)",
                e.matched(),
                e.matched() == 1 ? "" : "s"));
      }
      sb.append('\n');
      if (e.unsafeReason() != null) {
        TextReport.wrap(sb, "      UNSAFE: ", 6, Escapes.terminal(e.unsafeReason()));
      }
      for (Map.Entry<String, List<String>> g : grouped(r, e).entrySet()) {
        TextReport.wrap(
            sb, "      ", 6, Escapes.terminal(String.join(", ", g.getValue()) + ": " + g.getKey()));
      }
      if (!e.ignoredBy().isEmpty()) {
        TextReport.wrap(sb, "      ", 6, "dead for " + String.join(", ", e.ignoredBy()));
      }
      TextReport.wrap(
          sb,
          "      ",
          6,
          e.openShiftRejects() == null
              ? "OpenShift proxy/cluster: accepted"
              : "OpenShift proxy/cluster: rejected (" + e.openShiftRejects() + ")");
    }
    if (withLog) {
      sb.append("\nDestinations (D direct, P through the proxy)\n");
      StringBuilder head =
          new StringBuilder(String.format(Locale.ROOT, "  %-" + NAME + "s %-17s", "", ""));
      for (String c : r.clients()) {
        head.append(String.format(Locale.ROOT, " %-5s", abbreviate(c)));
      }
      sb.append(head.toString().stripTrailing()).append('\n');
      for (NoProxyCheck.Row row : r.destinations()) {
        String mark = row.problem() == null ? " " : "!";
        String name = Escapes.terminal(row.destination());
        if (name.length() > NAME) {
          // Whole, on a line of its own: two long names cut to the same text would be one.
          TextReport.wrap(sb, mark + " ", 2, name);
          name = "";
          mark = " ";
        }
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "%s %-" + NAME + "s %-17s",
                    mark,
                    name,
                    row.destinationClass().id()));
        for (NoProxySemantics.Route hit : row.routes()) {
          line.append(String.format(Locale.ROOT, " %-5s", hit.direct() ? "D" : "P"));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
        if (row.problem() != null) {
          TextReport.wrap(sb, "      ", 6, row.problem());
        }
      }
      if (r.destinations().isEmpty()) {
        sb.append("  (no destinations in the log)\n");
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "\n%d of %d destinations have a problem\n",
              r.problems().size(),
              r.destinations().size()));
    }
    out.write(sb.toString());
    out.flush();
  }

  /** Clients grouped by what the entry means to them, in first-seen order. */
  private static Map<String, List<String>> grouped(
      NoProxyCheck.Result r, NoProxyCheck.EntryMeaning e) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> c : NoProxyCheck.byClient(r, e).entrySet()) {
      m.computeIfAbsent(c.getValue(), k -> new ArrayList<>()).add(c.getKey());
    }
    return m;
  }

  private static String abbreviate(String client) {
    return client.length() <= 5 ? client : client.substring(0, 4) + ".";
  }

  /**
   * Writes the JSON form.
   *
   * @param withLog whether destinations from a log were checked
   */
  static void json(NoProxyCheck.Result r, Writer out, boolean withLog) throws IOException {
    JsonGenerator g = Escapes.jsonGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeArrayFieldStart("clients");
    for (String c : r.clients()) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("entries");
    for (NoProxyCheck.EntryMeaning e : r.entries()) {
      g.writeStartObject();
      g.writeStringField("value", e.value());
      g.writeBooleanField("problem", e.problem(r.clients().size()));
      g.writeObjectFieldStart("meaning");
      for (Map.Entry<String, String> m : NoProxyCheck.byClient(r, e).entrySet()) {
        g.writeStringField(m.getKey(), m.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("ignoredBy");
      for (String c : e.ignoredBy()) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeBooleanField("clientsDisagree", e.clientsDisagree());
      g.writeBooleanField("openShiftAccepts", e.openShiftRejects() == null);
      if (e.openShiftRejects() != null) {
        g.writeStringField("openShiftRejects", e.openShiftRejects());
      }
      g.writeBooleanField("unsafe", e.unsafeReason() != null);
      if (e.unsafeReason() != null) {
        g.writeStringField("unsafeReason", e.unsafeReason());
      }
      g.writeArrayFieldStart("exemptsInternet");
      for (Recommendation.Exempted x : e.exemptsInternet()) {
        g.writeStartObject();
        g.writeStringField("host", x.host());
        g.writeNumberField("requests", x.requests());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (withLog) {
        g.writeNumberField("matchedDestinations", e.matched());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    if (withLog) {
      g.writeArrayFieldStart("destinations");
      for (NoProxyCheck.Row row : r.destinations()) {
        g.writeStartObject();
        g.writeStringField("destination", row.destination());
        g.writeStringField("destinationClass", row.destinationClass().id());
        g.writeNumberField("requests", row.requests());
        g.writeNumberField("deniedRequests", row.deniedRequests());
        g.writeObjectFieldStart("clients");
        for (int i = 0; i < r.clients().size(); i++) {
          NoProxySemantics.Route hit = row.routes().get(i);
          g.writeObjectFieldStart(r.clients().get(i));
          g.writeStringField("route", hit.direct() ? "direct" : "proxy");
          if (hit instanceof NoProxySemantics.Route.ByEntry e) {
            g.writeStringField("entry", e.written());
          } else if (hit instanceof NoProxySemantics.Route.Implicit rule) {
            g.writeStringField("entry", "<" + rule.rule() + ">");
          }
          g.writeEndObject();
        }
        g.writeEndObject();
        if (row.problem() == null) {
          g.writeNullField("problem");
        } else {
          g.writeStringField("problem", row.problem());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }
}
