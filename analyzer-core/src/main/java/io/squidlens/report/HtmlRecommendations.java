package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Recommendation.Target;
import io.squidlens.recommend.Recommendations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.ToLongFunction;

/**
 * The HTML report's recommendations: for every target its errors and warnings, the artifact with a
 * copy button (none on one that must not be applied), its notes, and each entry or rule with its
 * evidence folded under it. Stateless.
 */
final class HtmlRecommendations {
  /** Entries (or rules) of a target shown with their evidence: the busiest, when more. */
  static final int EVIDENCE = 100;

  /** Hosts named in an entry's evidence before "and N more". */
  private static final int COVERS = 10;

  private HtmlRecommendations() {}

  /** Writes the section: every target of the profile, then the egress targets. */
  static void write(StringBuilder sb, Analysis a) {
    sb.append("<section id=\"recommendations\">\n<h2>Recommendations</h2>\n");
    List<String> names = ReportFacts.sourceNames(a);
    for (Target t : Target.values()) {
      if (t != Target.CLUSTER || a.profile().openShift()) {
        recommendation(sb, a, a.recommendations().get(t), names);
      }
    }
    for (Recommendations.EgressTarget t : Recommendations.EgressTarget.values()) {
      egress(sb, a, a.recommendations().get(t), names);
    }
    sb.append("</section>\n");
  }

  private static void recommendation(
      StringBuilder sb, Analysis a, Recommendation r, List<String> names) {
    String id = Html.id("target", r.target().id());
    sb.append("<article id=\"")
        .append(id)
        .append("\" class=\"target\">\n<h3>")
        .append(Html.phrase(MarkdownReport.title(r.target())))
        .append("</h3>\n");
    problems(sb, r.errors(), ReportFacts.warnings(r), a.warnings());
    artifact(sb, id, r.target().id(), r.artifact(), r.errors().isEmpty());
    notes(sb, r.notes(), a.warnings());
    if (!r.entries().isEmpty()) {
      List<Recommendation.Entry> shown =
          busiest(
              r.entries(), Recommendation.Entry::requests, Recommendation.Entry::value, i -> false);
      evidenceHeading(sb, "Entries", shown.size(), r.entries().size(), r.target().id(), "entries");
      for (Recommendation.Entry e : shown) {
        sb.append("<li><details><summary>")
            .append(Html.code(e.value()))
            .append(" <span class=\"status\">")
            .append(e.status().id())
            .append("</span> ")
            .append(traffic(e.requests(), e.deniedRequests()))
            .append("</summary>\n<dl class=\"evidence\">\n");
        evidence(sb, "reason", Html.text(e.reason()));
        if (e.coveredBy() != null) {
          evidence(sb, "covered by", Html.code(e.coveredBy()));
        }
        evidence(sb, "covers", hosts(e.covers()));
        seen(sb, e.firstSeen(), e.lastSeen());
        evidence(sb, "examples", lines(e.examples(), names));
        sb.append("</dl></details></li>\n");
      }
      sb.append("</ul>\n");
    }
    if (!r.current().isEmpty()) {
      sb.append("<h4>In force now</h4>\n<ul>\n");
      for (Recommendation.CurrentEntry c : r.current()) {
        sb.append("<li>")
            .append(c.unsafe() ? "<strong>unsafe</strong> " : "")
            .append(Html.code(c.value()))
            .append(c.kept() ? (c.unsafe() ? " (kept: --keep-unsafe)" : "") : " (dropped)")
            .append(": ")
            .append(Html.text(c.note()))
            .append("</li>\n");
      }
      sb.append("</ul>\n");
    }
    sb.append("</article>\n");
  }

  private static void egress(
      StringBuilder sb, Analysis a, Recommendations.Egress e, List<String> names) {
    String id = Html.id("target", e.target().id());
    sb.append("<article id=\"")
        .append(id)
        .append("\" class=\"target\">\n<h3>")
        .append(Html.phrase(MarkdownReport.egressTitle(e.target())))
        .append("</h3>\n");
    problems(sb, e.errors(), e.warnings(), a.warnings());
    artifact(sb, id, e.target().id(), e.artifact(), e.errors().isEmpty());
    notes(sb, e.notes(), a.warnings());
    List<Recommendations.EgressRule> rules = e.rules();
    // The proxy's Allow and the final Deny are what every reader checks first: always shown.
    List<Recommendations.EgressRule> shown =
        busiest(
            rules,
            Recommendations.EgressRule::requests,
            Recommendations.EgressRule::value,
            i -> i == 0 || i == rules.size() - 1);
    evidenceHeading(sb, "Rules", shown.size(), e.rules().size(), e.target().id(), "rules");
    for (Recommendations.EgressRule r : shown) {
      String ports =
          r.ports().isEmpty()
              ? ""
              : " TCP/" + String.join(",", r.ports().stream().map(String::valueOf).toList());
      sb.append("<li><details><summary>")
          .append(r.action().id())
          .append(' ')
          .append(Html.code(r.value()))
          .append(ports)
          .append(' ')
          .append(traffic(r.requests(), r.deniedRequests()))
          .append("</summary>\n<dl class=\"evidence\">\n");
      evidence(sb, "reason", Html.text(r.reason()));
      evidence(sb, "covers", hosts(r.covers()));
      seen(sb, r.firstSeen(), r.lastSeen());
      evidence(sb, "examples", lines(r.examples(), names));
      sb.append("</dl></details></li>\n");
    }
    sb.append("</ul>\n");
    if (!e.leftOut().isEmpty()) {
      sb.append("<details><summary>")
          .append(e.leftOut().size())
          .append(" left out</summary>\n<ul>\n");
      for (String l : e.leftOut()) {
        sb.append("<li>").append(Html.text(l)).append("</li>\n");
      }
      sb.append("</ul></details>\n");
    }
    sb.append("</article>\n");
  }

  /**
   * {@code all} when there are at most {@link #EVIDENCE}, else those at the indexes {@code always}
   * keeps and the busiest of the rest, in their own order.
   */
  private static <T> List<T> busiest(
      List<T> all, ToLongFunction<T> requests, Function<T, String> tieBreak, IntPredicate always) {
    if (all.size() <= EVIDENCE) {
      return all;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparing((Integer i) -> !always.test(i))
            .thenComparingLong(i -> -requests.applyAsLong(all.get(i)))
            .thenComparing(i -> tieBreak.apply(all.get(i)))
            .thenComparing(i -> i));
    List<Integer> kept = new ArrayList<>(order.subList(0, EVIDENCE));
    kept.sort(null);
    List<T> out = new ArrayList<>();
    for (int i : kept) {
      out.add(all.get(i));
    }
    return out;
  }

  private static void evidenceHeading(
      StringBuilder sb, String what, int shown, int all, String target, String key) {
    sb.append("<h4>").append(what).append(" and their evidence</h4>\n");
    if (shown < all) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<p class=\"muted\">The %,d with the most requests of %,d; <code>-o json</code>"
                  + " gives every one's evidence (<code>recommendations.%s.%s</code>).</p>\n",
              shown,
              all,
              Html.text(target),
              key));
    }
    sb.append("<ul class=\"entries\">\n");
  }

  /** {@code 3 requests, 1 denied}, {@code 1 request}, or that the log does not show it. */
  private static String traffic(long requests, long denied) {
    if (requests == 0) {
      return "not seen in this log";
    }
    return String.format(
        Locale.ROOT,
        "%,d request%s%s",
        requests,
        requests == 1 ? "" : "s",
        denied == 0 ? "" : String.format(Locale.ROOT, ", %,d denied", denied));
  }

  private static void problems(
      StringBuilder sb, List<String> errors, List<String> warnings, List<String> shownAtEnd) {
    for (String e : errors) {
      sb.append("<p class=\"callout error\"><strong>Error:</strong> ")
          .append(Html.text(e))
          .append("</p>\n");
    }
    for (String w : warnings) {
      if (!shownAtEnd.contains(w)) {
        sb.append("<p class=\"callout\"><strong>Warning:</strong> ")
            .append(Html.text(w))
            .append("</p>\n");
      }
    }
  }

  /** The artifact as a block with a copy button, or without one when it must not be applied. */
  static void artifact(
      StringBuilder sb, String id, String target, String artifact, boolean applicable) {
    sb.append("<div class=\"artifact-head\"><strong>")
        .append(applicable ? "To paste" : "Not to be applied as is (see the error)")
        .append("</strong>");
    if (applicable) {
      sb.append("<button type=\"button\" class=\"copy\" hidden data-copy=\"")
          .append(id)
          .append("-artifact\" aria-label=\"Copy the ")
          .append(Html.attr(target))
          .append(" artifact\">Copy</button>");
    }
    sb.append("</div>\n<pre id=\"")
        .append(id)
        .append("-artifact\" class=\"artifact\"><code>")
        .append(Html.block(artifact))
        .append("</code></pre>\n");
  }

  private static void notes(StringBuilder sb, List<String> notes, List<String> shownAtEnd) {
    List<String> shown = notes.stream().filter(n -> !shownAtEnd.contains(n)).toList();
    if (shown.isEmpty()) {
      return;
    }
    sb.append("<ul class=\"notes muted\">\n");
    for (String n : shown) {
      sb.append("<li>").append(Html.text(n)).append("</li>\n");
    }
    sb.append("</ul>\n");
  }

  private static void evidence(StringBuilder sb, String name, String html) {
    if (!html.isEmpty()) {
      sb.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>\n");
    }
  }

  private static void seen(StringBuilder sb, long first, long last) {
    String f = Times.iso(first);
    String l = Times.iso(last);
    if (f != null && l != null) {
      evidence(sb, "seen", Html.text(Times.span(first, last)));
    }
  }

  private static String hosts(List<String> hosts) {
    List<String> out = new ArrayList<>();
    for (String h : hosts.subList(0, Math.min(hosts.size(), COVERS))) {
      out.add(Html.code(h));
    }
    if (hosts.size() > COVERS) {
      out.add(String.format(Locale.ROOT, "and %,d more", hosts.size() - COVERS));
    }
    return String.join(", ", out);
  }

  private static String lines(List<Long> refs, List<String> names) {
    List<String> out = new ArrayList<>();
    for (long ref : refs) {
      out.add(Html.code(ReportFacts.line(ref, names)));
    }
    return String.join(", ", out);
  }
}
