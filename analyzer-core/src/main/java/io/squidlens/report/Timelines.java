package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.classify.TrafficClass;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the class timeline for people: a line of bars per class for terminals, a small table for
 * Markdown. Buckets are summed into at most a screen's width of columns (or a table's rows), so the
 * picture has the same shape whatever the bucket width. Stateless.
 */
final class Timelines {
  /** Columns of a text timeline. */
  static final int COLUMNS = 60;

  /** Rows of a Markdown timeline. */
  static final int ROWS = 12;

  private static final String ASCII = " .:-=+*#%@";
  private static final String BLOCKS = " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";

  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Timelines() {}

  /** A bucket width in words: {@code 1s}, {@code 30s}, {@code 5m}, {@code 3h}, {@code 2d}. */
  static String width(long millis) {
    long s = millis / 1000;
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /** Consecutive buckets summed into at most {@code n} groups of equal size (the last shorter). */
  static List<Group> groups(Analysis.Timeline t, int n) {
    List<Analysis.Timeline.Bucket> b = t.buckets();
    int per = Math.max(1, (b.size() + n - 1) / n);
    List<Group> out = new ArrayList<>();
    for (int i = 0; i < b.size(); i += per) {
      Map<TrafficClass, Long> sum = new EnumMap<>(TrafficClass.class);
      int end = Math.min(b.size(), i + per);
      for (int k = i; k < end; k++) {
        for (TrafficClass c : TrafficClass.values()) {
          sum.merge(c, b.get(k).requests(c), Long::sum);
        }
      }
      out.add(
          new Group(b.get(i).startMillis(), b.get(end - 1).startMillis() + t.bucketMillis(), sum));
    }
    return out;
  }

  /**
   * Requests of each class from {@code startMillis} to {@code endMillis} (exclusive).
   *
   * @param requests per class
   */
  record Group(long startMillis, long endMillis, Map<TrafficClass, Long> requests) {}

  /**
   * The text timeline: a heading with the span and what a column stands for, then a line of bars
   * per class, each scaled to its own busiest column, with its total.
   *
   * @param unicode whether block characters may be drawn (a UTF-8 terminal), else ASCII
   */
  static void text(StringBuilder sb, Analysis.Timeline t, boolean unicode, String heading) {
    if (t.buckets().isEmpty()) {
      return;
    }
    List<Group> g = groups(t, COLUMNS);
    long perColumn = g.get(0).endMillis() - g.get(0).startMillis();
    sb.append('\n');
    TextReport.wrap(
        sb,
        "",
        2,
        heading
            + ' '
            + Times.span(g.get(0).startMillis(), g.get(g.size() - 1).endMillis())
            + ", one column = "
            + width(perColumn)
            + " ("
            + width(t.bucketMillis())
            + " buckets)");
    String levels = unicode ? BLOCKS : ASCII;
    for (TrafficClass c : TrafficClass.values()) {
      long max = 0;
      long total = 0;
      for (Group x : g) {
        max = Math.max(max, x.requests().get(c));
        total += x.requests().get(c);
      }
      StringBuilder bars = new StringBuilder();
      for (Group x : g) {
        long v = x.requests().get(c);
        int level =
            v == 0 ? 0 : 1 + (int) ((v * (levels.length() - 2) + max - 1) / Math.max(1, max));
        bars.append(levels.charAt(Math.min(level, levels.length() - 1)));
      }
      sb.append(String.format(Locale.ROOT, "  %-18s %s %,d", c.id(), bars, total)).append('\n');
    }
  }

  /** The Markdown timeline: a row per group of buckets, a column per class. */
  static void markdown(StringBuilder sb, Analysis.Timeline t) {
    if (t.buckets().isEmpty()) {
      return;
    }
    List<Group> g = groups(t, ROWS);
    sb.append("\n## Over time\n\n")
        .append(width(t.bucketMillis()))
        .append(" buckets, summed into rows of ")
        .append(width(g.get(0).endMillis() - g.get(0).startMillis()))
        .append(".\n\n| from (UTC) |");
    for (TrafficClass c : TrafficClass.values()) {
      sb.append(' ').append(c.id()).append(" |");
    }
    sb.append("\n|---|");
    for (int i = 0; i < TrafficClass.values().length; i++) {
      sb.append("---:|");
    }
    sb.append('\n');
    for (Group x : g) {
      sb.append("| ").append(SHORT.format(Instant.ofEpochMilli(x.startMillis()))).append(" |");
      for (TrafficClass c : TrafficClass.values()) {
        sb.append(String.format(Locale.ROOT, " %,d |", x.requests().get(c)));
      }
      sb.append('\n');
    }
  }
}
