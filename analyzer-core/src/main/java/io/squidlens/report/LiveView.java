package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.LiveAnalysis.NewDestination;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.recommend.Recommendation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders follow mode's screen for a terminal: counts per class, the request rate, destinations
 * first seen that should not have used the proxy (with the entry that would fix each), the busiest
 * destinations and the current lists. Fits the terminal it is given: sections are dropped from the
 * bottom (the header with the counts and requests/s never is), and no line is wider than the
 * terminal. Log text escaped. Stateless.
 */
final class LiveView {
  private static final String CLEAR = "\u001b[H\u001b[2J";
  private static final int TOP = 8;

  /** The narrowest the view is laid out for; a narrower terminal gets lines cut at its edge. */
  private static final int NARROWEST = 40;

  private LiveView() {}

  /**
   * The screen.
   *
   * @param title what is followed
   * @param rate requests per second over the last interval
   * @param highlights recently first-seen destinations worth attention, newest first
   * @param notices recent notices (rotation, truncation), newest last
   * @param terminal whether the screen is cleared first (a terminal) or views follow each other
   * @param color whether to use ANSI colour
   * @param rows the terminal's lines, or 0 when unknown (no limit)
   * @param cols the terminal's columns, or 0 when unknown ({@value TextReport#WIDTH})
   */
  static String render(
      Analysis a,
      String title,
      double rate,
      List<NewDestination> highlights,
      List<String> notices,
      boolean terminal,
      boolean color,
      int rows,
      int cols) {
    int width =
        cols <= 0 ? TextReport.WIDTH : Math.max(NARROWEST, Math.min(cols, TextReport.WIDTH));
    String bold = color ? "\u001b[1m" : "";
    String red = color ? "\u001b[31m" : "";
    String off = color ? "\u001b[0m" : "";

    StringBuilder header = new StringBuilder();
    TextReport.wrap(
        header,
        bold + "squidlens follow" + off + " ",
        2,
        String.format(
            Locale.ROOT,
            "%s: %,d lines (%,d malformed), %.1f requests/s; profile %s. Ctrl-C for the final"
                + " summary.",
            Escapes.terminal(title),
            a.summary().lines(),
            a.summary().malformedLines(),
            rate,
            a.profile().id()),
        width);
    StringBuilder classes = new StringBuilder();
    for (TrafficClass c : TrafficClass.values()) {
      classes
          .append(classes.length() == 0 ? "" : " | ")
          .append(c.id())
          .append(' ')
          .append(String.format(Locale.ROOT, "%,d", a.totals(c).requests()));
    }
    TextReport.wrap(header, "  ", 2, classes.toString(), width);

    StringBuilder seen = new StringBuilder();
    seen.append(bold).append("First seen, should not use the proxy").append(off).append('\n');
    if (highlights.isEmpty()) {
      seen.append("  (none yet)\n");
    }
    for (NewDestination d : highlights) {
      String what =
          (d.denied() ? "denied " : "carried ") + d.classification().destinationClass().id();
      TextReport.wrap(
          seen,
          "  " + red + "!" + off + " ",
          6,
          Escapes.terminal(d.destination().toString())
              + "  "
              + what
              + (d.noProxyEntry() == null ? "" : "  -> add " + Escapes.terminal(d.noProxyEntry()))
              + (d.client() == null ? "" : "  (from " + Escapes.terminal(d.client()) + ")"),
          width);
    }

    StringBuilder busiest = new StringBuilder();
    busiest.append(bold).append("Busiest destinations").append(off).append('\n');
    List<Verdict> top = new ArrayList<>(a.verdicts());
    top.sort(ReportFacts.BY_REQUESTS);
    // name, count and class on one line: "  " + name + " " + 10 digits + "  " + up to 23.
    int nameWidth = Math.max(12, Math.min(60, width - 38));
    for (Verdict v : top.subList(0, Math.min(TOP, top.size()))) {
      String name = Escapes.terminal(ReportFacts.name(v));
      if (name.length() > nameWidth) {
        name = name.substring(0, nameWidth - 3) + "...";
      }
      busiest.append(
          String.format(
              Locale.ROOT,
              "  %-" + nameWidth + "s %,10d  %s\n",
              name,
              v.stats().requests(),
              v.trafficClass() == v.destinationClass()
                  ? v.destinationClass().id()
                  : "denied " + v.destinationClass().id()));
    }

    StringBuilder lists = new StringBuilder();
    lists.append(bold).append("Lists so far").append(off).append('\n');
    TextReport.wrap(
        lists,
        "  proxy/cluster spec.noProxy: ",
        4,
        orNone(a.recommendations().get(Target.CLUSTER).noProxy()).replace(",", ", "),
        width);
    TextReport.wrap(
        lists,
        "  CRI-O NO_PROXY: ",
        4,
        orNone(a.recommendations().get(Target.CRIO).noProxy()).replace(",", ", "),
        width);
    TextReport.wrap(
        lists, "  ", 2, "('squidlens recommend --target T FILE' prints them to paste.)", width);

    StringBuilder notes = new StringBuilder();
    for (String n : notices) {
      TextReport.wrap(notes, "  note: ", 8, Escapes.terminal(n), width);
    }
    for (String w : a.warnings()) {
      if (w.startsWith("destination table full")) {
        TextReport.wrap(notes, "  " + red + "!" + off + " ", 4, w, width);
      }
    }

    // The frame leaves the terminal's last line for the cursor, so it never scrolls.
    int room = rows <= 0 ? Integer.MAX_VALUE : rows - 1;
    List<String> out = new ArrayList<>();
    for (String l : lines(header)) {
      if (out.size() < Math.max(room, 1)) {
        out.add(l);
      }
    }
    List<List<String>> sections = List.of(lines(notes), lines(seen), lines(busiest), lines(lists));
    for (List<String> section : sections) {
      if (section.isEmpty()) {
        continue;
      }
      int left = room - out.size() - (terminal || !out.isEmpty() ? 1 : 0);
      if (left >= section.size()) {
        out.add("");
        out.addAll(section);
      } else {
        // The first section that does not fit is cut, with a line saying so; the rest go.
        if (left >= 2) {
          out.add("");
          out.addAll(section.subList(0, left - 1));
          out.add(
              "  ... (" + (section.size() - left + 1) + " more lines: a taller window shows them)");
        }
        break;
      }
    }
    StringBuilder sb = new StringBuilder(terminal ? CLEAR : "\n");
    for (String l : out) {
      sb.append(cols > 0 ? fit(l, cols, off) : l).append('\n');
    }
    return sb.toString();
  }

  /** The lines of {@code sb}, which ends each with a newline. */
  private static List<String> lines(StringBuilder sb) {
    List<String> out = new ArrayList<>(List.of(sb.toString().split("\n", -1)));
    out.remove(out.size() - 1); // what follows the last newline: nothing
    return out;
  }

  /** {@code line} cut at {@code cols} visible columns (colour codes kept, reset when cut). */
  private static String fit(String line, int cols, String off) {
    if (TextReport.visible(line) <= cols) {
      return line;
    }
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (int i = 0; i < line.length() && n < cols; i++) {
      char c = line.charAt(i);
      if (c == '\u001b') {
        int end = line.indexOf('m', i);
        end = end < 0 ? line.length() - 1 : end;
        sb.append(line, i, end + 1);
        i = end;
      } else {
        sb.append(c);
        n++;
      }
    }
    return sb.append(off).toString();
  }

  private static String orNone(String v) {
    return v.isEmpty() ? "(nothing to add)" : v;
  }
}
