package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.parse.ParseProblem;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Recommendations;
import io.squidlens.recommend.Target;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the terminal report: what went where, what Squid denied, and the lists to apply, in at
 * most 100 columns. Every string from the log is escaped. Stateless.
 */
public final class TextReport {
  /** Widest line written, apart from ready-to-paste commands (which must stay whole). */
  public static final int WIDTH = 100;

  private static final int TOP = 10;

  private TextReport() {}

  /** Writes {@code analysis} as text. */
  public static void write(Analysis a, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    Summary s = a.summary();
    header(sb, a, s);
    classes(sb, a);
    bypass(sb, a);
    denied(sb, a);
    internet(sb, a);
    recommendations(sb, a);
    malformed(sb, s);
    if (!a.warnings().isEmpty()) {
      sb.append("\nWarnings\n");
      for (String w : a.warnings()) {
        wrap(sb, "  ! ", w);
      }
    }
    out.write(sb.toString());
    out.flush();
  }

  private static void header(StringBuilder sb, Analysis a, Summary s) {
    sb.append("Input\n");
    for (var src : s.sources()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %s: %,d lines, %,d parsed, %,d malformed (%s; %s)%n",
              Escapes.terminal(src.name()),
              src.lines(),
              src.parsedLines(),
              src.malformedLines(),
              src.format(),
              src.formatNote()));
    }
    if (s.hasRecords()) {
      sb.append("  time span: ")
          .append(Times.iso(s.firstSeen()))
          .append(" .. ")
          .append(Times.iso(s.lastSeen()))
          .append('\n');
    }
    if (s.authChallenges() > 0 || !s.noDestination().isEmpty() || s.peerQueries() > 0) {
      long noDest = s.noDestination().values().stream().mapToLong(Long::longValue).sum();
      sb.append(
          String.format(
              Locale.ROOT,
              "  not classified: %,d authentication challenges (407), %,d without a destination,"
                  + " %,d peer queries%n",
              s.authChallenges(),
              noDest,
              s.peerQueries()));
    }
    sb.append("  written by: ").append(s.squidGeneration()).append('\n');
    sb.append("  profile: ").append(a.profile().id()).append('\n');
    wrap(sb, "    ", a.profileReason());
    wrap(sb, "  names looked up in: ", String.join("; ", a.lookups()));
  }

  private static void classes(StringBuilder sb, Analysis a) {
    sb.append("\nTraffic by class                  requests        bytes\n");
    for (TrafficClass c : TrafficClass.values()) {
      Analysis.ClassTotals t = a.totals(c);
      sb.append(
          String.format(
              Locale.ROOT, "  %-26s %,13d %12s%n", c.id(), t.requests(), Sizes.human(t.bytes())));
    }
  }

  private static void bypass(StringBuilder sb, Analysis a) {
    List<Verdict> list = new ArrayList<>();
    for (Verdict v : a.verdicts()) {
      if (v.destinationClass().bypassesProxy()) {
        list.add(v);
      }
    }
    if (list.isEmpty()) {
      return;
    }
    list.sort(BY_REQUESTS);
    sb.append("\nShould not go through the proxy (belongs in NO_PROXY)\n");
    for (Verdict v : list.subList(0, Math.min(list.size(), TOP * 2))) {
      destination(sb, v);
    }
    more(sb, list.size(), TOP * 2);
  }

  private static void denied(StringBuilder sb, Analysis a) {
    List<Recommendations.AllowlistAdvice> adv = a.recommendations().squidAllowlist();
    if (adv.isEmpty()) {
      return;
    }
    sb.append("\nDenied internet destinations (a Squid allowlist decision, not NO_PROXY)\n");
    for (Recommendations.AllowlistAdvice x : adv) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-46s %,9d denied%n",
              Escapes.terminal(x.host()),
              x.deniedRequests()));
    }
    sb.append("  to allow them, in squid.conf before the deny rule:\n");
    for (Recommendations.AllowlistAdvice x : adv) {
      sb.append("    ").append(Escapes.terminal(x.acl())).append('\n');
    }
    sb.append("    http_access allow CONNECT squidlens_allowed\n");
  }

  private static void internet(StringBuilder sb, Analysis a) {
    List<Verdict> list = new ArrayList<>();
    for (Verdict v : a.verdicts()) {
      if (v.destinationClass() == TrafficClass.INTERNET) {
        list.add(v);
      }
    }
    if (list.isEmpty()) {
      return;
    }
    list.sort(BY_REQUESTS);
    sb.append("\nInternet (keeps using the proxy)\n");
    for (Verdict v : list.subList(0, Math.min(list.size(), TOP))) {
      destination(sb, v);
    }
    more(sb, list.size(), TOP);
  }

  private static final Comparator<Verdict> BY_REQUESTS =
      Comparator.comparingLong((Verdict v) -> -v.requests()).thenComparing(Verdict::host);

  private static void destination(StringBuilder sb, Verdict v) {
    String name = Escapes.terminal(v.host());
    if (v.ports().size() == 1) {
      name += ":" + v.ports().get(0);
    } else if (v.ports().size() > 1) {
      name += ":{" + v.ports().size() + " ports}";
    }
    String counts =
        v.deniedRequests() > 0
            ? String.format(Locale.ROOT, "%,d req, %,d denied", v.requests(), v.deniedRequests())
            : String.format(Locale.ROOT, "%,d req", v.requests());
    sb.append(String.format(Locale.ROOT, "  %-52s %-22s %s%n", name, counts, v.destinationClass()));
    wrap(sb, "      ", Escapes.terminal(v.reason()));
  }

  private static void more(StringBuilder sb, int total, int shown) {
    if (total > shown) {
      sb.append(
          String.format(Locale.ROOT, "  ... and %,d more (-o json for all)%n", total - shown));
    }
  }

  private static void recommendations(StringBuilder sb, Analysis a) {
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    sb.append("\nRecommended proxy/cluster spec.noProxy (OpenShift adds its own defaults)\n");
    entries(sb, cluster);
    sb.append("  apply:\n    ").append(cluster.artifact().replace("\n", "\n    ")).append('\n');
    notes(sb, cluster);

    Recommendation crio = a.recommendations().get(Target.CRIO);
    sb.append("\nRecommended CRI-O environment (/etc/sysconfig/crio-network, complete list)\n");
    entries(sb, crio);
    sb.append("  file lines:\n    ").append(crio.artifact().replace("\n", "\n    ")).append('\n');
    notes(sb, crio);
    sb.append(
        "\nOther targets: squidlens recommend --target env|java|docker|mtc prints each ready to"
            + " paste\n");
  }

  private static void entries(StringBuilder sb, Recommendation r) {
    for (Recommendation.Entry e : r.entries()) {
      String mark =
          switch (e.status()) {
            case NEW -> "+";
            case BASELINE -> "=";
            case ADDED_BY_OPENSHIFT, ALREADY_COVERED -> "-";
          };
      String evidence =
          e.observed()
              ? String.format(
                  Locale.ROOT,
                  "%,d req%s, %d host%s",
                  e.requests(),
                  e.deniedRequests() > 0
                      ? String.format(Locale.ROOT, " (%,d denied)", e.deniedRequests())
                      : "",
                  e.covers().size(),
                  e.covers().size() == 1 ? "" : "s")
              : "not seen in this log";
      sb.append(
          String.format(
              Locale.ROOT, "  %s %-44s %s%n", mark, Escapes.terminal(e.value()), evidence));
      String why = e.reason();
      if (e.coveredBy() != null) {
        why = e.status().id() + " (" + e.coveredBy() + "): " + why;
      }
      wrap(sb, "      ", Escapes.terminal(why));
    }
    if (r.entries().isEmpty()) {
      sb.append("  (no private destinations in this log)\n");
    }
    if (!r.current().isEmpty()) {
      sb.append("  in force now:\n");
    }
    for (Recommendation.CurrentEntry c : r.current()) {
      sb.append(
          String.format(
              Locale.ROOT, "  %s %s%n", c.kept() ? "~" : "x", Escapes.terminal(c.value())));
      String covers = c.covers().isEmpty() ? "" : " [" + String.join(", ", c.covers()) + "]";
      wrap(sb, "      ", Escapes.terminal(c.note() + covers));
    }
  }

  private static void notes(StringBuilder sb, Recommendation r) {
    for (String e : r.errors()) {
      wrap(sb, "  error: ", e);
    }
    for (String n : r.notes()) {
      wrap(sb, "  note: ", n);
    }
  }

  private static void malformed(StringBuilder sb, Summary s) {
    if (s.malformed().isEmpty()) {
      return;
    }
    sb.append(String.format(Locale.ROOT, "%nMalformed lines (%,d)%n", s.malformedLines()));
    List<ParseProblem> ps = s.malformed();
    for (ParseProblem p : ps.subList(0, Math.min(ps.size(), TOP))) {
      wrap(sb, "  ", Escapes.terminal(p.toString()));
      wrap(sb, "      ", p.excerpt());
    }
    more(sb, (int) Math.min(Integer.MAX_VALUE, s.malformedLines()), Math.min(ps.size(), TOP));
  }

  /** Appends {@code text} after {@code prefix}, wrapped at {@link #WIDTH} on spaces. */
  public static void wrap(StringBuilder sb, String prefix, String text) {
    String indent = " ".repeat(prefix.length());
    String p = prefix;
    String rest = text;
    while (p.length() + rest.length() > WIDTH) {
      int cut = rest.lastIndexOf(' ', WIDTH - p.length());
      if (cut <= 0) {
        cut = WIDTH - p.length();
      }
      sb.append(p).append(rest, 0, cut).append('\n');
      rest = rest.substring(cut).stripLeading();
      p = indent;
    }
    sb.append(p).append(rest).append('\n');
  }
}
