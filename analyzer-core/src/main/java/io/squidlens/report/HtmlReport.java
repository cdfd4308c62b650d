package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.Diff;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.parse.ParseProblem;
import io.squidlens.parse.ReadResult.SourceStats;
import io.squidlens.recommend.Recommendations;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the HTML report ({@code -o html}): one self-contained page for a ticket or a browser, in
 * the text report's order: the verdict and what to do, the charts, every destination in a table
 * that sorts and filters, each target's artifact with a copy button and each entry's evidence, the
 * malformed lines, the warnings and how it was produced. Equal input and options give equal bytes
 * apart from the {@code <!-- run:} comment. Stateless.
 */
final class HtmlReport {
  /** Rows of the destinations table shown at once; the rest one button press away. */
  static final int PAGE = 500;

  /**
   * Most rows the table holds: the busiest destinations, the rest counted under it. Ten thousand
   * rows keep a page near 4 MB that opens in about a second; a larger one would not fit a ticket
   * attachment, and {@code -o csv} lists every destination anyway.
   */
  static final int MAX_ROWS = 10_000;

  /** Clients named in a destination's row. */
  private static final int CLIENTS = 3;

  private HtmlReport() {}

  /** Writes {@code a} as an HTML page. */
  static void write(Analysis a, Writer out, Provenance how) throws IOException {
    StringBuilder sb = new StringBuilder(64 * 1024 + a.verdicts().size() * 400);
    Summary s = a.summary();
    ReportFacts f = ReportFacts.of(a);
    Html.open(sb, "squidlens report: " + title(s), how);
    sb.append("<header>\n<h1>squidlens report</h1>\n");
    intro(sb, a);
    sb.append("</header>\n<main>\n");
    glance(sb, a, f);
    charts(sb, a);
    destinations(sb, a);
    HtmlRecommendations.write(sb, a);
    allowlist(sb, a, f);
    malformed(sb, s);
    warnings(sb, a.warnings());
    sb.append("</main>\n");
    footer(sb, s, how);
    Html.close(sb);
    out.write(sb.toString());
    out.flush();
  }

  /** Writes the page for inputs without a single record: the error, the inputs, nothing else. */
  static void writeNoRecords(Analysis a, Writer out, Provenance how, String error)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    Html.open(sb, "squidlens report: no log records", how);
    sb.append("<header>\n<h1>squidlens report</h1>\n</header>\n<main>\n")
        .append("<p class=\"callout error\" role=\"alert\"><strong>Error:</strong> ")
        .append(Html.text(error))
        .append("</p>\n");
    malformed(sb, a.summary());
    sb.append("</main>\n");
    footer(sb, a.summary(), how);
    Html.close(sb);
    out.write(sb.toString());
    out.flush();
  }

  /** Writes a before/after comparison as an HTML page, the verdict first. */
  static void diff(Diff d, Writer out, Provenance how) throws IOException {
    StringBuilder sb = new StringBuilder();
    Analysis w = d.whole();
    Html.open(sb, "squidlens diff: " + DiffReport.verdict(d), how);
    sb.append("<header>\n<h1>squidlens diff</h1>\n<p class=\"verdict\" id=\"verdict\">")
        .append(Html.text(DiffReport.verdict(d)))
        .append("</p>\n<ul>\n");
    if (d.split()) {
      sb.append("<li>split at ").append(Html.code(Times.iso(d.atMillis()))).append("</li>\n");
    }
    sb.append("<li>")
        .append(Html.text(DiffReport.side("before", d.before().summary(), d.beforeHours())))
        .append("</li>\n<li>")
        .append(Html.text(DiffReport.side("after", d.after().summary(), d.afterHours())))
        .append("</li>\n<li>profile ")
        .append(Html.code(w.profile().id()))
        .append(" (")
        .append(Html.text(w.profileReason()))
        .append(")</li>\n");
    String window = Times.window(w.window(), w.summary().outsideWindowLines());
    if (window != null) {
      sb.append("<li>").append(Html.text(window)).append("</li>\n");
    }
    sb.append("</ul>\n</header>\n<main>\n");
    if (!w.timeline().buckets().isEmpty()) {
      Long at = d.split() ? d.atMillis() : null;
      sb.append("<section id=\"charts\">\n<h2>Over time</h2>\n<div class=\"charts\">\n");
      HtmlCharts.timeline(sb, "chart-timeline", w.timeline(), at);
      HtmlCharts.denied(sb, "chart-denied", w.timeline(), at);
      sb.append("</div>\n</section>\n");
    }
    changes(
        sb,
        "fixed",
        "Fixed: private destinations that no longer reach the proxy",
        d.fixed(),
        d,
        false);
    changes(
        sb,
        "still-proxied",
        "Still through the proxy: add the entry, or find the client that does not read NO_PROXY",
        d.stillProxied(),
        d,
        true);
    changes(sb, "new-after", "New after", d.newAfter(), d, false);
    warnings(sb, w.warnings());
    sb.append("</main>\n<footer>\n<p>squidlens ")
        .append(Html.text(how.version()))
        .append(": ")
        .append(Html.code(String.join(" ", how.arguments())))
        .append("</p>\n</footer>\n");
    Html.close(sb);
    out.write(sb.toString());
    out.flush();
  }

  private static String title(Summary s) {
    return String.format(
        Locale.ROOT,
        "%,d lines%s",
        s.lines(),
        s.hasRecords() ? ", " + Times.span(s.firstSeen(), s.lastSeen()) : "");
  }

  private static void intro(StringBuilder sb, Analysis a) {
    Summary s = a.summary();
    sb.append(
            String.format(
                Locale.ROOT,
                "<p>%,d lines from %d input%s, ",
                s.lines(),
                s.sources().size(),
                s.sources().size() == 1 ? "" : "s"))
        .append(Html.text(Times.span(s.firstSeen(), s.lastSeen())))
        .append("; profile ")
        .append(Html.code(a.profile().id()))
        .append(" (")
        .append(Html.text(a.profileReason()))
        .append(").</p>\n");
    String window = Times.window(a.window(), s.outsideWindowLines());
    if (window != null) {
      sb.append("<p>").append(Html.text(window)).append(".</p>\n");
    }
  }

  /** The verdict in one sentence, the totals of each class, and the to-do list. */
  private static void glance(StringBuilder sb, Analysis a, ReportFacts f) {
    long bypass = 0;
    long bypassRequests = 0;
    for (Verdict v : a.verdicts()) {
      if (v.destinationClass().bypassesProxy()) {
        bypass++;
        bypassRequests += v.stats().requests();
      }
    }
    sb.append("<section id=\"glance\">\n<p class=\"verdict\" id=\"verdict\">")
        .append(
            Html.text(
                String.format(
                    Locale.ROOT,
                    "%,d destination%s should not use the proxy (%,d requests, %,d denied);"
                        + " %,d internet destination%s keep%s using it, %,d of them denied.",
                    bypass,
                    bypass == 1 ? "" : "s",
                    bypassRequests,
                    f.deniedPrivate().stream().mapToLong(v -> v.stats().deniedRequests()).sum(),
                    f.internet().size(),
                    f.internet().size() == 1 ? "" : "s",
                    f.internet().size() == 1 ? "s" : "",
                    f.deniedInternet().size())))
        .append("</p>\n<div class=\"totals\" id=\"totals\">\n");
    for (TrafficClass c : TrafficClass.values()) {
      Analysis.ClassTotals t = a.totals(c);
      sb.append("<div class=\"total\" data-class=\"")
          .append(c.id())
          .append("\" data-requests=\"")
          .append(t.requests())
          .append("\" data-bytes=\"")
          .append(t.bytes())
          .append("\"><span class=\"swatch c-")
          .append(c.id())
          .append("\"></span>")
          .append(c.id())
          .append(String.format(Locale.ROOT, "<span class=\"n\">%,d</span>", t.requests()))
          .append("requests, ")
          .append(Sizes.human(t.bytes()))
          .append("</div>\n");
    }
    sb.append("</div>\n<h2>To do</h2>\n<ol class=\"todo\">\n");
    for (String t : f.todo()) {
      sb.append("<li>").append(Html.text(t)).append("</li>\n");
    }
    sb.append("</ol>\n");
    if (!a.warnings().isEmpty()) {
      sb.append("<p class=\"callout\"><a href=\"#warnings\">")
          .append(a.warnings().size())
          .append(" warning")
          .append(a.warnings().size() == 1 ? "" : "s")
          .append("</a> at the end.</p>\n");
    }
    sb.append("</section>\n");
  }

  private static void charts(StringBuilder sb, Analysis a) {
    sb.append("<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n");
    if (!a.timeline().buckets().isEmpty()) {
      HtmlCharts.timeline(sb, "chart-timeline", a.timeline(), null);
      HtmlCharts.denied(sb, "chart-denied", a.timeline(), null);
    }
    Map<TrafficClass, List<Verdict>> byClass = new EnumMap<>(TrafficClass.class);
    for (Verdict v : a.verdicts()) {
      byClass.computeIfAbsent(v.trafficClass(), k -> new ArrayList<>()).add(v);
    }
    for (TrafficClass c : TrafficClass.values()) {
      List<Verdict> list = byClass.get(c);
      if (list != null) {
        list.sort(c == TrafficClass.DENIED ? ReportFacts.BY_DENIED : ReportFacts.BY_REQUESTS);
        HtmlCharts.busiest(
            sb,
            "chart-busiest-" + c.id(),
            c,
            list.subList(0, Math.min(list.size(), HtmlCharts.BUSIEST)));
      }
    }
    HtmlCharts.bytes(sb, "chart-bytes", a);
    sb.append("</div>\n</section>\n");
  }

  /** Every destination, busiest first: sortable, filterable, paged by the page's script. */
  private static void destinations(StringBuilder sb, Analysis a) {
    Function<Verdict, String> exemptedBy = ReportFacts.exemptingEntry(a);
    List<Verdict> all = new ArrayList<>(a.verdicts());
    all.sort(ReportFacts.BY_REQUESTS);
    List<Verdict> rows = all.subList(0, Math.min(all.size(), MAX_ROWS));
    sb.append("<section id=\"destinations-section\">\n<h2>Destinations (")
        .append(String.format(Locale.ROOT, "%,d", all.size()))
        .append(")</h2>\n")
        .append("<p class=\"muted\">Every destination host; a class of <em>denied</em> means")
        .append(" Squid denied some of its requests, and the class it really belongs to follows.")
        .append(" The entry is the one the recommended NO_PROXY value exempts it by.</p>\n")
        .append("<div class=\"filters\" id=\"filters\" hidden>\n")
        .append("<label>class <select id=\"f-class\"><option value=\"\">any</option>");
    for (TrafficClass c : TrafficClass.values()) {
      sb.append("<option>").append(c.id()).append("</option>");
    }
    sb.append("</select></label>\n")
        .append("<label>host contains <input id=\"f-host\" type=\"search\"></label>\n")
        .append("<label>at least requests <input id=\"f-min\" type=\"number\" min=\"0\"></label>\n")
        .append("<label>seen at or after (UTC) <input id=\"f-from\" placeholder=")
        .append("\"2025-11-21T10:00\"></label>\n")
        .append("<label>seen at or before (UTC) <input id=\"f-to\" placeholder=")
        .append("\"2025-11-21T12\"></label>\n")
        .append("</div>\n<p id=\"f-status\" role=\"status\" aria-live=\"polite\">")
        .append(
            rows.size() <= PAGE
                ? ""
                : String.format(
                    Locale.ROOT,
                    "The %,d busiest of %,d destinations; the page's script shows the rest (or"
                        + " <code>-o csv</code> lists every one).",
                    PAGE,
                    rows.size()))
        .append("</p>\n")
        .append("<div class=\"table-wrap\">\n<table id=\"destinations\" data-page=\"")
        .append(PAGE)
        .append("\">\n<thead><tr>")
        .append(head("destination", "destination", false, null))
        .append(head("class", "class", false, null))
        .append(head("requests", "requests", true, "descending"))
        .append(head("denied", "denied", true, null))
        .append(head("bytes", "bytes", true, null))
        .append(head("first", "first seen (UTC)", false, null))
        .append(head("last", "last seen (UTC)", false, null))
        .append(head("reason", "reason", false, null))
        .append(head("entry", "NO_PROXY entry", false, null))
        .append(head("clients", "clients", false, null))
        .append("</tr></thead>\n<tbody>\n");
    int n = 0;
    for (Verdict v : rows) {
      // Rows are the bulk of a large report: no classes or end tags a rule or the text can do
      // without (the style sheet places columns by position, the script sorts the text).
      TrafficClass tc = v.trafficClass();
      TrafficClass dc = v.destinationClass();
      String entry = exemptedBy.apply(v);
      // Rows past the first page start hidden, so the browser lays out one page, not all.
      sb.append(n++ < PAGE ? "<tr data-c=\"" : "<tr hidden data-c=\"")
          .append(tc.id())
          .append(tc == dc ? "" : " " + dc.id())
          .append("\"><td>")
          .append(Html.text(ReportFacts.name(v)))
          .append("<td>")
          .append(tc.id())
          .append(tc == dc ? "" : " (" + dc.id() + ")")
          .append(
              String.format(
                  Locale.ROOT, "<td>%,d<td>%,d", v.stats().requests(), v.stats().deniedRequests()))
          .append("<td data-v=\"")
          .append(v.stats().bytes())
          .append("\">")
          .append(Sizes.human(v.stats().bytes()))
          .append("<td>")
          .append(Times.seconds(v.stats().firstSeen()))
          .append("<td>")
          .append(Times.seconds(v.stats().lastSeen()))
          .append("<td>")
          .append(Html.text(v.reason()))
          .append("<td>")
          .append(entry == null ? "" : Html.code(entry))
          .append("<td>")
          .append(Html.text(clients(v)))
          .append('\n');
    }
    sb.append("</tbody>\n</table>\n</div>\n")
        .append("<p><button type=\"button\" class=\"more\" id=\"f-more\" hidden>Show more</button>")
        .append("</p>\n");
    if (all.size() > rows.size()) {
      long requests = 0;
      for (Verdict v : all.subList(rows.size(), all.size())) {
        requests += v.stats().requests();
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<p class=\"callout\" id=\"rows-left-out\">The table holds the %,d busiest"
                  + " destinations; %,d more with %,d requests between them are in every total and"
                  + " chart above and in the recommendations, and <code>-o csv</code> or"
                  + " <code>-o json</code> lists each.</p>\n",
              rows.size(),
              all.size() - rows.size(),
              requests));
    }
    sb.append("</section>\n");
  }

  /** The first clients, and how many more the report knows of (pseudonyms under --redact). */
  private static String clients(Verdict v) {
    List<String> c = v.stats().clients();
    int shown = Math.min(c.size(), CLIENTS);
    String list = String.join(", ", c.subList(0, shown));
    if (c.size() > shown) {
      return list + " and " + (c.size() - shown) + (v.stats().moreClients() ? "+" : "") + " more";
    }
    return v.stats().moreClients() ? list + " and more" : list;
  }

  private static String head(String col, String label, boolean numeric, String sort) {
    return "<th data-col=\""
        + col
        + "\""
        + (numeric ? " data-type=\"num\" class=\"n\"" : "")
        + (sort == null ? "" : " aria-sort=\"" + sort + "\"")
        + " scope=\"col\"><button type=\"button\">"
        + Html.text(label)
        + "</button></th>";
  }

  private static String number(long v) {
    return String.format(Locale.ROOT, "<td class=\"n\" data-v=\"%d\">%,d</td>", v, v);
  }

  private static void allowlist(StringBuilder sb, Analysis a, ReportFacts f) {
    if (f.deniedInternet().isEmpty() || a.recommendations().squidAllowlist().isEmpty()) {
      return;
    }
    StringBuilder acl = new StringBuilder();
    for (Recommendations.AllowlistAdvice x : a.recommendations().squidAllowlist()) {
      acl.append(x.acl()).append('\n');
    }
    acl.append("http_access allow CONNECT squidlens_allowed");
    sb.append("<section id=\"squid-allowlist\">\n<h2>Denied internet destinations</h2>\n")
        .append("<p>A Squid allowlist decision, never a NO_PROXY entry. To allow them, in ")
        .append("<code>squid.conf</code> before the rule that denies them:</p>\n");
    HtmlRecommendations.artifact(sb, "squid", "squid.conf", acl.toString(), true);
    sb.append("</section>\n");
  }

  private static void malformed(StringBuilder sb, Summary s) {
    if (s.malformed().isEmpty()) {
      return;
    }
    sb.append("<section id=\"malformed\">\n<h2>")
        .append(String.format(Locale.ROOT, "Malformed lines (%,d)", s.malformedLines()))
        .append("</h2>\n<div class=\"table-wrap\"><table class=\"sortable\">\n<thead><tr>")
        .append(head("line", "line", false, null))
        .append(head("reason", "reason", false, null))
        .append(head("excerpt", "excerpt", false, null))
        .append("</tr></thead>\n<tbody>\n");
    for (ParseProblem p : s.malformed()) {
      sb.append("<tr><td>")
          .append(Html.code(p.source() + ":" + p.line()))
          .append("</td><td>")
          .append(Html.text(p.reason()))
          .append("</td><td>")
          .append(Html.code(p.excerpt()))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></div>\n");
    if (s.malformedLines() > s.malformed().size()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<p>and %,d more, not kept (a report keeps the first %,d).</p>\n",
              s.malformedLines() - s.malformed().size(),
              Summary.MAX_PROBLEMS));
    }
    sb.append("</section>\n");
  }

  private static void warnings(StringBuilder sb, List<String> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    sb.append("<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n");
    for (String w : warnings) {
      sb.append("<li>").append(Html.text(w)).append("</li>\n");
    }
    sb.append("</ul>\n</section>\n");
  }

  private static void changes(
      StringBuilder sb, String id, String title, List<Diff.Change> rows, Diff d, boolean entry) {
    sb.append("<section id=\"")
        .append(id)
        .append("\">\n<h2>")
        .append(Html.text(title))
        .append(" (")
        .append(rows.size())
        .append(")</h2>\n");
    if (rows.isEmpty()) {
      sb.append("<p>None.</p>\n</section>\n");
      return;
    }
    sb.append("<div class=\"table-wrap\"><table class=\"sortable\">\n<thead><tr>")
        .append(head("destination", "destination", false, null))
        .append(head("class", "class", false, null))
        .append(head("before", "before/h", true, null))
        .append(head("after", "after/h", true, null))
        .append(head("denied-before", "denied before", true, null))
        .append(head("denied-after", "denied after", true, null))
        .append(entry ? head("entry", "NO_PROXY entry", false, null) : "")
        .append("</tr></thead>\n<tbody>\n");
    for (Diff.Change c : rows) {
      double before = DiffReport.perHour(c.beforeRequests(), d.beforeHours());
      double after = DiffReport.perHour(c.afterRequests(), d.afterHours());
      sb.append("<tr><td class=\"host\">")
          .append(Html.text(c.destination()))
          .append("</td><td><span class=\"swatch c-")
          .append(c.destinationClass().id())
          .append("\"></span>")
          .append(c.destinationClass().id())
          .append("</td>")
          .append(
              String.format(
                  Locale.ROOT, "<td class=\"n\" data-v=\"%.1f\">%.1f</td>", before, before))
          .append(
              String.format(Locale.ROOT, "<td class=\"n\" data-v=\"%.1f\">%.1f</td>", after, after))
          .append(number(c.beforeDenied()))
          .append(number(c.afterDenied()));
      if (entry) {
        sb.append("<td>")
            .append(c.noProxyEntry() == null ? "" : Html.code(c.noProxyEntry()))
            .append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table></div>\n</section>\n");
  }

  private static void footer(StringBuilder sb, Summary s, Provenance how) {
    sb.append("<footer id=\"provenance\">\n<p>How this report was produced: squidlens ")
        .append(Html.text(how.version()))
        .append(how.redacted() ? ", clients and users redacted" : "")
        .append("</p>\n<p>command: ")
        .append(Html.code(String.join(" ", how.arguments())))
        .append("</p>\n<ul>\n");
    for (SourceStats src : s.sources()) {
      sb.append("<li>input ")
          .append(Html.code(src.name()))
          .append(
              Html.text(
                  String.format(
                      Locale.ROOT,
                      ": %s, %s, %s; %,d lines, %,d malformed",
                      Sizes.human(src.bytes()),
                      src.compression().name().toLowerCase(Locale.ROOT),
                      src.format(),
                      src.lines(),
                      src.malformedLines())))
          .append("</li>\n");
    }
    sb.append("</ul>\n</footer>\n");
  }
}
