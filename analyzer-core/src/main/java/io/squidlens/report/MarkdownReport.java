package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.parse.ParseProblem;
import io.squidlens.parse.ReadResult.SourceStats;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Recommendation.Target;
import io.squidlens.recommend.Recommendations;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes the support-ticket report in Markdown: the summary, tables of destinations, every target's
 * recommendation in a fenced block, and a footer saying how it was produced. Text from the log is
 * escaped so it can neither break the Markdown nor inject links or HTML. Stateless.
 */
final class MarkdownReport {
  private static final int TOP = ReportFacts.TOP;

  private MarkdownReport() {}

  /** Writes {@code a} as Markdown, ending with {@code how} it was produced. */
  static void write(Analysis a, Writer out, Provenance how) throws IOException {
    StringBuilder sb = new StringBuilder();
    Summary s = a.summary();
    ReportFacts f = ReportFacts.of(a);
    sb.append("# squidlens report\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%,d lines from %d input%s%s; profile %s (%s).\n\n",
            s.lines(),
            s.sources().size(),
            s.sources().size() == 1 ? "" : "s",
            s.hasRecords() ? ", " + Markdown.text(Times.span(s.firstSeen(), s.lastSeen())) : "",
            Markdown.code(a.profile().id()),
            Markdown.text(a.profileReason())));
    String window = Times.window(a.window(), s.outsideWindowLines());
    if (window != null) {
      sb.append(Markdown.text(window.substring(0, 1).toUpperCase(Locale.ROOT)))
          .append(Markdown.text(window.substring(1)))
          .append(".\n\n");
    }
    sb.append("## Summary\n\n| class | requests | bytes |\n|---|---:|---:|\n");
    for (TrafficClass c : TrafficClass.values()) {
      Analysis.ClassTotals t = a.totals(c);
      sb.append(
          String.format(
              Locale.ROOT, "| %s | %,d | %s |\n", c.id(), t.requests(), Sizes.human(t.bytes())));
    }
    sb.append("\n**To do**\n\n");
    int i = 1;
    for (String t : f.todo()) {
      sb.append(i++).append(". ").append(Markdown.text(t)).append('\n');
    }
    Timelines.markdown(sb, a.timeline());
    table(
        sb,
        "Denied, and belongs in NO_PROXY",
        "The client should not have used the proxy for these.",
        f.deniedPrivate(),
        true);
    table(
        sb,
        "Denied internet destinations",
        "A Squid allowlist decision, never a NO_PROXY entry.",
        f.deniedInternet(),
        true);
    if (!f.deniedInternet().isEmpty() && !a.recommendations().squidAllowlist().isEmpty()) {
      StringBuilder acl = new StringBuilder();
      for (Recommendations.AllowlistAdvice x : a.recommendations().squidAllowlist()) {
        acl.append(x.acl()).append('\n');
      }
      acl.append("http_access allow CONNECT squidlens_allowed");
      sb.append("\nTo allow them, in `squid.conf` before the rule that denies them:\n\n");
      sb.append(Markdown.fenced("", acl.toString()));
    }
    table(
        sb,
        "Private destinations the proxy carried",
        "They work, but should bypass the proxy.",
        f.bypassing(),
        false);
    table(sb, "Internet destinations", "These keep using the proxy.", f.internet(), false);
    sb.append("\n## Recommendations\n");
    for (Target t : Target.values()) {
      if (t != Target.CLUSTER || a.profile().openShift()) {
        recommendation(sb, a.recommendations().get(t), a.warnings());
      }
    }
    for (Recommendations.EgressTarget t : Recommendations.EgressTarget.values()) {
      egress(sb, a.recommendations().get(t), a.warnings());
    }
    malformed(sb, s);
    if (!a.warnings().isEmpty()) {
      sb.append("\n## Warnings\n\n");
      for (String w : a.warnings()) {
        sb.append("- ").append(Markdown.text(w)).append('\n');
      }
    }
    footer(sb, s, how);
    out.write(sb.toString());
    out.flush();
  }

  /** Writes what the Markdown report says when no record was parsed: the inputs and the error. */
  static void writeNoRecords(Analysis a, Writer out, Provenance how, String error)
      throws IOException {
    StringBuilder sb = new StringBuilder("# squidlens report\n\n");
    sb.append("**Error:** ").append(Markdown.text(error)).append("\n");
    malformed(sb, a.summary());
    footer(sb, a.summary(), how);
    out.write(sb.toString());
    out.flush();
  }

  private static void table(
      StringBuilder sb, String title, String intro, List<Verdict> list, boolean denied) {
    if (list.isEmpty()) {
      return;
    }
    sb.append("\n## ").append(title).append("\n\n").append(intro).append("\n\n");
    sb.append(
        denied
            ? "| destination | denied | class | reason |\n"
            : "| destination | requests | class | reason |\n");
    sb.append("|---|---:|---|---|\n");
    for (Verdict v : list.subList(0, Math.min(list.size(), TOP))) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %s |\n",
              Markdown.code(ReportFacts.name(v)),
              denied ? v.stats().deniedRequests() : v.stats().requests(),
              v.destinationClass().id(),
              Markdown.text(v.reason())));
    }
    if (list.size() > TOP) {
      sb.append(
          String.format(
              Locale.ROOT,
              "\nand %,d more (`-o json` or `-o csv` lists all).\n",
              list.size() - TOP));
    }
  }

  private static void recommendation(StringBuilder sb, Recommendation r, List<String> warnings) {
    sb.append("\n### ").append(title(r.target())).append("\n\n");
    if (!r.entries().isEmpty()) {
      sb.append("| entry | status | covers | requests | denied | reason |\n");
      sb.append("|---|---|---|---:|---:|---|\n");
      for (Recommendation.Entry e : r.entries()) {
        String status = e.status().id();
        if (e.coveredBy() != null) {
          status += " (" + Markdown.code(e.coveredBy()) + ")";
        }
        String covers =
            e.covers().size() <= 3
                ? String.join(", ", e.covers().stream().map(Markdown::code).toList())
                : e.covers().size() + " hosts";
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %,d | %,d | %s |\n",
                Markdown.code(e.value()),
                status,
                covers,
                e.requests(),
                e.deniedRequests(),
                Markdown.text(e.reason())));
      }
      sb.append('\n');
    }
    if (!r.current().isEmpty()) {
      sb.append("In force now:\n\n");
      for (Recommendation.CurrentEntry c : r.current()) {
        sb.append("- ")
            .append(c.unsafe() ? "**unsafe** " : "")
            .append(Markdown.code(c.value()))
            .append(c.kept() ? (c.unsafe() ? " (kept: --keep-unsafe)" : "") : " (dropped)")
            .append(": ")
            .append(Markdown.text(c.note()))
            .append('\n');
      }
      sb.append('\n');
    }
    for (String e : r.errors()) {
      sb.append("**Error:** ").append(Markdown.text(e)).append("\n\n");
    }
    for (String w : ReportFacts.warnings(r)) {
      if (!warnings.contains(w)) {
        sb.append("**Warning:** ").append(Markdown.text(w)).append("\n\n");
      }
    }
    sb.append(Markdown.fenced(r.target() == Target.CRIO ? "ini" : "sh", r.artifact()));
    boolean any = false;
    for (String n : r.notes()) {
      if (!warnings.contains(n)) {
        sb.append(any ? "" : "\n").append("- ").append(Markdown.text(n)).append('\n');
        any = true;
      }
    }
  }

  private static void egress(StringBuilder sb, Recommendations.Egress e, List<String> warnings) {
    sb.append("\n### ").append(egressTitle(e.target())).append("\n\n");
    sb.append("| # | rule | covers | requests | denied | reason |\n");
    sb.append("|---:|---|---|---:|---:|---|\n");
    int n = 0;
    for (Recommendations.EgressRule r : e.rules()) {
      String covers =
          r.covers().size() <= 3
              ? String.join(", ", r.covers().stream().map(Markdown::code).toList())
              : r.covers().size() + " hosts";
      String ports =
          r.ports().isEmpty()
              ? ""
              : " TCP/" + String.join(",", r.ports().stream().map(String::valueOf).toList());
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d | %s %s%s | %s | %,d | %,d | %s |\n",
              ++n,
              r.action().id(),
              Markdown.code(r.value()),
              ports,
              covers,
              r.requests(),
              r.deniedRequests(),
              Markdown.text(r.reason())));
    }
    sb.append('\n');
    for (String l : e.leftOut()) {
      sb.append("- left out: ").append(Markdown.text(l)).append('\n');
    }
    if (!e.leftOut().isEmpty()) {
      sb.append('\n');
    }
    for (String err : e.errors()) {
      sb.append("**Error:** ").append(Markdown.text(err)).append("\n\n");
    }
    for (String w : e.warnings()) {
      if (!warnings.contains(w)) {
        sb.append("**Warning:** ").append(Markdown.text(w)).append("\n\n");
      }
    }
    sb.append(Markdown.fenced("yaml", e.artifact()));
    boolean any = false;
    for (String note : e.notes()) {
      if (!warnings.contains(note)) {
        sb.append(any ? "" : "\n").append("- ").append(Markdown.text(note)).append('\n');
        any = true;
      }
    }
  }

  static String egressTitle(Recommendations.EgressTarget t) {
    return switch (t) {
      case EGRESSFIREWALL -> "OVN-Kubernetes `EgressFirewall` (what pods may reach directly)";
      case EGRESSNETWORKPOLICY -> "OpenShift SDN `EgressNetworkPolicy`";
      case EGRESS_ROUTER_PROXY -> "Egress router `EGRESS_HTTP_PROXY_DESTINATION`";
    };
  }

  static String title(Target t) {
    return switch (t) {
      case CLUSTER -> "proxy/cluster `spec.noProxy` (only what OpenShift does not add)";
      case CRIO -> "CRI-O environment file (complete list)";
      case ENV -> "Shell environment (complete list)";
      case JAVA -> "Java `http.nonProxyHosts`";
      case DOCKER -> "Docker daemon and client";
      case MTC -> "Migration Toolkit for Containers";
    };
  }

  private static void malformed(StringBuilder sb, Summary s) {
    if (s.malformed().isEmpty()) {
      return;
    }
    sb.append(String.format(Locale.ROOT, "\n## Malformed lines (%,d)\n\n", s.malformedLines()));
    sb.append("| line | reason | excerpt |\n|---|---|---|\n");
    List<ParseProblem> ps = s.malformed();
    for (ParseProblem p : ps.subList(0, Math.min(ps.size(), TOP))) {
      sb.append("| ")
          .append(Markdown.code(p.source() + ":" + p.line()))
          .append(" | ")
          .append(Markdown.text(p.reason()))
          .append(" | ")
          .append(Markdown.code(p.excerpt()))
          .append(" |\n");
    }
    if (s.malformedLines() > TOP) {
      sb.append(
          String.format(
              Locale.ROOT,
              "\nand %,d more (`-o json` lists up to %,d).\n",
              s.malformedLines() - Math.min(ps.size(), TOP),
              Summary.MAX_PROBLEMS));
    }
  }

  private static void footer(StringBuilder sb, Summary s, Provenance how) {
    sb.append("\n---\n\n<details><summary>How this report was produced</summary>\n\n");
    sb.append("- squidlens ").append(Markdown.text(how.version())).append('\n');
    sb.append("- command: ").append(Markdown.code(String.join(" ", how.arguments()))).append('\n');
    for (SourceStats src : s.sources()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "- input %s: %s, %s, %s; %,d lines, %,d malformed\n",
              Markdown.code(src.name()),
              Sizes.human(src.bytes()),
              src.compression().name().toLowerCase(Locale.ROOT),
              Markdown.text(src.format()),
              src.lines(),
              src.malformedLines()));
    }
    sb.append("\n</details>\n");
  }
}
