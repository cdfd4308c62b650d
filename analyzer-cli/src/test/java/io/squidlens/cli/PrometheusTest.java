package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package, which {@code .ci/run} installs) scrapes {@code follow
 * --metrics} while lines are appended to the followed log; the counters read back through
 * Prometheus's HTTP query API equal the lines appended, per class. Only loopback is used.
 */
final class PrometheusTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static Path prometheus;

  @BeforeAll
  static void prometheusIsInstalled() {
    for (String p : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
      if (Files.isExecutable(Path.of(p))) {
        prometheus = Path.of(p);
      }
    }
    if (prometheus == null) {
      String why =
          "prometheus is not installed, so the Prometheus scrape test is SKIPPED"
              + " (apt-get install -y prometheus, which .ci/run does, enables it)";
      System.err.println("PrometheusTest: " + why);
      Assumptions.abort(why);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String line(long t, String code, String method, String url, String hier) {
    return String.format(
        java.util.Locale.ROOT,
        "%d.000     12 10.240.0.15 %s 4100 %s %s - %s -%n",
        t,
        code,
        method,
        url,
        hier);
  }

  @Test
  void prometheusScrapingFollow_readsBackTheLinesAppended_perClass() throws Exception {
    Path log = dir.resolve("access.log");
    Files.createFile(log);
    int metricsPort = freePort();
    Process follow =
        java(
            "follow",
            "--dns",
            "off",
            "--profile",
            "roks-vpc",
            "-o",
            "jsonl",
            "--interval",
            "200ms",
            "--metrics",
            "127.0.0.1:" + metricsPort,
            "--from-start",
            log.toString());
    int webPort = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            + "scrape_configs:\n  - job_name: squidlens\n    static_configs:\n"
            + "      - targets: ['127.0.0.1:"
            + metricsPort
            + "']\n");
    Process prom =
        new ProcessBuilder(
                prometheus.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + webPort)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.out").toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + webPort;
      awaitOk(http, base + "/-/ready");

      Map<String, Long> expected = new TreeMap<>();
      long t = 1_763_712_000L;
      try (OutputStream out = Files.newOutputStream(log, java.nio.file.StandardOpenOption.APPEND)) {
        for (int i = 0; i < 30; i++) {
          out.write(
              line(t++, "TCP_TUNNEL/200", "CONNECT", "quay.io:443", "HIER_DIRECT/198.51.100.9")
                  .getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 12; i++) {
          out.write(
              line(
                      t++,
                      "TCP_TUNNEL/200",
                      "CONNECT",
                      "s3.direct.us-south.cloud-object-storage.appdomain.cloud:443",
                      "HIER_DIRECT/161.26.0.10")
                  .getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 7; i++) {
          out.write(
              line(t++, "TCP_DENIED/403", "CONNECT", "172.20.0.1:2040", "HIER_NONE/-")
                  .getBytes(StandardCharsets.UTF_8));
        }
        out.write("this is not a squid line\n".getBytes(StandardCharsets.UTF_8));
      }
      expected.put("cluster-internal", 0L);
      expected.put("denied", 7L);
      expected.put("internet", 30L);
      expected.put("private-endpoint", 12L);

      Map<String, Long> seen = Map.of();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline) {
        seen = query(http, base, "squidlens_requests_total", "class");
        if (seen.equals(expected)) {
          break;
        }
        Thread.sleep(500);
      }
      assertEquals(expected, seen, "squidlens_requests_total as Prometheus scraped it");
      assertEquals(
          Map.of("malformed", 1L, "parsed", 49L),
          query(http, base, "squidlens_lines_total", "result"));
      assertEquals(
          Map.of("cluster-internal", 7L, "internet", 0L, "private-endpoint", 0L),
          query(http, base, "squidlens_denied_requests_total", "destination_class"));
      assertEquals(Map.of("", 2L), query(http, base, "squidlens_misrouted_destinations", "x"));
    } finally {
      prom.destroy();
      follow.destroy();
      assertTrue(prom.waitFor(20, TimeUnit.SECONDS), "prometheus did not stop");
      assertTrue(follow.waitFor(20, TimeUnit.SECONDS), "follow did not stop");
    }
    assertEquals(0, follow.exitValue(), "SIGTERM ends follow with its final snapshot");
  }

  /** One instant query, as label value to integer value. */
  private static Map<String, Long> query(HttpClient http, String base, String q, String label)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query=" + q)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = new ObjectMapper().readTree(r.body());
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode s : body.at("/data/result")) {
      out.put(s.at("/metric/" + label).asText(""), (long) s.at("/value/1").asDouble());
    }
    return out;
  }

  private static void awaitOk(HttpClient http, String url) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError(url + " never became ready");
  }

  /** A squidlens JVM from the test classpath, its output kept in the test's directory. */
  private Process java(String... args) throws IOException {
    return MainTest.process(args)
        .redirectOutput(dir.resolve("follow.out").toFile())
        .redirectError(dir.resolve("follow.err").toFile())
        .start();
  }
}
