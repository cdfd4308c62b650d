package io.squidlens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.Analysis;
import io.squidlens.Diff;
import io.squidlens.aggregate.Summary;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a before/after comparison ({@code squidlens diff}) as text, JSON or Markdown: the verdict
 * first, then the fixed, still-proxied and new destinations, then the timeline around the change.
 */
final class DiffReport {
  /** Destinations named in the text verdict line before "and N more". */
  private static final int NAMED = 3;

  private DiffReport() {}

  /** The verdict: {@code 3 fixed, 2 still through the proxy (a:443, b:2040), 1 new after}. */
  static String verdict(Diff d) {
    StringBuilder sb = new StringBuilder();
    sb.append(d.fixed().size())
        .append(" fixed, ")
        .append(d.stillProxied().size())
        .append(" still through the proxy");
    if (!d.stillProxied().isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Diff.Change c : d.stillProxied().subList(0, Math.min(NAMED, d.stillProxied().size()))) {
        names.add(c.destination());
      }
      if (d.stillProxied().size() > NAMED) {
        names.add("and " + (d.stillProxied().size() - NAMED) + " more");
      }
      sb.append(" (").append(String.join(", ", names)).append(')');
    }
    sb.append(", ").append(d.newAfter().size()).append(" new after");
    return sb.toString();
  }

  static String side(String name, Summary s, double hours) {
    String span = s.hasRecords() ? Times.span(s.firstSeen(), s.lastSeen()) : "no records";
    return String.format(
        Locale.ROOT, "%s: %,d records over %s h, %s", name, s.records(), hours(hours), span);
  }

  private static String hours(double h) {
    return String.format(Locale.ROOT, "%.2f", h);
  }

  static double perHour(long requests, double hours) {
    return Math.round(requests / hours * 10) / 10.0;
  }

  static void text(Diff d, Writer out, boolean color, boolean unicode) throws IOException {
    TextReport.Style st = new TextReport.Style(color);
    StringBuilder sb = new StringBuilder();
    TextReport.wrap(sb, "", 2, st.bold("squidlens diff") + ": " + Escapes.terminal(verdict(d)));
    if (d.split()) {
      sb.append("  split at ").append(Times.iso(d.atMillis())).append('\n');
    }
    TextReport.wrap(sb, "  ", 4, side("before", d.before().summary(), d.beforeHours()));
    TextReport.wrap(sb, "  ", 4, side("after", d.after().summary(), d.afterHours()));
    Analysis w = d.whole();
    TextReport.wrap(sb, "  ", 4, "profile " + w.profile().id() + " (" + w.profileReason() + ")");
    String window = Times.window(w.window(), w.summary().outsideWindowLines());
    if (window != null) {
      TextReport.wrap(sb, "  ", 4, window);
    }
    table(
        sb, st, "Fixed: private destinations that no longer reach the proxy", d.fixed(), d, false);
    table(
        sb,
        st,
        "Still through the proxy: add the entry, or find the client that does not read NO_PROXY",
        d.stillProxied(),
        d,
        true);
    table(sb, st, "New after", d.newAfter(), d, false);
    Timelines.text(sb, w.timeline(), unicode, st.bold("Over time"));
    if (d.split() && !w.timeline().buckets().isEmpty()) {
      marker(sb, w.timeline(), d.atMillis());
    }
    if (!w.warnings().isEmpty()) {
      sb.append('\n').append(st.bold("Warnings")).append('\n');
      for (String warning : w.warnings()) {
        TextReport.wrap(sb, "  " + st.yellow("!") + " ", 4, Escapes.terminal(warning));
      }
    }
    out.write(sb.toString());
    out.flush();
  }

  /** A caret under the column of the text timeline that holds {@code at}. */
  private static void marker(StringBuilder sb, Analysis.Timeline t, long at) {
    List<Timelines.Group> g = Timelines.groups(t, Timelines.COLUMNS);
    int col = -1;
    for (int i = 0; i < g.size(); i++) {
      if (at >= g.get(i).startMillis() && at < g.get(i).endMillis()) {
        col = i;
      }
    }
    if (col < 0) {
      col = at < g.get(0).startMillis() ? 0 : g.size() - 1;
    }
    sb.append(" ".repeat(2 + 18 + 1 + col)).append("^ split\n");
  }

  private static void table(
      StringBuilder sb,
      TextReport.Style st,
      String title,
      List<Diff.Change> rows,
      Diff d,
      boolean entry) {
    sb.append('\n').append(st.bold(title)).append(" (").append(rows.size()).append(")\n");
    if (rows.isEmpty()) {
      sb.append("  none\n");
      return;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-40s %-17s %9s %9s %9s %9s\n",
            "destination",
            "class",
            "before/h",
            "after/h",
            "denied b.",
            "denied a."));
    for (Diff.Change c : rows) {
      String name = Escapes.terminal(c.destination());
      if (name.length() > 40) {
        sb.append("  ").append(name).append('\n');
        name = "";
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-40s %-17s %9.1f %9.1f %,9d %,9d",
              name,
              c.destinationClass().id(),
              perHour(c.beforeRequests(), d.beforeHours()),
              perHour(c.afterRequests(), d.afterHours()),
              c.beforeDenied(),
              c.afterDenied()));
      TextReport.trimEnd(sb);
      sb.append('\n');
      if (entry && c.noProxyEntry() != null) {
        sb.append("      NO_PROXY entry: ").append(Escapes.terminal(c.noProxyEntry())).append('\n');
      }
    }
  }

  static void json(Diff d, Writer out, Provenance how) throws IOException {
    JsonGenerator g = Escapes.jsonGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeNumberField("schemaVersion", JsonReport.SCHEMA_VERSION);
    g.writeStringField("squidlensVersion", how.version());
    if (d.split()) {
      g.writeStringField("at", Times.iso(d.atMillis()));
    } else {
      g.writeNullField("at");
    }
    g.writeStringField("verdict", verdict(d));
    g.writeObjectFieldStart("window");
    JsonReport.writeTime(g, "since", d.whole().window().since());
    JsonReport.writeTime(g, "until", d.whole().window().until());
    g.writeEndObject();
    side(g, "before", d.before().summary(), d.beforeHours());
    side(g, "after", d.after().summary(), d.afterHours());
    g.writeObjectFieldStart("profile");
    g.writeStringField("name", d.whole().profile().id());
    g.writeStringField("reason", d.whole().profileReason());
    g.writeEndObject();
    g.writeObjectFieldStart("summary");
    g.writeNumberField("fixed", d.fixed().size());
    g.writeNumberField("stillProxied", d.stillProxied().size());
    g.writeNumberField("newAfter", d.newAfter().size());
    g.writeEndObject();
    changes(g, "fixed", d.fixed(), d);
    changes(g, "stillProxied", d.stillProxied(), d);
    changes(g, "newAfter", d.newAfter(), d);
    JsonReport.writeTimeline(g, d.whole().timeline());
    g.writeArrayFieldStart("warnings");
    for (String warning : d.whole().warnings()) {
      g.writeString(warning);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }

  private static void side(JsonGenerator g, String name, Summary s, double hours)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("records", s.records());
    g.writeNumberField("malformedLines", s.malformedLines());
    g.writeNumberField("outsideWindowLines", s.outsideWindowLines());
    JsonReport.writeTime(g, "firstSeen", s.firstSeen());
    JsonReport.writeTime(g, "lastSeen", s.lastSeen());
    g.writeNumberField("hours", Math.round(hours * 10_000) / 10_000.0);
    g.writeEndObject();
  }

  private static void changes(JsonGenerator g, String field, List<Diff.Change> rows, Diff d)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (Diff.Change c : rows) {
      g.writeStartObject();
      g.writeStringField("destination", c.destination());
      g.writeStringField("host", c.host());
      if (c.port() >= 0) {
        g.writeNumberField("port", c.port());
      } else {
        g.writeNullField("port");
      }
      g.writeStringField("destinationClass", c.destinationClass().id());
      g.writeStringField("reason", c.reason());
      g.writeNumberField("beforeRequests", c.beforeRequests());
      g.writeNumberField("afterRequests", c.afterRequests());
      g.writeNumberField("beforeDenied", c.beforeDenied());
      g.writeNumberField("afterDenied", c.afterDenied());
      g.writeNumberField("beforePerHour", perHour(c.beforeRequests(), d.beforeHours()));
      g.writeNumberField("afterPerHour", perHour(c.afterRequests(), d.afterHours()));
      if (c.noProxyEntry() == null) {
        g.writeNullField("noProxyEntry");
      } else {
        g.writeStringField("noProxyEntry", c.noProxyEntry());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void markdown(Diff d, Writer out, Provenance how) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# squidlens diff\n\n**").append(Markdown.text(verdict(d))).append("**\n\n");
    if (d.split()) {
      sb.append("Split at ").append(Markdown.code(Times.iso(d.atMillis()))).append(". ");
    }
    sb.append(Markdown.text(side("before", d.before().summary(), d.beforeHours())))
        .append("; ")
        .append(Markdown.text(side("after", d.after().summary(), d.afterHours())))
        .append(". Profile ")
        .append(Markdown.code(d.whole().profile().id()))
        .append(" (")
        .append(Markdown.text(d.whole().profileReason()))
        .append(").\n");
    String window = Times.window(d.whole().window(), d.whole().summary().outsideWindowLines());
    if (window != null) {
      sb.append('\n').append(Markdown.text(window)).append(".\n");
    }
    mdTable(sb, "Fixed: private destinations that no longer reach the proxy", d.fixed(), d);
    mdTable(sb, "Still through the proxy", d.stillProxied(), d);
    mdTable(sb, "New after", d.newAfter(), d);
    Timelines.markdown(sb, d.whole().timeline());
    if (!d.whole().warnings().isEmpty()) {
      sb.append("\n## Warnings\n\n");
      for (String warning : d.whole().warnings()) {
        sb.append("- ").append(Markdown.text(warning)).append('\n');
      }
    }
    sb.append("\n---\nsquidlens ")
        .append(Markdown.text(how.version()))
        .append(": ")
        .append(Markdown.code(String.join(" ", how.arguments())))
        .append('\n');
    out.write(sb.toString());
    out.flush();
  }

  private static void mdTable(StringBuilder sb, String title, List<Diff.Change> rows, Diff d) {
    sb.append("\n## ").append(title).append(" (").append(rows.size()).append(")\n\n");
    if (rows.isEmpty()) {
      sb.append("None.\n");
      return;
    }
    sb.append(
        "| destination | class | before/h | after/h | denied before | denied after |"
            + " NO_PROXY entry |\n|---|---|---:|---:|---:|---:|---|\n");
    for (Diff.Change c : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f | %.1f | %,d | %,d | %s |\n",
              Markdown.code(c.destination()),
              c.destinationClass().id(),
              perHour(c.beforeRequests(), d.beforeHours()),
              perHour(c.afterRequests(), d.afterHours()),
              c.beforeDenied(),
              c.afterDenied(),
              c.noProxyEntry() == null ? "" : Markdown.code(c.noProxyEntry())));
    }
  }
}
