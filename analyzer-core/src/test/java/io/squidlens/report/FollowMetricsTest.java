package io.squidlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.AnalyzerOptions;
import io.squidlens.parse.InputSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow mode's metric set, as a scraper reads it over HTTP from the official exporter. */
final class FollowMetricsTest {
  @TempDir Path dir;

  private Analysis analyze(List<String> lines) throws Exception {
    Path log = Files.write(dir.resolve("access.log"), lines, StandardCharsets.UTF_8);
    return new Analyzer(AnalyzerOptions.builder().profile("roks-vpc").dns("off").threads(1).build())
        .analyze(new Analyzer.Inputs(InputSource.resolve(List.of(log.toString()))), null);
  }

  private static String line(int t, String code, String authority, String peer) {
    return String.format(
        Locale.ROOT,
        "%d.000     12 10.240.0.15 %s 4100 CONNECT %s - %s -",
        1_763_712_000 + t,
        code,
        authority,
        peer == null ? "HIER_NONE/-" : "HIER_DIRECT/" + peer);
  }

  private static HttpResponse<String> scrape(int port, String accept) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyMetric_isServed_withTheReportsClassNames_andValuesOfTheSnapshot() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lines.add(line(i, "TCP_TUNNEL/200", "quay.io:443", "198.51.100.9"));
    }
    lines.add(line(3, "TCP_DENIED/403", "172.20.0.1:2040", null));
    lines.add(
        line(
            4,
            "TCP_TUNNEL/200",
            "s3.direct.us-south.cloud-object-storage.appdomain.cloud:443",
            "161.26.0.10"));
    lines.add("not a squid line");
    try (Reports.Metrics m = Reports.metrics(20, () -> 2)) {
      m.update(analyze(lines));
      int port = m.serve("127.0.0.1", 0);
      String body = scrape(port, null).body();
      for (String sample :
          List.of(
              "squidlens_requests_total{class=\"internet\"} 3.0",
              "squidlens_requests_total{class=\"denied\"} 1.0",
              "squidlens_requests_total{class=\"private-endpoint\"} 1.0",
              "squidlens_requests_total{class=\"cluster-internal\"} 0.0",
              "squidlens_bytes_total{class=\"internet\"} 12300.0",
              "squidlens_lines_total{result=\"parsed\"} 5.0",
              "squidlens_lines_total{result=\"malformed\"} 1.0",
              "squidlens_destinations{class=\"internet\"} 1.0",
              "squidlens_destinations{class=\"denied\"} 1.0",
              "squidlens_misrouted_destinations 2.0",
              "squidlens_denied_requests_total{destination_class=\"cluster-internal\"} 1.0",
              "squidlens_rotations_total 2.0",
              "squidlens_destination_requests_total{class=\"internet\",destination=\"quay.io\"} 3.0")) {
        assertTrue(body.contains(sample + "\n"), sample + " in:\n" + body);
      }
      HttpResponse<String> om = scrape(port, "application/openmetrics-text; version=1.0.0");
      assertTrue(
          om.headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/openmetrics-text"),
          om.headers().toString());
      assertTrue(om.body().endsWith("# EOF\n"), om.body());
    }
  }

  @Test
  void destinationSeries_areBoundedByTop_whateverTheLogHolds_andLabelValuesEscaped()
      throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      // Busier the higher i; ties (host400 to host499) go by name, so the top five are known.
      for (int r = 0; r <= i / 100; r++) {
        lines.add(line(i, "TCP_TUNNEL/200", "host" + i + ".example.com:443", "198.51.100.9"));
      }
    }
    for (int r = 0; r < 9; r++) {
      lines.add(line(600, "TCP_TUNNEL/200", "we\"ird\\host.example.com:443", "198.51.100.9"));
    }
    try (Reports.Metrics m = Reports.metrics(5, () -> 0)) {
      m.update(analyze(lines));
      String body = scrape(m.serve("127.0.0.1", 0), null).body();
      long series =
          body.lines().filter(l -> l.startsWith("squidlens_destination_requests_total{")).count();
      assertEquals(5, series, body);
      assertTrue(
          body.contains("destination=\"we\\\"ird\\\\host.example.com\"} 9.0"),
          "quote and backslash escaped in the label value:\n" + body);
      assertTrue(body.contains("destination=\"host400.example.com\"} 5.0"), body);
    }
  }

  @Test
  void beforeTheFirstSnapshot_everySeriesIsZero() throws Exception {
    try (Reports.Metrics m = Reports.metrics(20, () -> 0)) {
      String body = scrape(m.serve("127.0.0.1", 0), null).body();
      assertTrue(body.contains("squidlens_requests_total{class=\"internet\"} 0.0\n"), body);
      assertTrue(body.contains("squidlens_misrouted_destinations 0.0\n"), body);
    }
  }

  @Test
  void grafanaDashboard_queriesOnlyServedMetrics_andEveryOneOfThem() throws Exception {
    com.fasterxml.jackson.databind.JsonNode d =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Path.of("..", "docs", "grafana-dashboard.json").toFile());
    assertEquals(
        "DS_PROMETHEUS", d.at("/__inputs/0/name").asText(), "importable with a datasource");
    java.util.Set<String> used = new java.util.TreeSet<>();
    java.util.regex.Pattern name = java.util.regex.Pattern.compile("squidlens_[a-z_]+");
    for (com.fasterxml.jackson.databind.JsonNode panel : d.get("panels")) {
      assertTrue(panel.hasNonNull("title"), panel.toString());
      for (com.fasterxml.jackson.databind.JsonNode t : panel.get("targets")) {
        java.util.regex.Matcher m = name.matcher(t.get("expr").asText());
        while (m.find()) {
          used.add(m.group());
        }
      }
    }
    java.util.Set<String> served = new java.util.TreeSet<>();
    try (Reports.Metrics m = Reports.metrics(20, () -> 0)) {
      m.update(analyze(List.of(line(0, "TCP_TUNNEL/200", "quay.io:443", "198.51.100.9"))));
      for (String l : scrape(m.serve("127.0.0.1", 0), null).body().lines().toList()) {
        if (l.startsWith("# TYPE ")) {
          String family = l.substring("# TYPE ".length(), l.lastIndexOf(' '));
          served.add(family);
        }
      }
    }
    assertEquals(served, used);
  }
}
