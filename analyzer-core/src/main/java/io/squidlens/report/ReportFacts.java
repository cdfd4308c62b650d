package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.base.LineRefs;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.parse.ReadResult.SourceStats;
import io.squidlens.recommend.NoProxySemantics;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Recommendation.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the human-readable reports (text, Markdown) say, computed once: destinations grouped the way
 * a reader acts on them, and the short list of things to do. Immutable.
 *
 * @param deniedPrivate denied destinations that belong in NO_PROXY, most denied first
 * @param deniedInternet denied internet destinations (a Squid allowlist decision), most denied
 *     first
 * @param bypassing private destinations the proxy carried without denying, most requests first
 * @param internet internet destinations, most requests first
 * @param todo what to do, in order, one sentence each
 */
record ReportFacts(
    List<Verdict> deniedPrivate,
    List<Verdict> deniedInternet,
    List<Verdict> bypassing,
    List<Verdict> internet,
    List<String> todo) {

  /** How many destinations a section lists before "and N more". */
  static final int TOP = 10;

  static final Comparator<Verdict> BY_DENIED =
      Comparator.comparingLong((Verdict v) -> -v.stats().deniedRequests())
          .thenComparing(Verdict::host);
  static final Comparator<Verdict> BY_REQUESTS =
      Comparator.comparingLong((Verdict v) -> -v.stats().requests()).thenComparing(Verdict::host);

  ReportFacts {
    deniedPrivate = List.copyOf(deniedPrivate);
    deniedInternet = List.copyOf(deniedInternet);
    bypassing = List.copyOf(bypassing);
    internet = List.copyOf(internet);
    todo = List.copyOf(todo);
  }

  static ReportFacts of(Analysis a) {
    List<Verdict> deniedPrivate = new ArrayList<>();
    List<Verdict> deniedInternet = new ArrayList<>();
    List<Verdict> bypassing = new ArrayList<>();
    List<Verdict> internet = new ArrayList<>();
    for (Verdict v : a.verdicts()) {
      boolean priv = v.destinationClass().bypassesProxy();
      if (v.stats().deniedRequests() > 0) {
        (priv ? deniedPrivate : deniedInternet).add(v);
      }
      if (priv && v.stats().deniedRequests() < v.stats().requests()) {
        bypassing.add(v);
      }
      if (v.destinationClass() == TrafficClass.INTERNET) {
        internet.add(v);
      }
    }
    deniedPrivate.sort(BY_DENIED);
    deniedInternet.sort(BY_DENIED);
    bypassing.sort(BY_REQUESTS);
    internet.sort(BY_REQUESTS);
    return new ReportFacts(
        deniedPrivate, deniedInternet, bypassing, internet, todo(a, deniedInternet));
  }

  private static List<String> todo(Analysis a, List<Verdict> deniedInternet) {
    List<String> todo = new ArrayList<>();
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    if (a.profile().openShift()) {
      long added =
          cluster.entries().stream().filter(e -> e.status() == Recommendation.Status.NEW).count();
      todo.add(
          added == 0
              ? "proxy/cluster: nothing to add to spec.noProxy"
              : String.format(
                  Locale.ROOT,
                  "proxy/cluster: add %d entr%s to spec.noProxy (oc patch below)",
                  added,
                  added == 1 ? "y" : "ies"));
      Recommendation crio = a.recommendations().get(Target.CRIO);
      todo.add(
          String.format(
              Locale.ROOT,
              "CRI-O: set NO_PROXY (%d entries) on every worker, then restart crio",
              crio.noProxy().isEmpty() ? 0 : crio.noProxy().split(",", -1).length));
    } else {
      Recommendation env = a.recommendations().get(Target.ENV);
      todo.add(
          String.format(
              Locale.ROOT,
              "nodes and workloads: set NO_PROXY (%d entries; 'squidlens recommend --target"
                  + " env|crio|docker')",
              env.noProxy().isEmpty() ? 0 : env.noProxy().split(",", -1).length));
    }
    if (!deniedInternet.isEmpty()) {
      List<String> hosts = new ArrayList<>();
      for (Verdict v : deniedInternet.subList(0, Math.min(3, deniedInternet.size()))) {
        hosts.add(v.host());
      }
      todo.add(
          String.format(
              Locale.ROOT,
              "Squid: allow or keep denying %d internet destination%s (%s%s)",
              deniedInternet.size(),
              deniedInternet.size() == 1 ? "" : "s",
              String.join(", ", hosts),
              deniedInternet.size() > 3 ? ", ..." : ""));
    }
    for (Target t : Target.values()) {
      for (String e : a.recommendations().get(t).errors()) {
        todo.add("fix first (" + t.id() + "): " + e);
      }
    }
    if (a.summary().malformedLines() > 0) {
      todo.add(
          String.format(
              Locale.ROOT,
              "%,d malformed line%s not analyzed (listed below)",
              a.summary().malformedLines(),
              a.summary().malformedLines() == 1 ? " was" : "s were"));
    }
    return todo;
  }

  /**
   * A recommendation's warnings less those about entries in force that the report already shows as
   * unsafe beside the entry, so the reader is told once.
   */
  static List<String> warnings(Recommendation r) {
    List<String> out = new ArrayList<>();
    for (String w : r.warnings()) {
      boolean shown = false;
      for (Recommendation.CurrentEntry c : r.current()) {
        shown |= c.unsafe() && w.contains(" entry '" + c.value() + "' ");
      }
      if (!shown) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * Names, for each destination, the entry of the complete NO_PROXY list (CRI-O's) that sends it
   * around the proxy, the way Go reads the list ({@code icr.io} for icr.io itself, {@code .icr.io}
   * for us.icr.io); null for the internet ones. What the CSV and HTML reports show per row.
   */
  static Function<Verdict, String> exemptingEntry(Analysis a) {
    NoProxySemantics.Matcher crio =
        NoProxySemantics.go().compile(a.recommendations().get(Target.CRIO).noProxy());
    return v -> {
      if (!v.destinationClass().bypassesProxy()) {
        return null;
      }
      NoProxySemantics.Route route = crio.route(v.destination());
      if (route instanceof NoProxySemantics.Route.Implicit) {
        return "(loopback: always direct)";
      }
      return route.entry();
    };
  }

  /** The inputs' names, indexed as line references ({@link LineRefs}) number them. */
  static List<String> sourceNames(Analysis a) {
    return a.summary().sources().stream().map(SourceStats::name).toList();
  }

  /** The source of a line reference by name, or {@code ?} when it names no input. */
  static String source(long ref, List<String> names) {
    int src = LineRefs.source(ref);
    return src < names.size() ? names.get(src) : "?";
  }

  /** A line reference as {@code FILE:LINE}. */
  static String line(long ref, List<String> names) {
    return source(ref, names) + ":" + LineRefs.line(ref);
  }

  /** "host:port", or "host:{N ports}", or the host alone. */
  static String name(Verdict v) {
    if (v.ports().size() == 1) {
      String h = v.isIpLiteral() && v.address().isIPv6() ? "[" + v.host() + "]" : v.host();
      return h + ":" + v.ports().get(0);
    }
    if (v.ports().size() > 1) {
      return v.host() + " (" + v.ports().size() + " ports)";
    }
    return v.host();
  }
}
