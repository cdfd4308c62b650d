package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.Diff;
import io.squidlens.LiveAnalysis;
import io.squidlens.LiveAnalysis.NewDestination;
import io.squidlens.aggregate.Summary;
import io.squidlens.parse.ParseProblem;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Recommendation.Target;
import io.squidlens.recommend.Recommendations;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Every report squidlens writes, in every format: the analysis ({@code text}, {@code json}, {@code
 * csv}, {@code markdown}, {@code html}), one target's artifact, the check of a list, the
 * explanation of one destination, follow mode's view and events, and the messages about an input
 * with no records. Stateless; the writers behind it are package-private. Used by the front ends.
 */
public final class Reports {
  /** The formats of the analysis, as the {@code -o} option names them. */
  public static final List<String> ANALYSIS_FORMATS =
      List.of("text", "json", "csv", "markdown", "md", "html");

  private Reports() {}

  /**
   * Writes an analysis in {@code format} (one of {@link #ANALYSIS_FORMATS}). An analysis of inputs
   * without a single record gets the short form each format has for that: the input section and the
   * error, nothing drawn from nothing.
   *
   * @param how the version and arguments, for the formats that record them (json, markdown, html)
   * @param color whether text may use ANSI colour
   * @param unicode whether text may draw block characters (a UTF-8 terminal)
   * @throws IllegalArgumentException for an unknown format
   */
  public static void analysis(
      Analysis a, String format, Writer out, Provenance how, boolean color, boolean unicode)
      throws IOException {
    boolean records = a.summary().hasRecords();
    String error = records ? null : TextReport.noRecordsError(a.summary());
    switch (format) {
      case "json" -> {
        if (records) {
          JsonReport.write(a, out, how);
        } else {
          JsonReport.writeNoRecords(a, out, how, error);
        }
      }
      case "csv" -> CsvReport.write(a, out);
      case "html" -> {
        if (records) {
          HtmlReport.write(a, out, how);
        } else {
          HtmlReport.writeNoRecords(a, out, how, error);
        }
      }
      case "markdown", "md" -> {
        if (records) {
          MarkdownReport.write(a, out, how);
        } else {
          MarkdownReport.writeNoRecords(a, out, how, error);
        }
      }
      case "text" -> {
        if (records) {
          TextReport.write(a, out, color, unicode);
        } else {
          TextReport.writeNoRecords(a, out);
        }
      }
      default -> throw new IllegalArgumentException("unknown format '" + format + "'");
    }
    out.flush();
  }

  /** The formats of the comparison, as the {@code -o} option names them. */
  public static final List<String> DIFF_FORMATS = List.of("text", "json", "markdown", "md", "html");

  /**
   * Writes a before/after comparison in {@code format} (one of {@link #DIFF_FORMATS}), the verdict
   * first.
   *
   * @throws IllegalArgumentException for an unknown format
   */
  public static void diff(
      Diff d, String format, Writer out, Provenance how, boolean color, boolean unicode)
      throws IOException {
    switch (format) {
      case "json" -> DiffReport.json(d, out, how);
      case "markdown", "md" -> DiffReport.markdown(d, out, how);
      case "html" -> HtmlReport.diff(d, out, how);
      case "text" -> DiffReport.text(d, out, color, unicode);
      default -> throw new IllegalArgumentException("unknown format '" + format + "'");
    }
  }

  /** Writes follow mode's final summary: the text report of everything read, records or not. */
  public static void followSummary(Analysis a, Writer out, boolean color, boolean unicode)
      throws IOException {
    TextReport.write(a, out, color, unicode);
  }

  /**
   * The one-line error when no input held a single record (which inputs, how many lines, the format
   * each was read with), or null when some did: a report drawn from nothing would look like a clean
   * bill of health.
   */
  public static String noRecordsError(Analysis a) {
    return noRecordsError(a.summary());
  }

  /** As {@link #noRecordsError(Analysis)}, for a comparison: both sides together. */
  public static String noRecordsError(Diff d) {
    return noRecordsError(d.whole().summary());
  }

  /** As {@link #noRecordsError(Analysis)}, for what {@code parse} read. */
  public static String noRecordsError(Analyzer.Parsed p) {
    return p.hasRecords() ? null : TextReport.noRecordsError(p.summary());
  }

  /** As {@link #noRecordsError(Analysis)}, for the logs an explanation read (null without). */
  public static String noRecordsError(Analyzer.Explanation x) {
    return x.logged() == null ? null : noRecordsError(x.logged().summary());
  }

  private static String noRecordsError(Summary s) {
    return s.hasRecords() ? null : TextReport.noRecordsError(s);
  }

  /**
   * The malformed lines compiler-style ({@code FILE:LINE: malformed line: REASON}), at most {@code
   * shown} of them, then how many more and the total; empty when every line was a record.
   */
  public static List<String> malformedLines(Analysis a, int shown) {
    Summary s = a.summary();
    if (s.malformedLines() == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    List<ParseProblem> ps = s.malformed();
    for (ParseProblem p : ps.subList(0, Math.min(ps.size(), shown))) {
      out.add(Escapes.terminal(p.toString()));
    }
    long rest = s.malformedLines() - Math.min(ps.size(), shown);
    if (rest > 0) {
      out.add(String.format(Locale.ROOT, "squidlens: and %,d more malformed lines", rest));
    }
    out.add(
        String.format(
            Locale.ROOT,
            "squidlens: --strict: %,d of %,d lines were malformed",
            s.malformedLines(),
            s.lines()));
    return out;
  }

  /** The target names, as {@code --target} takes them. */
  public static List<String> targets() {
    List<String> out = new ArrayList<>();
    for (Target t : Target.values()) {
      out.add(t.id());
    }
    for (Recommendations.EgressTarget t : Recommendations.EgressTarget.values()) {
      out.add(t.id());
    }
    return out;
  }

  /**
   * Prints one target's recommendation: the artifact (or with {@code valueOnly} the value alone) on
   * {@code out} and nothing else; warnings, notes and errors on {@code err}, each once. Prints
   * nothing on {@code out} when the value must not be applied.
   *
   * @param target a name of {@link #targets()}
   * @return whether the value was printed
   * @throws IllegalArgumentException naming an unknown target and the valid ones
   */
  public static boolean recommendation(
      Analysis a, String target, boolean valueOnly, PrintWriter out, PrintWriter err) {
    Recommendations.EgressTarget egress = Recommendations.EgressTarget.find(target);
    if (egress != null) {
      Recommendations.Egress e = a.recommendations().get(egress);
      return print(
          a,
          egress.id(),
          e.warnings(),
          e.notes(),
          e.errors(),
          valueOnly ? e.value() : e.artifact(),
          out,
          err);
    }
    Target t = Target.of(target);
    Recommendation r = a.recommendations().get(t);
    return print(
        a,
        t.id(),
        r.warnings(),
        r.notes(),
        r.errors(),
        valueOnly ? r.noProxy() : r.artifact(),
        out,
        err);
  }

  private static boolean print(
      Analysis a,
      String target,
      List<String> warnings,
      List<String> notes,
      List<String> errors,
      String text,
      PrintWriter out,
      PrintWriter err) {
    Set<String> said = new LinkedHashSet<>();
    for (String w : a.warnings()) {
      if (said.add(w)) {
        err.print("squidlens: warning: " + Escapes.terminal(w) + "\n");
      }
    }
    for (String w : warnings) {
      if (said.add(w)) {
        err.print("squidlens: warning: " + Escapes.terminal(w) + "\n");
      }
    }
    for (String n : notes) {
      if (said.add(n)) {
        err.print("squidlens: note: " + Escapes.terminal(n) + "\n");
      }
    }
    if (!errors.isEmpty()) {
      for (String e : errors) {
        err.print("squidlens: error: " + Escapes.terminal(e) + "\n");
      }
      err.print("squidlens: not printing the " + target + " recommendation: fix the above\n");
      return false;
    }
    out.print(text + "\n");
    out.flush();
    err.flush();
    return true;
  }

  /** Writes what a NO_PROXY list does for each client, as text or JSON. */
  public static void check(Analyzer.Check c, Writer out, boolean json) throws IOException {
    if (json) {
      CheckReport.json(c.result(), out, c.withLog());
    } else {
      CheckReport.text(c.result(), out, c.withLog());
    }
  }

  /** Writes what an egress firewall does to the proxy and each logged destination. */
  public static void firewallCheck(Analyzer.FirewallCheck c, Writer out, boolean json)
      throws IOException {
    if (json) {
      FirewallCheckReport.json(c, out);
    } else {
      FirewallCheckReport.text(c, out);
    }
  }

  /** Writes how one destination is classified, step by step, as text or JSON. */
  public static void explanation(Analyzer.Explanation x, Writer out, boolean json)
      throws IOException {
    if (json) {
      ExplainReport.json(x, out);
    } else {
      ExplainReport.text(x, out);
    }
  }

  /**
   * Follow mode's screen.
   *
   * @param title what is followed
   * @param rate requests per second over the last interval
   * @param highlights recently first-seen destinations worth attention, newest first
   * @param notices recent notices (rotation, truncation), newest last
   * @param terminal whether the screen is cleared first (a terminal) or views follow each other
   * @param color whether to use ANSI colour
   * @param rows the terminal's lines, or 0 when unknown: the view never prints more, dropping
   *     sections from the bottom but never the header with the counts
   * @param cols the terminal's columns, or 0 when unknown: no line is wider
   */
  public static String liveView(
      Analysis a,
      String title,
      double rate,
      List<NewDestination> highlights,
      List<String> notices,
      boolean terminal,
      boolean color,
      int rows,
      int cols) {
    return LiveView.render(a, title, rate, highlights, notices, terminal, color, rows, cols);
  }

  /** Follow mode's events as JSON Lines on {@code out}. */
  public static LiveEvents liveEvents(Writer out) {
    return new LiveEvents(new LiveJsonLines(out));
  }

  /**
   * Writes follow mode's events, one JSON object per line, flushed at once so {@code | jq} sees
   * each as it happens: {@code new-destination}, {@code reclassified}, {@code snapshot} (every
   * interval and a final one) and {@code notice}. Not thread-safe.
   */
  public static final class LiveEvents {
    private final LiveJsonLines lines;

    private LiveEvents(LiveJsonLines lines) {
      this.lines = lines;
    }

    /** A destination seen for the first time. */
    public void newDestination(NewDestination d) throws IOException {
      lines.newDestination(d);
    }

    /** A destination the latest snapshot shows in another class than it was announced in. */
    public void reclassified(LiveAnalysis.Reclassified r) throws IOException {
      lines.reclassified(r);
    }

    /** Everything so far; {@code last} marks the final one. */
    public void snapshot(Analysis a, boolean last) throws IOException {
      lines.snapshot(a, last);
    }

    /** Something the user should know (rotation, truncation, a full table). */
    public void notice(String message) throws IOException {
      lines.notice(message);
    }
  }

  /**
   * Follow mode's Prometheus metrics (see {@link Metrics}).
   *
   * @param top how many of the busiest destinations get a series of their own
   * @param rotations how often the followed file was rotated so far
   */
  public static Metrics metrics(int top, LongSupplier rotations) {
    return new Metrics(new FollowMetrics(top, rotations));
  }

  /**
   * Follow mode's metrics: {@code squidlens_requests_total{class}}, {@code
   * squidlens_bytes_total{class}}, {@code squidlens_lines_total{result}}, {@code
   * squidlens_destinations{class}}, {@code squidlens_misrouted_destinations}, {@code
   * squidlens_denied_requests_total{destination_class}}, {@code squidlens_rotations_total} and
   * {@code squidlens_destination_requests_total{destination,class}} for the busiest destinations,
   * read from the latest snapshot at each scrape. Thread-safe.
   */
  public static final class Metrics implements Closeable {
    private final FollowMetrics metrics;

    private Metrics(FollowMetrics metrics) {
      this.metrics = metrics;
    }

    /** Makes {@code a} what the next scrape reads. */
    public void update(Analysis a) {
      metrics.update(a);
    }

    /**
     * Serves {@code /metrics} (Prometheus text, or OpenMetrics when the scraper asks for it) on
     * {@code host:port} until closed.
     *
     * @param port the port, or 0 for any free one
     * @return the port it listens on
     * @throws IOException when the address cannot be bound
     */
    public int serve(String host, int port) throws IOException {
      return metrics.serve(host, port);
    }

    @Override
    public void close() {
      metrics.close();
    }
  }

  /** {@code s} with every control character escaped visibly, for a terminal; null stays null. */
  public static String terminal(String s) {
    return Escapes.terminal(s);
  }
}
