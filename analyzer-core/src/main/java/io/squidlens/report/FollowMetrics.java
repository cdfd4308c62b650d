package io.squidlens.report;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.squidlens.Analysis;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Follow mode's metrics in Prometheus's data model, through the official client: every value is
 * read at scrape time from the latest snapshot, so a scrape sees one consistent picture and the
 * metric set costs nothing per line. Label values are the report's own class names and, for the
 * busiest destinations only, host names: their number is bounded whatever the log holds.
 * Thread-safe: the output loop updates, the exporter's threads scrape.
 */
final class FollowMetrics implements Closeable {
  /*
   * Counters follow the snapshot, not the lines: when a destination is re-classified (the
   * profile became known, a private peer showed up) its requests move from one class to another,
   * and that class's counter goes down, which Prometheus reads as a counter reset. The totals over
   * all classes never go down.
   */

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final int top;
  private volatile Analysis latest;
  private HTTPServer server;

  /**
   * Metrics for one follow run.
   *
   * @param top how many of the busiest destinations get a series of their own
   * @param rotations how often the followed file was rotated so far
   */
  FollowMetrics(int top, LongSupplier rotations) {
    this.top = top;
    CounterWithCallback.builder()
        .name("squidlens_requests_total")
        .help("Requests per class as in the report (denied: denied by Squid by policy)")
        .labelNames("class")
        .callback(
            cb -> {
              Analysis a = latest;
              for (TrafficClass c : TrafficClass.values()) {
                cb.call(exact(a == null ? 0 : a.totals(c).requests()), c.id());
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("squidlens_bytes_total")
        .help("Bytes per class as in the report")
        .labelNames("class")
        .callback(
            cb -> {
              Analysis a = latest;
              for (TrafficClass c : TrafficClass.values()) {
                cb.call(exact(a == null ? 0 : a.totals(c).bytes()), c.id());
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("squidlens_lines_total")
        .help("Non-empty lines read, parsed or malformed")
        .labelNames("result")
        .callback(
            cb -> {
              Analysis a = latest;
              cb.call(exact(a == null ? 0 : a.summary().parsedLines()), "parsed");
              cb.call(exact(a == null ? 0 : a.summary().malformedLines()), "malformed");
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("squidlens_destinations")
        .help("Distinct destinations per class (denied: any request denied by Squid)")
        .labelNames("class")
        .callback(
            cb -> {
              Map<TrafficClass, Long> n = destinationsByClass(latest);
              for (TrafficClass c : TrafficClass.values()) {
                cb.call(exact(n.get(c)), c.id());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("squidlens_misrouted_destinations")
        .help("Private or cluster-internal destinations that reached the proxy")
        .callback(cb -> cb.call(exact(misrouted(latest))))
        .register(registry);
    CounterWithCallback.builder()
        .name("squidlens_denied_requests_total")
        .help("Requests Squid denied, by where the destination really is")
        .labelNames("destination_class")
        .callback(
            cb -> {
              Map<TrafficClass, Long> n = deniedByDestinationClass(latest);
              for (TrafficClass c : destinationClasses()) {
                cb.call(exact(n.get(c)), c.id());
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("squidlens_rotations_total")
        .help("Rotations of the followed file (by rename or copy-truncate)")
        .callback(cb -> cb.call(exact(rotations.getAsLong())))
        .register(registry);
    CounterWithCallback.builder()
        .name("squidlens_destination_requests_total")
        .help("Requests to each of the busiest destinations (--metrics-top of them)")
        .labelNames("destination", "class")
        .callback(
            cb -> {
              for (Verdict v : busiest(latest)) {
                cb.call(exact(v.stats().requests()), v.host(), v.trafficClass().id());
              }
            })
        .register(registry);
  }

  /** Makes {@code a} what the next scrape reads. */
  void update(Analysis a) {
    latest = a;
  }

  /** The registry, for tests that read it without HTTP. */
  PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Serves {@code /metrics} on {@code host:port} (0: any free port) until closed.
   *
   * @return the port it listens on
   */
  int serve(String host, int port) throws IOException {
    server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    return server.getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  /** A count as Prometheus holds values: a double, exact below 2^53 (9 peta-requests). */
  private static double exact(long v) {
    return (double) v;
  }

  private static List<TrafficClass> destinationClasses() {
    List<TrafficClass> out = new ArrayList<>();
    for (TrafficClass c : TrafficClass.values()) {
      if (c != TrafficClass.DENIED) {
        out.add(c);
      }
    }
    return out;
  }

  private static Map<TrafficClass, Long> destinationsByClass(Analysis a) {
    Map<TrafficClass, Long> n = zeros();
    if (a != null) {
      for (Verdict v : a.verdicts()) {
        n.merge(v.trafficClass(), 1L, Long::sum);
      }
    }
    return n;
  }

  private static Map<TrafficClass, Long> deniedByDestinationClass(Analysis a) {
    Map<TrafficClass, Long> n = zeros();
    if (a != null) {
      for (Verdict v : a.verdicts()) {
        n.merge(v.destinationClass(), v.stats().deniedRequests(), Long::sum);
      }
    }
    return n;
  }

  private static long misrouted(Analysis a) {
    long n = 0;
    if (a != null) {
      for (Verdict v : a.verdicts()) {
        if (v.destinationClass().bypassesProxy()) {
          n++;
        }
      }
    }
    return n;
  }

  private List<Verdict> busiest(Analysis a) {
    if (a == null) {
      return List.of();
    }
    List<Verdict> all = new ArrayList<>(a.verdicts());
    all.sort(ReportFacts.BY_REQUESTS);
    return all.subList(0, Math.min(top, all.size()));
  }

  private static Map<TrafficClass, Long> zeros() {
    Map<TrafficClass, Long> n = new EnumMap<>(TrafficClass.class);
    for (TrafficClass c : TrafficClass.values()) {
      n.put(c, 0L);
    }
    return n;
  }
}
