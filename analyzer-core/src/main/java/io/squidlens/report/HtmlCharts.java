package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * The HTML report's charts, drawn as inline SVG: requests per class over time (stacked), denied
 * requests over time (with the time of a change marked), the busiest destinations of a class and
 * the bytes per class. Each is a {@code <figure>} with a title, axis labels, a {@code <title>} per
 * mark (the tooltip) and the same numbers as a table for screen readers and for copying. Stateless.
 */
final class HtmlCharts {
  /*
   * Implementation notes. SVG written here rather than a charting library run in the browser: the
   * picture is there without any script (mail previews and printouts show it), is the same bytes
   * for the same input, needs nothing but the style sheet's classes under the page's policy, and
   * costs a few kilobytes where a library would add hundreds. The timeline is summed into at most
   * COLUMNS groups of buckets with the text report's own grouping, so each mark's tooltip and the
   * table below it say which span it stands for.
   */

  /** Columns of a timeline chart. */
  static final int COLUMNS = 120;

  /** Destinations in a busiest-destinations chart. */
  static final int BUSIEST = 10;

  private static final int WIDTH = 720;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 14;
  private static final int BOTTOM = 46;
  private static final int PLOT_HEIGHT = 180;
  private static final int LABEL = 230;
  private static final int ROW = 22;
  private static final int LABEL_CHARS = 34;

  private HtmlCharts() {}

  /**
   * Requests of every class over time, stacked, one column per group of buckets.
   *
   * @param at the time to mark (a change), or null
   */
  static void timeline(StringBuilder sb, String id, Analysis.Timeline t, Long at) {
    List<Timelines.Group> g = Timelines.groups(t, COLUMNS);
    long per = g.get(0).endMillis() - g.get(0).startMillis();
    long max = 1;
    for (Timelines.Group x : g) {
      long sum = 0;
      for (TrafficClass c : TrafficClass.values()) {
        sum += x.requests().get(c);
      }
      max = Math.max(max, sum);
    }
    long top = nice(max);
    String title = "Requests per class over time";
    open(sb, id, title, "Requests per " + Timelines.width(per) + ", stacked by class.");
    int height = TOP + PLOT_HEIGHT + BOTTOM;
    svg(sb, id, title, height);
    yAxis(sb, top, "requests per " + Timelines.width(per), HtmlCharts::count);
    xAxis(sb, g, "time (UTC)");
    double w = (WIDTH - LEFT - RIGHT) / (double) g.size();
    for (int i = 0; i < g.size(); i++) {
      Timelines.Group x = g.get(i);
      double base = TOP + PLOT_HEIGHT;
      for (TrafficClass c : TrafficClass.values()) {
        long v = x.requests().get(c);
        if (v == 0) {
          continue;
        }
        double h = PLOT_HEIGHT * (double) v / top;
        base -= h;
        mark(
            sb,
            c,
            v,
            LEFT + i * w,
            base,
            w,
            h,
            span(x) + ": " + count(v) + " " + c.id() + " request" + (v == 1 ? "" : "s"));
      }
    }
    marker(sb, g, at);
    sb.append("</svg>\n");
    legend(sb);
    sb.append("<details class=\"data\"><summary>The numbers</summary>\n")
        .append("<div class=\"table-wrap\"><table>\n<thead><tr><th>from (UTC)</th>");
    for (TrafficClass c : TrafficClass.values()) {
      sb.append("<th class=\"n\">").append(c.id()).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (Timelines.Group x : g) {
      sb.append("<tr><td>").append(Times.iso(x.startMillis())).append("</td>");
      for (TrafficClass c : TrafficClass.values()) {
        sb.append("<td class=\"n\">").append(count(x.requests().get(c))).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table></div></details>\n</figure>\n");
  }

  /**
   * Requests Squid denied over time, with {@code at} marked when there is a change to show.
   *
   * @param at the time to mark, or null
   */
  static void denied(StringBuilder sb, String id, Analysis.Timeline t, Long at) {
    List<Timelines.Group> g = Timelines.groups(t, COLUMNS);
    long per = g.get(0).endMillis() - g.get(0).startMillis();
    long max = 1;
    for (Timelines.Group x : g) {
      max = Math.max(max, x.requests().get(TrafficClass.DENIED));
    }
    long top = nice(max);
    String title = "Denied requests over time";
    open(
        sb,
        id,
        title,
        "Requests Squid denied per "
            + Timelines.width(per)
            + (at == null ? "." : "; the dashed line is the change (" + Times.iso(at) + ")."));
    int height = TOP + PLOT_HEIGHT + BOTTOM;
    svg(sb, id, title, height);
    yAxis(sb, top, "denied per " + Timelines.width(per), HtmlCharts::count);
    xAxis(sb, g, "time (UTC)");
    double w = (WIDTH - LEFT - RIGHT) / (double) g.size();
    for (int i = 0; i < g.size(); i++) {
      long v = g.get(i).requests().get(TrafficClass.DENIED);
      if (v > 0) {
        double h = PLOT_HEIGHT * (double) v / top;
        mark(
            sb,
            TrafficClass.DENIED,
            v,
            LEFT + i * w,
            TOP + PLOT_HEIGHT - h,
            w,
            h,
            span(g.get(i)) + ": " + count(v) + " denied");
      }
    }
    marker(sb, g, at);
    sb.append("</svg>\n<details class=\"data\"><summary>The numbers</summary>\n")
        .append("<div class=\"table-wrap\"><table>\n<thead><tr><th>from (UTC)</th>")
        .append("<th class=\"n\">denied</th></tr></thead>\n<tbody>\n");
    for (Timelines.Group x : g) {
      sb.append("<tr><td>")
          .append(Times.iso(x.startMillis()))
          .append("</td><td class=\"n\">")
          .append(count(x.requests().get(TrafficClass.DENIED)))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></div></details>\n</figure>\n");
  }

  /**
   * The busiest destinations of one class as bars: by requests, or by denied requests for {@code
   * denied}.
   *
   * @param busiest the destinations, busiest first, at most {@link #BUSIEST}
   */
  static void busiest(StringBuilder sb, String id, TrafficClass c, List<Verdict> busiest) {
    boolean denied = c == TrafficClass.DENIED;
    String what = denied ? "denied requests" : "requests";
    long max = 1;
    for (Verdict v : busiest) {
      max = Math.max(max, value(v, denied));
    }
    long top = nice(max);
    String title = "Busiest " + c.id() + " destinations";
    open(sb, id, title, "The " + busiest.size() + " with the most " + what + ".");
    int height = TOP + busiest.size() * ROW + BOTTOM;
    svg(sb, id, title, height);
    barAxis(sb, top, busiest.size(), what, HtmlCharts::count);
    int y = TOP;
    for (Verdict v : busiest) {
      long n = value(v, denied);
      String name = ReportFacts.name(v);
      label(sb, name, y);
      mark(
          sb,
          c,
          n,
          LABEL,
          y + 3,
          (WIDTH - LABEL - RIGHT) * (double) n / top,
          ROW - 6,
          name + ": " + count(n) + " " + (n == 1 ? what.substring(0, what.length() - 1) : what));
      y += ROW;
    }
    sb.append("</svg>\n<details class=\"data\"><summary>The numbers</summary>\n")
        .append("<div class=\"table-wrap\"><table>\n<thead><tr><th>destination</th>")
        .append("<th class=\"n\">")
        .append(what)
        .append("</th></tr></thead>\n<tbody>\n");
    for (Verdict v : busiest) {
      sb.append("<tr><td class=\"host\">")
          .append(Html.text(ReportFacts.name(v)))
          .append("</td><td class=\"n\">")
          .append(count(value(v, denied)))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></div></details>\n</figure>\n");
  }

  /** The bytes each class carried, as bars (denied: the bytes of Squid's error pages). */
  static void bytes(StringBuilder sb, String id, Analysis a) {
    long max = 1;
    for (TrafficClass c : TrafficClass.values()) {
      max = Math.max(max, a.totals(c).bytes());
    }
    long top = nice(max);
    String title = "Bytes per class";
    open(sb, id, title, "What each class carried; denied is Squid's own error pages.");
    int rows = TrafficClass.values().length;
    int height = TOP + rows * ROW + BOTTOM;
    svg(sb, id, title, height);
    barAxis(sb, top, rows, "bytes", Sizes::human);
    int y = TOP;
    for (TrafficClass c : TrafficClass.values()) {
      long b = a.totals(c).bytes();
      label(sb, c.id(), y);
      if (b > 0) {
        mark(
            sb,
            c,
            b,
            LABEL,
            y + 3,
            (WIDTH - LABEL - RIGHT) * (double) b / top,
            ROW - 6,
            c.id()
                + ": "
                + Sizes.human(b)
                + " in "
                + count(a.totals(c).requests())
                + (a.totals(c).requests() == 1 ? " request" : " requests"));
      }
      y += ROW;
    }
    sb.append("</svg>\n<details class=\"data\"><summary>The numbers</summary>\n")
        .append("<div class=\"table-wrap\"><table>\n<thead><tr><th>class</th>")
        .append("<th class=\"n\">bytes</th><th class=\"n\">requests</th></tr></thead>\n<tbody>\n");
    for (TrafficClass c : TrafficClass.values()) {
      sb.append("<tr><td>")
          .append(c.id())
          .append("</td><td class=\"n\" data-v=\"")
          .append(a.totals(c).bytes())
          .append("\">")
          .append(Sizes.human(a.totals(c).bytes()))
          .append("</td><td class=\"n\">")
          .append(count(a.totals(c).requests()))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></div></details>\n</figure>\n");
  }

  /** A legend of the classes' colours. */
  static void legend(StringBuilder sb) {
    sb.append("<ul class=\"legend\">");
    for (TrafficClass c : TrafficClass.values()) {
      sb.append("<li><span class=\"swatch c-")
          .append(c.id())
          .append("\"></span>")
          .append(c.id())
          .append("</li>");
    }
    sb.append("</ul>\n");
  }

  private static long value(Verdict v, boolean denied) {
    return denied ? v.stats().deniedRequests() : v.stats().requests();
  }

  private static void open(StringBuilder sb, String id, String title, String caption) {
    sb.append("<figure id=\"")
        .append(id)
        .append("\" class=\"chart-figure\">\n<figcaption id=\"")
        .append(id)
        .append("-caption\">")
        .append(Html.text(title))
        .append(" <span class=\"muted\">")
        .append(Html.text(caption))
        .append("</span></figcaption>\n");
  }

  private static void svg(StringBuilder sb, String id, String title, int height) {
    sb.append("<svg class=\"chart\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(id)
        .append("-title\"><title id=\"")
        .append(id)
        .append("-title\">")
        .append(Html.text(title))
        .append("</title>\n");
  }

  private static void mark(
      StringBuilder sb,
      TrafficClass c,
      long value,
      double x,
      double y,
      double w,
      double h,
      String tooltip) {
    sb.append("<rect class=\"mark c-")
        .append(c.id())
        .append("\" data-class=\"")
        .append(c.id())
        .append("\" data-v=\"")
        .append(value)
        .append("\" x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" width=\"")
        .append(num(Math.max(w, 0.5)))
        .append("\" height=\"")
        .append(num(Math.max(h, 0.5)))
        .append("\"><title>")
        .append(Html.text(tooltip))
        .append("</title></rect>\n");
  }

  /** The y axis of a column chart: grid lines at 0, half and the top, labelled, and its name. */
  private static void yAxis(StringBuilder sb, long top, String name, LongFunction<String> fmt) {
    for (int k = 0; k <= 2; k++) {
      double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * k / 2.0;
      line(sb, "grid", LEFT, WIDTH - RIGHT, y, y, null);
      sb.append("<text x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(num(y + 4))
          .append("\" text-anchor=\"end\">")
          .append(Html.text(fmt.apply(top * k / 2)))
          .append("</text>\n");
    }
    sb.append("<text transform=\"translate(14 ")
        .append(TOP + PLOT_HEIGHT / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">")
        .append(Html.text(name))
        .append("</text>\n");
  }

  /** The time axis: a line, the first, middle and last times, and its name. */
  private static void xAxis(StringBuilder sb, List<Timelines.Group> g, String name) {
    int y = TOP + PLOT_HEIGHT;
    line(sb, "axis", LEFT, WIDTH - RIGHT, y, y, null);
    long from = g.get(0).startMillis();
    long to = g.get(g.size() - 1).endMillis();
    tick(sb, LEFT, y, "start", Times.seconds(from));
    tick(sb, (LEFT + WIDTH - RIGHT) / 2.0, y, "middle", Times.seconds(from + (to - from) / 2));
    tick(sb, WIDTH - RIGHT, y, "end", Times.seconds(to));
    tick(sb, (LEFT + WIDTH - RIGHT) / 2.0, y + 20, "middle", name);
  }

  /** A label under the axis at {@code y}: a tick's value, or 20 pixels lower the axis's name. */
  private static void tick(StringBuilder sb, double x, int y, String anchor, String label) {
    sb.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(y + 16)
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(Html.text(label))
        .append("</text>\n");
  }

  /** The value axis of a bar chart, under {@code rows} rows: 0, half and the top, and its name. */
  private static void barAxis(
      StringBuilder sb, long top, int rows, String name, LongFunction<String> fmt) {
    int y = TOP + rows * ROW;
    for (int k = 0; k <= 2; k++) {
      double x = LABEL + (WIDTH - LABEL - RIGHT) * k / 2.0;
      line(sb, "grid", x, x, TOP, y, null);
      tick(sb, x, y, k == 0 ? "start" : k == 1 ? "middle" : "end", fmt.apply(top * k / 2));
    }
    tick(sb, (LABEL + WIDTH - RIGHT) / 2.0, y + 20, "middle", name);
  }

  /** A line of the style sheet's class {@code cls}, with a tooltip when {@code title} is given. */
  private static void line(
      StringBuilder sb, String cls, double x1, double x2, double y1, double y2, String title) {
    sb.append("<line class=\"")
        .append(cls)
        .append("\" x1=\"")
        .append(num(x1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" y2=\"")
        .append(num(y2))
        .append(title == null ? "\"/>\n" : "\"><title>" + Html.text(title) + "</title></line>\n");
  }

  private static void label(StringBuilder sb, String name, int y) {
    String shown =
        name.length() > LABEL_CHARS ? name.substring(0, LABEL_CHARS - 1) + "\u2026" : name;
    sb.append("<text x=\"")
        .append(LABEL - 8)
        .append("\" y=\"")
        .append(y + ROW / 2 + 4)
        .append("\" text-anchor=\"end\">")
        .append(Html.text(shown))
        .append("<title>")
        .append(Html.text(name))
        .append("</title></text>\n");
  }

  /** A dashed line at {@code at} across the plot, labelled, when {@code at} is given. */
  private static void marker(StringBuilder sb, List<Timelines.Group> g, Long at) {
    if (at == null) {
      return;
    }
    long from = g.get(0).startMillis();
    long to = g.get(g.size() - 1).endMillis();
    double f = Math.min(1, Math.max(0, (at - from) / (double) Math.max(1, to - from)));
    double x = LEFT + (WIDTH - LEFT - RIGHT) * f;
    line(sb, "marker", x, x, TOP, TOP + PLOT_HEIGHT, "change at " + Times.iso(at));
    sb.append("<text x=\"")
        .append(num(Math.min(x + 4, WIDTH - RIGHT - 60)))
        .append("\" y=\"")
        .append(TOP + 10)
        .append("\">change</text>\n");
  }

  /** A group's span, {@code 2025-11-21 08:00:00Z to 08:00:04Z}, or its one second. */
  private static String span(Timelines.Group x) {
    String from = Times.seconds(x.startMillis());
    String to = Times.seconds(x.endMillis() - 1);
    if (to.equals(from)) {
      return from;
    }
    return from + " to " + (to.regionMatches(0, from, 0, 11) ? to.substring(11) : to);
  }

  /**
   * The top of an axis: the smallest 2, 4, 6, 8 or 10 times a power of ten at or above {@code v},
   * so the middle tick is a whole number too.
   */
  static long nice(long v) {
    long p = 1;
    while (p * 10 < v && p <= Long.MAX_VALUE / 100) {
      p *= 10;
    }
    for (long m = 2; m < 10; m += 2) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String count(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
