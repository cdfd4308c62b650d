package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.parse.ParseProblem;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Recommendation.Target;
import io.squidlens.recommend.Recommendations;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the terminal report: a summary to act on in 30 seconds, then what went where, what Squid
 * denied and why, and the lists to apply. Lines fit {@value #WIDTH} columns except ready-to-paste
 * commands and values, which must stay whole. Every string from the log is escaped; colour only
 * when asked for. Stateless.
 */
final class TextReport {
  /** Widest line written, apart from ready-to-paste commands (which must stay whole). */
  static final int WIDTH = 100;

  private static final int TOP = ReportFacts.TOP;
  private static final int NAME = 50;

  private TextReport() {}

  /** Writes {@code analysis} as plain text. */
  static void write(Analysis a, Writer out) throws IOException {
    write(a, out, false, false);
  }

  /**
   * Writes {@code analysis} as text.
   *
   * @param color whether to use ANSI colours (only for a terminal, never with NO_COLOR set)
   * @param unicode whether block characters may be drawn (a UTF-8 terminal)
   */
  static void write(Analysis a, Writer out, boolean color, boolean unicode) throws IOException {
    Style st = new Style(color);
    StringBuilder sb = new StringBuilder();
    Summary s = a.summary();
    ReportFacts f = ReportFacts.of(a);
    glance(sb, st, a, s, f);
    Timelines.text(sb, a.timeline(), unicode, st.bold("Over time"));
    input(sb, st, a, s);
    deniedPrivate(sb, st, f);
    deniedInternet(sb, st, a, f);
    section(sb, st, "Private destinations the proxy carried (should bypass it)", f.bypassing());
    section(sb, st, "Internet destinations (keep using the proxy)", f.internet());
    recommendations(sb, st, a);
    malformed(sb, st, s);
    if (!a.warnings().isEmpty()) {
      sb.append('\n').append(st.bold("Warnings")).append('\n');
      for (String w : a.warnings()) {
        wrap(sb, "  " + st.yellow("!") + " ", 4, Escapes.terminal(w));
      }
    }
    out.write(sb.toString());
    out.flush();
  }

  /**
   * The one-line error when no input held a single log record: which inputs, how many lines, and
   * the format each was read with, so the user can tell an empty file from a wrong --log-format.
   */
  static String noRecordsError(Summary s) {
    List<String> parts = new ArrayList<>();
    for (var src : s.sources()) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%s (%,d line%s, format %s: %s)",
              src.name(),
              src.lines(),
              src.lines() == 1 ? "" : "s",
              src.format(),
              src.formatNote()));
    }
    return "no log records in "
        + (parts.isEmpty() ? "the input" : String.join(", ", parts))
        + "; check the file"
        + (s.lines() > 0 ? " and --log-format" : "");
  }

  /**
   * Writes what a report says when no record was parsed: the input section alone, since every other
   * section (and any recommendation) would be drawn from nothing.
   */
  static void writeNoRecords(Analysis a, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    Summary s = a.summary();
    sb.append(
        String.format(
            Locale.ROOT,
            "squidlens: %,d lines from %d input%s, no log records\n",
            s.lines(),
            s.sources().size(),
            s.sources().size() == 1 ? "" : "s"));
    input(sb, new Style(false), a, s);
    malformed(sb, new Style(false), s);
    out.write(sb.toString());
    out.flush();
  }

  private static void glance(StringBuilder sb, Style st, Analysis a, Summary s, ReportFacts f) {
    String span = s.hasRecords() ? ", " + Times.span(s.firstSeen(), s.lastSeen()) : ", no records";
    wrap(
        sb,
        "",
        0,
        st.bold("squidlens")
            + String.format(
                Locale.ROOT,
                ": %,d lines from %d input%s%s",
                s.lines(),
                s.sources().size(),
                s.sources().size() == 1 ? "" : "s",
                span));
    String window = Times.window(a.window(), s.outsideWindowLines());
    if (window != null) {
      wrap(sb, "  ", 2, window);
    }
    wrap(sb, "  ", 2, "profile " + a.profile().id() + " (" + a.profileReason() + ")");
    sb.append('\n')
        .append(
            st.bold(
                String.format(Locale.ROOT, "%-20s %12s %12s", "At a glance", "requests", "bytes")))
        .append('\n');
    long deniedPrivate =
        f.deniedPrivate().stream().mapToLong(v -> v.stats().deniedRequests()).sum();
    long deniedInternet =
        f.deniedInternet().stream().mapToLong(v -> v.stats().deniedRequests()).sum();
    for (TrafficClass c : TrafficClass.values()) {
      Analysis.ClassTotals t = a.totals(c);
      String what =
          switch (c) {
            case INTERNET -> "keeps using the proxy";
            case CLUSTER_INTERNAL, PRIVATE_ENDPOINT -> "carried, but should bypass the proxy";
            case DENIED ->
                String.format(
                    Locale.ROOT,
                    "%,d for NO_PROXY, %,d for the Squid allowlist",
                    deniedPrivate,
                    deniedInternet);
          };
      sb.append(
              String.format(
                  Locale.ROOT,
                  "  %-18s %,12d %12s   ",
                  c.id(),
                  t.requests(),
                  Sizes.human(t.bytes())))
          .append(t.requests() == 0 ? "" : what);
      trimEnd(sb);
      sb.append('\n');
    }
    sb.append('\n').append(st.bold("To do")).append('\n');
    int i = 1;
    for (String t : f.todo()) {
      wrap(sb, String.format(Locale.ROOT, "  %d. ", i++), 5, Escapes.terminal(t));
    }
    if (!a.warnings().isEmpty()) {
      wrap(
          sb,
          "  " + st.yellow("!") + " ",
          4,
          a.warnings().size() + " warning" + (a.warnings().size() == 1 ? "" : "s") + " at the end");
    }
  }

  private static void input(StringBuilder sb, Style st, Analysis a, Summary s) {
    sb.append('\n').append(st.bold("Input")).append('\n');
    for (var src : s.sources()) {
      wrap(
          sb,
          "  ",
          6,
          String.format(
              Locale.ROOT,
              "%s: %,d lines, %,d parsed, %,d malformed (%s; %s)",
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
      wrap(
          sb,
          "  ",
          4,
          String.format(
              Locale.ROOT,
              "not classified: %,d authentication challenges (407), %,d without a destination,"
                  + " %,d peer queries",
              s.authChallenges(),
              noDest,
              s.peerQueries()));
    }
    wrap(sb, "  written by: ", 4, s.squidGeneration());
    wrap(sb, "  names looked up in: ", 4, String.join("; ", a.lookups()));
  }

  private static void deniedPrivate(StringBuilder sb, Style st, ReportFacts f) {
    if (f.deniedPrivate().isEmpty()) {
      return;
    }
    sb.append('\n')
        .append(
            st.bold("Denied, and belongs in NO_PROXY (the client should not have used the proxy)"))
        .append('\n');
    List<Verdict> list = f.deniedPrivate();
    for (Verdict v : list.subList(0, Math.min(list.size(), TOP))) {
      row(
          sb,
          st,
          v,
          String.format(Locale.ROOT, "%,d denied", v.stats().deniedRequests()),
          v.destinationClass().id());
    }
    more(sb, list.size(), TOP);
  }

  private static void deniedInternet(StringBuilder sb, Style st, Analysis a, ReportFacts f) {
    if (f.deniedInternet().isEmpty()) {
      return;
    }
    sb.append('\n')
        .append(
            st.bold("Denied internet destinations (a Squid allowlist decision, never NO_PROXY)"))
        .append('\n');
    List<Verdict> list = f.deniedInternet();
    for (Verdict v : list.subList(0, Math.min(list.size(), TOP))) {
      row(
          sb,
          st,
          v,
          String.format(Locale.ROOT, "%,d denied", v.stats().deniedRequests()),
          "internet");
    }
    more(sb, list.size(), TOP);
    if (a.recommendations().squidAllowlist().isEmpty()) {
      sb.append("  (none is a host name squid.conf can take as a value: see the warnings)\n");
      return;
    }
    sb.append("  to allow them, in squid.conf before the rule that denies them:\n");
    for (Recommendations.AllowlistAdvice x : a.recommendations().squidAllowlist()) {
      sb.append("    ").append(Escapes.terminal(x.acl())).append('\n');
    }
    sb.append("    http_access allow CONNECT squidlens_allowed\n");
  }

  private static void section(StringBuilder sb, Style st, String title, List<Verdict> list) {
    if (list.isEmpty()) {
      return;
    }
    sb.append('\n').append(st.bold(title)).append('\n');
    for (Verdict v : list.subList(0, Math.min(list.size(), TOP))) {
      String counts =
          v.stats().deniedRequests() > 0
              ? String.format(
                  Locale.ROOT,
                  "%,d req, %,d denied",
                  v.stats().requests(),
                  v.stats().deniedRequests())
              : String.format(Locale.ROOT, "%,d req", v.stats().requests());
      row(sb, st, v, counts, v.destinationClass().id());
    }
    more(sb, list.size(), TOP);
  }

  /** One destination: name, counts and class on a line (the name alone if long), then why. */
  private static void row(StringBuilder sb, Style st, Verdict v, String counts, String cls) {
    String name = Escapes.terminal(ReportFacts.name(v));
    if (name.length() > NAME) {
      wrap(sb, "  ", 4, name);
      name = "";
    }
    String paddedCounts = String.format(Locale.ROOT, "%-24s", counts);
    sb.append(String.format(Locale.ROOT, "  %-" + NAME + "s ", name))
        .append(v.stats().deniedRequests() > 0 ? st.red(paddedCounts) : paddedCounts)
        .append(' ')
        .append(cls)
        .append('\n');
    wrap(sb, "      ", 6, Escapes.terminal(v.reason()));
    if (!v.stats().sources().isEmpty()) {
      // Which proxy still carries it, when logs of several were given.
      List<String> via = new ArrayList<>();
      for (io.squidlens.aggregate.TrafficStats.Share sh : v.stats().sources()) {
        via.add(
            String.format(
                Locale.ROOT,
                "%s %,d req (last %s)",
                Escapes.terminal(sh.name()),
                sh.requests(),
                Times.iso(sh.lastSeen())));
      }
      wrap(sb, "      ", 6, "via " + String.join(", ", via));
    }
  }

  private static void more(StringBuilder sb, int total, int shown) {
    if (total > shown) {
      sb.append(
          String.format(
              Locale.ROOT, "  ... and %,d more (-o json or -o csv for all)\n", total - shown));
    }
  }

  private static void recommendations(StringBuilder sb, Style st, Analysis a) {
    // Only OpenShift has a proxy/cluster object: a patch for it would mislead anyone else.
    if (a.profile().openShift()) {
      Recommendation cluster = a.recommendations().get(Target.CLUSTER);
      sb.append('\n')
          .append(st.bold("proxy/cluster spec.noProxy (only what OpenShift does not add)"))
          .append('\n');
      entries(sb, st, cluster);
      artifact(sb, "apply", cluster.artifact());
      notes(sb, st, cluster, a.warnings());
    }

    Recommendation crio = a.recommendations().get(Target.CRIO);
    sb.append('\n')
        .append(st.bold("CRI-O environment file (the complete list: nothing is added for CRI-O)"))
        .append('\n');
    entries(sb, st, crio);
    artifact(sb, "file lines", crio.artifact());
    notes(sb, st, crio, a.warnings());
    sb.append('\n');
    wrap(
        sb,
        "",
        0,
        "Other targets: 'squidlens recommend --target env|java|docker|mtc' prints each ready to"
            + " paste; --target egressfirewall|egressnetworkpolicy|egress-router-proxy prints the"
            + " egress rules that enforce what NO_PROXY leaves direct.");
  }

  /** A ready-to-paste artifact: whole lines, never wrapped (wrapping would break the paste). */
  private static void artifact(StringBuilder sb, String label, String artifact) {
    sb.append("  ").append(label).append(":\n");
    for (String line : artifact.split("\n", -1)) {
      sb.append("    ").append(Escapes.terminal(line)).append('\n');
    }
  }

  private static void entries(StringBuilder sb, Style st, Recommendation r) {
    for (Recommendation.Entry e : r.entries()) {
      String mark =
          switch (e.status()) {
            case NEW -> st.green("+");
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
      String value = Escapes.terminal(e.value());
      if (value.length() > NAME - 2) {
        wrap(sb, "  " + mark + " ", 4, value);
        value = "";
      } else {
        value = mark + " " + value;
        value = value + " ".repeat(Math.max(0, NAME - visible(value)));
      }
      sb.append(
              ("  " + (value.isEmpty() ? " ".repeat(NAME) : value) + " " + evidence)
                  .stripTrailing())
          .append('\n');
      String why = e.reason();
      if (e.status() == Recommendation.Status.ADDED_BY_OPENSHIFT) {
        why = "OpenShift adds " + e.coveredBy() + " itself; " + why;
      } else if (e.coveredBy() != null) {
        why = "already covered by " + e.coveredBy() + "; " + why;
      }
      wrap(sb, "      ", 6, Escapes.terminal(why));
    }
    if (r.entries().isEmpty()) {
      sb.append("  (no private destinations in this log)\n");
    }
    if (!r.current().isEmpty()) {
      sb.append("  in force now:\n");
    }
    for (Recommendation.CurrentEntry c : r.current()) {
      String mark = c.unsafe() ? st.red("!") : c.kept() ? "~" : st.red("x");
      wrap(
          sb,
          "  " + mark + " ",
          4,
          Escapes.terminal(c.value())
              + (c.unsafe() ? (c.kept() ? "  UNSAFE, kept" : "  UNSAFE") : ""));
      String covers =
          c.unsafe() || c.covers().isEmpty() ? "" : " [" + String.join(", ", c.covers()) + "]";
      wrap(sb, "      ", 6, Escapes.terminal(c.note() + covers));
    }
  }

  private static void notes(StringBuilder sb, Style st, Recommendation r, List<String> warnings) {
    for (String e : r.errors()) {
      wrap(sb, "  " + st.red("error:") + " ", 9, Escapes.terminal(e));
    }
    for (String w : ReportFacts.warnings(r)) {
      if (!warnings.contains(w)) {
        wrap(sb, "  " + st.yellow("warning:") + " ", 11, Escapes.terminal(w));
      }
    }
    for (String n : r.notes()) {
      if (!warnings.contains(n)) {
        wrap(sb, "  note: ", 8, Escapes.terminal(n));
      }
    }
  }

  static void trimEnd(StringBuilder sb) {
    int n = sb.length();
    while (n > 0 && sb.charAt(n - 1) == ' ') {
      n--;
    }
    sb.setLength(n);
  }

  private static void malformed(StringBuilder sb, Style st, Summary s) {
    if (s.malformed().isEmpty()) {
      return;
    }
    sb.append('\n')
        .append(st.bold(String.format(Locale.ROOT, "Malformed lines (%,d)", s.malformedLines())))
        .append('\n');
    List<ParseProblem> ps = s.malformed();
    for (ParseProblem p : ps.subList(0, Math.min(ps.size(), TOP))) {
      wrap(sb, "  ", 4, Escapes.terminal(p.toString()));
      wrap(sb, "      ", 6, Escapes.terminal(p.excerpt()));
    }
    more(sb, (int) Math.min(Integer.MAX_VALUE, s.malformedLines()), Math.min(ps.size(), TOP));
  }

  /** Appends {@code text} after {@code prefix}, wrapped at {@link #WIDTH} on spaces. */
  static void wrap(StringBuilder sb, String prefix, String text) {
    wrap(sb, prefix, prefix.length(), text);
  }

  /**
   * Appends {@code text} after {@code prefix} (which may hold colour codes), wrapped at {@link
   * #WIDTH} on spaces; continuation lines are indented by {@code indent} columns. A word longer
   * than the room left (a long host name, a comma list) is broken only after a dot or comma, with a
   * {@value #CONTINUED} at the end of the line to show it goes on; a word with no such place (no
   * host name: its labels are at most 63 characters) is cut where the line ends, with the same
   * mark. A host name is never cut inside a label.
   */
  static void wrap(StringBuilder sb, String prefix, int indent, String text) {
    wrap(sb, prefix, indent, text, WIDTH);
  }

  /** As {@link #wrap(StringBuilder, String, int, String)}, at {@code columns} instead. */
  static void wrap(StringBuilder sb, String prefix, int indent, String text, int columns) {
    String pad = " ".repeat(indent);
    String p = prefix;
    int width = visible(prefix);
    String rest = text;
    while (width + rest.length() > columns) {
      int room = columns - width;
      int cut = rest.lastIndexOf(' ', room);
      if (cut > 0) {
        sb.append(p).append(rest, 0, cut).append('\n');
        rest = rest.substring(cut).stripLeading();
      } else {
        int word = rest.indexOf(' ');
        int wordEnd = word < 0 ? rest.length() : word;
        int brk = lastBreak(rest, Math.min(wordEnd, room - CONTINUED.length()));
        if (brk == 0) {
          // No dot or comma to break at (escaped binary, a long token): a host name cannot be
          // that, since its labels are at most 63 characters.
          brk = Math.max(1, room - CONTINUED.length());
        }
        sb.append(p).append(rest, 0, brk).append(CONTINUED).append('\n');
        rest = rest.substring(brk);
      }
      p = pad;
      width = indent;
      if (rest.isEmpty()) {
        return;
      }
    }
    sb.append(p).append(rest).append('\n');
  }

  /** Marks a line broken inside a word: the word goes on at the next line. */
  static final String CONTINUED = "\\";

  /** The end of the last dot or comma within {@code s[0, limit)} to break after, or 0. */
  private static int lastBreak(String s, int limit) {
    for (int i = Math.min(limit, s.length()) - 1; i > 0; i--) {
      char c = s.charAt(i);
      if (c == '.' || c == ',') {
        return i + 1;
      }
    }
    return 0;
  }

  /** Columns {@code s} takes on a terminal: its length without ANSI colour codes. */
  static int visible(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\u001b') {
        while (i < s.length() && s.charAt(i) != 'm') {
          i++;
        }
      } else {
        n++;
      }
    }
    return n;
  }

  /** ANSI colours when enabled, plain text otherwise. */
  record Style(boolean on) {
    String bold(String s) {
      return paint("1", s);
    }

    String red(String s) {
      return paint("31", s);
    }

    String green(String s) {
      return paint("32", s);
    }

    String yellow(String s) {
      return paint("33", s);
    }

    private String paint(String code, String s) {
      return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
  }
}
