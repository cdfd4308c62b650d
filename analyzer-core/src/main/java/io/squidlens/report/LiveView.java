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
 * destinations and the current lists. Fits {@value TextReport#WIDTH} columns; log text escaped.
 * Stateless.
 */
final class LiveView {
  private static final String CLEAR = "\u001b[H\u001b[2J";
  private static final int TOP = 8;

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
   */
  static String render(
      Analysis a,
      String title,
      double rate,
      List<NewDestination> highlights,
      List<String> notices,
      boolean terminal,
      boolean color) {
    StringBuilder sb = new StringBuilder(terminal ? CLEAR : "\n");
    String bold = color ? "\u001b[1m" : "";
    String red = color ? "\u001b[31m" : "";
    String off = color ? "\u001b[0m" : "";
    TextReport.wrap(
        sb,
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
            a.profile().id()));
    StringBuilder classes = new StringBuilder();
    for (TrafficClass c : TrafficClass.values()) {
      classes
          .append(classes.length() == 0 ? "" : " | ")
          .append(c.id())
          .append(' ')
          .append(String.format(Locale.ROOT, "%,d", a.totals(c).requests()));
    }
    TextReport.wrap(sb, "  ", 2, classes.toString());

    sb.append('\n').append(bold).append("First seen, should not use the proxy").append(off);
    sb.append('\n');
    if (highlights.isEmpty()) {
      sb.append("  (none yet)\n");
    }
    for (NewDestination d : highlights) {
      String what =
          (d.denied() ? "denied " : "carried ") + d.classification().destinationClass().id();
      TextReport.wrap(
          sb,
          "  " + red + "!" + off + " ",
          6,
          Escapes.terminal(d.destination().toString())
              + "  "
              + what
              + (d.noProxyEntry() == null ? "" : "  -> add " + Escapes.terminal(d.noProxyEntry())));
    }

    sb.append('\n').append(bold).append("Busiest destinations").append(off).append('\n');
    List<Verdict> top = new ArrayList<>(a.verdicts());
    top.sort(ReportFacts.BY_REQUESTS);
    for (Verdict v : top.subList(0, Math.min(TOP, top.size()))) {
      String name = Escapes.terminal(ReportFacts.name(v));
      if (name.length() > 60) {
        name = name.substring(0, 57) + "...";
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-60s %,10d  %s\n",
              name,
              v.stats().requests(),
              v.trafficClass() == v.destinationClass()
                  ? v.destinationClass().id()
                  : "denied " + v.destinationClass().id()));
    }

    sb.append('\n').append(bold).append("Lists so far").append(off).append('\n');
    TextReport.wrap(
        sb,
        "  proxy/cluster spec.noProxy: ",
        4,
        orNone(a.recommendations().get(Target.CLUSTER).noProxy()).replace(",", ", "));
    TextReport.wrap(
        sb,
        "  CRI-O NO_PROXY: ",
        4,
        orNone(a.recommendations().get(Target.CRIO).noProxy()).replace(",", ", "));
    TextReport.wrap(sb, "  ", 2, "('squidlens recommend --target T FILE' prints them to paste.)");
    for (String n : notices) {
      TextReport.wrap(sb, "  note: ", 8, Escapes.terminal(n));
    }
    for (String w : a.warnings()) {
      if (w.startsWith("destination table full")) {
        TextReport.wrap(sb, "  " + red + "!" + off + " ", 4, w);
      }
    }
    return sb.toString();
  }

  private static String orNone(String v) {
    return v.isEmpty() ? "(nothing to add)" : v;
  }
}
