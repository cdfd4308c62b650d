package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * squidlens on logs a real Squid wrote: Squid runs on a free loopback port ({@link SquidHarness}),
 * this test drives CONNECT and plain HTTP requests through it, and squidlens reads what Squid
 * logged, in batch and while following it through {@code squid -k rotate}. Skipped, saying so, when
 * Squid is not installed ({@code .ci/run} installs it).
 */
final class RealSquidTest {
  private static final String PORT = ":" + SquidHarness.TLS_PORT;

  @TempDir Path dir;

  private static Path squid;

  @BeforeAll
  static void squidIsInstalled() {
    squid = SquidHarness.binary();
    if (squid == null) {
      String why =
          "squid is not installed, so the real-Squid tests are SKIPPED"
              + " (apt-get install -y squid, which .ci/run does, enables them)";
      System.err.println("RealSquidTest: " + why);
      Assumptions.abort(why);
    }
  }

  /** Traffic of a ROKS rollout before noProxy, in miniature; returns the requests sent. */
  private static int rollout(SquidHarness sq) throws Exception {
    int sent = 0;
    for (String host :
        List.of(
            "icr.io",
            "us.icr.io",
            "s3.direct.us-south.cloud-object-storage.appdomain.cloud",
            "quay.io",
            "github.com",
            "console-openshift-console.apps.mycluster.example.com")) {
      assertEquals(200, sq.connect(host + PORT), host);
      sent++;
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(403, sq.connect("172.20.0.1:2040"));
      sent++;
    }
    for (String denied :
        List.of(
            "172.21.0.1:443",
            "image-registry.openshift-image-registry.svc:5000",
            "kubernetes.default.svc.cluster.local:443",
            "registry-1.docker.io:443",
            "10.240.0.5:10250")) {
      assertEquals(403, sq.connect(denied), denied);
      sent++;
    }
    assertEquals(403, sq.get("http://169.254.169.254/latest/meta-data/"));
    assertEquals(200, sq.get("http://github.com:" + SquidHarness.HTTP_PORT + "/releases"));
    return sent + 2;
  }

  @Test
  void analyze_logWrittenByRealSquid_classifiesAndRecommendsAsAnExpertWould() throws Exception {
    int sent;
    Path log;
    try (SquidHarness sq = SquidHarness.start(dir, squid)) {
      sent = rollout(sq);
      log = sq.accessLog();
    }
    List<String> lines = Files.readAllLines(log);
    assertEquals(sent, lines.size(), String.join("\n", lines));
    if (Golden.REGENERATE) {
      Path sample = Path.of("..", "sample-logs", "real-squid-5", "access.log");
      Files.createDirectories(sample.getParent());
      Files.copy(log, sample, StandardCopyOption.REPLACE_EXISTING);
    }

    MainTest.Run r =
        MainTest.run(
            "analyze",
            "-o",
            "json",
            "--profile",
            "roks-vpc",
            "--ingress-domain",
            "apps.mycluster.example.com",
            log.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode a = new ObjectMapper().readTree(r.out());
    assertEquals(sent, a.path("input").path("parsedLines").asInt());
    assertEquals(0, a.path("input").path("malformedLines").asInt());
    assertEquals(11, a.path("classes").path("denied").path("requests").asInt());

    Map<String, JsonNode> byHost = new HashMap<>();
    a.path("destinations").forEach(d -> byHost.put(d.path("host").asText(), d));
    assertDestination(
        byHost, "icr.io", "private-endpoint", "private-endpoint", "Container Registry");
    assertDestination(byHost, "quay.io", "internet", "internet", "quay.io");
    assertDestination(byHost, "github.com", "internet", "internet", "GitHub");
    assertDestination(byHost, "172.20.0.1", "denied", "cluster-internal", "172.20.0.0/16");
    assertDestination(byHost, "172.21.0.1", "denied", "cluster-internal", "service network");
    assertDestination(
        byHost,
        "image-registry.openshift-image-registry.svc",
        "denied",
        "cluster-internal",
        ".svc");
    assertDestination(byHost, "169.254.169.254", "denied", "private-endpoint", "metadata");
    assertDestination(byHost, "registry-1.docker.io", "denied", "internet", "Docker Hub");
    assertDestination(
        byHost,
        "console-openshift-console.apps.mycluster.example.com",
        "private-endpoint",
        "private-endpoint",
        "ingress");
    assertEquals(5, byHost.get("172.20.0.1").path("deniedRequests").asInt());
    assertEquals(2, byHost.get("github.com").path("ports").size());

    List<String> cluster = values(a, "cluster");
    for (String expected :
        List.of(
            "172.20.0.0/16",
            "icr.io",
            ".icr.io",
            "s3.direct.us-south.cloud-object-storage.appdomain.cloud",
            "console-openshift-console.apps.mycluster.example.com",
            "169.254.169.254",
            "10.240.0.5")) {
      assertTrue(cluster.contains(expected), expected + " missing from " + cluster);
    }
    for (String never :
        List.of("quay.io", "github.com", "registry-1.docker.io", ".svc", "172.21.0.0/16")) {
      assertFalse(cluster.contains(never), never + " in " + cluster);
    }
    List<String> crio = values(a, "crio");
    assertTrue(crio.containsAll(List.of(".svc", ".cluster.local", "172.21.0.0/16", "icr.io")));
    assertFalse(crio.contains("quay.io"));
    assertEquals(
        "registry-1.docker.io",
        a.path("recommendations").path("squidAllowlist").get(0).path("host").asText());
  }

  private static void assertDestination(
      Map<String, JsonNode> byHost, String host, String cls, String destClass, String reason) {
    JsonNode d = byHost.get(host);
    assertTrue(d != null, host + " not reported; have " + byHost.keySet());
    assertEquals(cls, d.path("class").asText(), host);
    assertEquals(destClass, d.path("destinationClass").asText(), host);
    assertTrue(d.path("reason").asText().contains(reason), host + ": " + d.path("reason"));
  }

  private static List<String> values(JsonNode a, String target) {
    return List.of(a.path("recommendations").path(target).path("noProxy").asText().split(",", -1));
  }

  @Test
  void follow_liveSquidLogThroughSquidRotate_countsEveryRequestOnce() throws Exception {
    try (SquidHarness sq = SquidHarness.start(dir, squid)) {
      Path log = sq.accessLog();
      CompletableFuture<MainTest.Run> follow =
          CompletableFuture.supplyAsync(
              () ->
                  MainTest.run(
                      "follow",
                      "-o",
                      "jsonl",
                      "--interval",
                      "200ms",
                      "--duration",
                      "12s",
                      "--from-start",
                      "--profile",
                      "roks-vpc",
                      log.toString()));
      int sent = 0;
      List<String> rotations = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        sent += rollout(sq);
        Thread.sleep(300);
        sq.rotate();
        rotations.add("rotate " + round);
        Thread.sleep(300);
      }
      sent += rollout(sq);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sq.loggedLines() < sent && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(sent, sq.loggedLines(), "Squid logged every request");
      MainTest.Run r = follow.get(60, TimeUnit.SECONDS);
      assertEquals(0, r.code(), r.err());
      String[] events = r.out().split("\n", -1);
      JsonNode last = new ObjectMapper().readTree(events[events.length - 2]);
      assertTrue(last.path("final").asBoolean(), last::toString);
      assertEquals(sent, last.path("lines").asInt(), "each request exactly once: " + rotations);
      assertEquals(sent, last.path("parsedLines").asInt());
      assertEquals(44, last.path("classes").path("denied").path("requests").asInt());
      assertTrue(r.out().contains("was rotated"), "no rotation noticed");
    }
  }
}
