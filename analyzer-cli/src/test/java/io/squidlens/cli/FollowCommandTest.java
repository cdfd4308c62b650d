package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FollowCommandTest {
  @TempDir Path dir;

  private static List<JsonNode> events(String jsonl) throws IOException {
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : jsonl.split("\n", -1)) {
      if (!line.isBlank()) {
        out.add(m.readTree(line));
      }
    }
    return out;
  }

  private static String line(int id, String code) {
    return String.format(
        Locale.ROOT,
        "1763712000.%03d      5 10.0.0.1 %s 100 CONNECT host-%d.example:443 - HIER_NONE/- -\n",
        id % 1000,
        code,
        id % 50);
  }

  @Test
  void follow_stdin_reportsEachNewDestinationOnceAndAFinalSnapshotAtEof() throws Exception {
    byte[] log =
        TestLogs.text("sample-logs/roks-vpc-before-noproxy/access.log")
            .getBytes(StandardCharsets.UTF_8);
    Context c = Context.of(Map.of()).withStdin(new ByteArrayInputStream(log));
    MainTest.Run r = MainTest.run(c, "follow", "-o", "jsonl", "--interval", "100ms", "-");
    assertEquals(0, r.code(), r.err());
    List<JsonNode> ev = events(r.out());
    long fresh = ev.stream().filter(e -> e.path("type").asText().equals("new-destination")).count();
    assertEquals(18, fresh);
    JsonNode last = ev.get(ev.size() - 1);
    assertEquals("snapshot", last.path("type").asText());
    assertTrue(last.path("final").asBoolean());
    assertEquals(70, last.path("lines").asLong());
    assertEquals(46, last.path("classes").path("denied").path("requests").asLong());
    JsonNode storm =
        ev.stream()
            .filter(e -> e.path("destination").asText().equals("172.20.0.1:2040"))
            .findFirst()
            .orElseThrow();
    assertEquals("denied", storm.path("class").asText());
    assertEquals("172.20.0.0/16", storm.path("noProxyEntry").asText());
  }

  @Test
  void follow_fileRotatedBothWaysWhileAppending_countsEveryLineExactlyOnce() throws Exception {
    Path log = dir.resolve("access.log");
    Files.createFile(log);
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
                    "8s",
                    log.toString()));
    Thread.sleep(300);
    int total = 0;
    int denied = 0;
    OutputStream out = new FileOutputStream(log.toFile(), /* append= */ true);
    for (int round = 0; round < 6; round++) {
      for (int i = 0; i < 400; i++, total++) {
        boolean deny = total % 7 == 0;
        denied += deny ? 1 : 0;
        out.write(
            line(total, deny ? "TCP_DENIED/403" : "TCP_TUNNEL/200")
                .getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
      // Rotation comes a while after writing, as it does for a real log.
      Thread.sleep(300);
      if (round % 2 == 0) {
        Files.move(log, dir.resolve("access.log." + round));
        out.write(line(total++, "TCP_TUNNEL/200").getBytes(StandardCharsets.UTF_8)); // late write
        out.close();
        out = new FileOutputStream(log.toFile(), /* append= */ true);
      } else {
        Files.copy(log, dir.resolve("access.log.c" + round), StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
          ch.truncate(0);
        }
      }
      Thread.sleep(50);
    }
    out.close();
    MainTest.Run r = follow.get(30, TimeUnit.SECONDS);
    assertEquals(0, r.code(), r.err());
    List<JsonNode> ev = events(r.out());
    JsonNode last = ev.get(ev.size() - 1);
    assertTrue(last.path("final").asBoolean(), last::toString);
    assertEquals(total, last.path("lines").asLong(), "every appended line, once");
    assertEquals(total, last.path("parsedLines").asLong());
    assertEquals(denied, last.path("classes").path("denied").path("requests").asLong());
    assertEquals(50, last.path("destinations").asLong());
    long notices = ev.stream().filter(e -> e.path("type").asText().equals("notice")).count();
    assertTrue(notices >= 6, r.out());
  }

  // -- The process itself: signals and a closed pipe (a JVM started from the test classpath).

  private static Process start(String... args) throws IOException {
    return MainTest.process(args).redirectError(ProcessBuilder.Redirect.PIPE).start();
  }

  /**
   * Follows standard input fed in batches, a second apart and held open a second after the last, so
   * snapshots and views come between them, as on a live log.
   */
  private static MainTest.Run followLive(List<String> batches, String... args) throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(feed, 1 << 16);
    List<String> argv = new ArrayList<>(List.of("follow", "--dns", "off", "--interval", "100ms"));
    argv.addAll(List.of(args));
    argv.add("-");
    CompletableFuture<MainTest.Run> follow =
        CompletableFuture.supplyAsync(
            () -> MainTest.run(Context.of(Map.of()).withStdin(in), argv.toArray(new String[0])));
    for (String b : batches) {
      feed.write(b.getBytes(StandardCharsets.UTF_8));
      feed.flush();
      Thread.sleep(1000);
    }
    feed.close();
    return follow.get(30, TimeUnit.SECONDS);
  }

  @Test
  void follow_sigtermAndSigint_printTheFinalSnapshotAndExitZero() throws Exception {
    for (String signal : List.of("TERM", "INT")) {
      Path log = dir.resolve("signal-" + signal + ".log");
      Files.writeString(log, line(1, "TCP_TUNNEL/200") + line(2, "TCP_DENIED/403"));
      Process p =
          start(
              "follow",
              "--dns",
              "off",
              "-o",
              "jsonl",
              "--interval",
              "100ms",
              "--from-start",
              log.toString());
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first;
      do {
        first = out.readLine();
      } while (first != null && !first.contains("\"type\":\"snapshot\""));
      assertTrue(first != null, "no snapshot before the signal");
      new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "still running after SIG" + signal);
      String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "SIG" + signal + ": " + err);
      assertTrue(rest.contains("\"final\":true"), "SIG" + signal + ": " + rest);
      assertTrue(rest.contains("\"lines\":2"), rest);
    }
  }

  /** A clock that moves a minute every time it is read: an hour passes in sixty readings. */
  private static final class FastClock extends Clock {
    private final AtomicLong millis = new AtomicLong(1_763_712_000_000L);

    @Override
    public long millis() {
      return millis.addAndGet(60_000);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void follow_durationOnTheInjectedClock_endsWithoutWaitingInRealTime() throws Exception {
    // Standard input that never ends: only --duration, counted on the clock, stops the run.
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream never = new PipedInputStream(writer);
    writer.write(line(1, "TCP_DENIED/403").getBytes(StandardCharsets.UTF_8));
    writer.flush();
    Context c = Context.of(Map.of()).withStdin(never).withClock(new FastClock());
    long start = System.nanoTime();
    MainTest.Run r =
        MainTest.run(c, "follow", "-o", "jsonl", "--interval", "10m", "--duration", "2h", "-");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(0, r.code(), r.err());
    assertTrue(seconds < 30, "took " + seconds + " s of real time for two hours of clock");
    List<JsonNode> ev = events(r.out());
    assertTrue(ev.get(ev.size() - 1).path("final").asBoolean(), r.out());
    assertTrue(
        ev.stream().filter(e -> e.path("type").asText().equals("snapshot")).count() > 2,
        "a snapshot every ten minutes of clock: " + r.out());
    writer.close();
  }

  @Test
  void follow_outputPipeClosed_exitsQuietly() throws Exception {
    Process p = start("follow", "--dns", "off", "-o", "jsonl", "--interval", "100ms", "-");
    OutputStream in = p.getOutputStream();
    in.write(line(1, "TCP_TUNNEL/200").getBytes(StandardCharsets.UTF_8));
    in.flush();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertTrue(out.readLine().contains("new-destination"));
    p.getInputStream().close();
    // Keep writing so follow has something to say into the closed pipe.
    for (int i = 2; i < 200 && p.isAlive(); i++) {
      try {
        in.write(line(i, "TCP_TUNNEL/200").getBytes(StandardCharsets.UTF_8));
        in.flush();
      } catch (IOException e) {
        break; // it exited and closed its input
      }
      Thread.sleep(20);
    }
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "follow kept running with nobody reading");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals("", err);
    assertEquals(0, p.exitValue());
  }

  private static final String QUIET_START =
      "1763712000.000     12 10.1.0.16 TCP_TUNNEL/200 4100 CONNECT github.com:443 -"
          + " HIER_DIRECT/198.51.100.7 -\n"
          + "1763712001.000     12 10.1.0.16 TCP_TUNNEL/200 4100 CONNECT 172.21.0.1:443 -"
          + " HIER_DIRECT/172.21.0.1 -\n"
          + "1763712001.500     12 10.1.0.16 TCP_MISS/200 4100 GET https://172.21.0.1/healthz -"
          + " HIER_DIRECT/172.21.0.1 text/plain\n";

  private static String roksSignals() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      sb.append(
          "1763712002.000      0 10.1.0.16 TCP_DENIED/403 3900 CONNECT 172.20.0.1:2040 -"
              + " HIER_NONE/- text/html\n");
    }
    sb.append(
        "1763712003.000     12 10.1.0.16 TCP_TUNNEL/200 4100 CONNECT"
            + " c100-e.private.jp-tok.containers.cloud.ibm.com:31034 - HIER_DIRECT/166.9.24.11 -\n");
    sb.append(
        "1763712003.000     12 10.1.0.16 TCP_TUNNEL/200 4100 CONNECT"
            + " s3.direct.jp-tok.cloud-object-storage.appdomain.cloud:443 -"
            + " HIER_DIRECT/161.26.85.12 -\n");
    return sb.toString();
  }

  /**
   * The first lines carry no profile signal; the rest make it roks-vpc. Destinations announced
   * under the first profile are announced again with their new class, and one requested by CONNECT
   * and by https:// is announced once.
   */
  @Test
  void follow_profileKnownMidStream_reclassifiesWhatWasAnnounced_andAnnouncesEachOnce()
      throws Exception {
    // Several snapshots come under the first profile before the ROKS signals arrive.
    MainTest.Run r = followLive(List.of(QUIET_START, roksSignals()), "-o", "jsonl");
    assertEquals(0, r.code(), r.err());
    List<JsonNode> ev = events(r.out());
    Map<String, Long> announced = new java.util.TreeMap<>();
    Map<String, JsonNode> re = new java.util.TreeMap<>();
    for (JsonNode e : ev) {
      switch (e.path("type").asText()) {
        case "new-destination" -> announced.merge(e.path("destination").asText(), 1L, Long::sum);
        case "reclassified" -> re.put(e.path("destination").asText(), e);
        default -> {}
      }
    }
    assertEquals(1L, announced.get("172.21.0.1:443"), "CONNECT and https:// are one destination");
    assertTrue(announced.values().stream().allMatch(n -> n == 1), announced.toString());
    JsonNode first =
        ev.stream()
            .filter(e -> e.path("type").asText().equals("snapshot"))
            .findFirst()
            .orElseThrow();
    assertEquals("kubernetes", first.path("profile").asText(), "no ROKS signal at first");
    JsonNode last = ev.get(ev.size() - 1);
    assertEquals("roks-vpc", last.path("profile").asText());
    JsonNode svc = re.get("172.21.0.1:443");
    assertEquals("private-endpoint", svc.path("oldClass").asText(), svc::toString);
    assertEquals("cluster-internal", svc.path("newClass").asText());
    assertEquals("service network 172.21.0.0/16", svc.path("reason").asText());
    assertEquals("172.21.0.0/16", svc.path("noProxyEntry").asText());
    // Whatever each was first announced as, every destination's last word is the final truth.
    Map<String, String> said = new java.util.TreeMap<>();
    for (JsonNode e : ev) {
      String type = e.path("type").asText();
      if (type.equals("new-destination")) {
        said.put(e.path("host").asText(), e.path("destinationClass").asText());
      } else if (type.equals("reclassified")) {
        said.put(e.path("host").asText(), e.path("newClass").asText());
      }
    }
    assertEquals("private-endpoint", said.get("c100-e.private.jp-tok.containers.cloud.ibm.com"));
    assertEquals(
        "private-endpoint", said.get("s3.direct.jp-tok.cloud-object-storage.appdomain.cloud"));
    assertEquals("cluster-internal", said.get("172.20.0.1"));
    assertEquals("internet", said.get("github.com"));

    // The same stream on the live view: its last frame lists the master endpoint with its new
    // class, which it first showed nowhere (an internet destination is no highlight).
    String view = followLive(List.of(QUIET_START, roksSignals()), "-o", "text").out();
    int lastFrame = view.lastIndexOf("First seen, should not use the proxy");
    String highlighted = view.substring(lastFrame, view.indexOf("Busiest destinations", lastFrame));
    assertTrue(
        highlighted.contains(
            "c100-e.private.jp-tok.containers.cloud.ibm.com:31034  carried private-endpoint"),
        highlighted);
    assertTrue(highlighted.contains("172.21.0.1:443  carried cluster-internal"), highlighted);
    assertTrue(!highlighted.contains("carried internet"), highlighted);
  }

  /** Follows all of {@code log} from standard input, to its end. */
  private static MainTest.Run followAll(byte[] log, String... args) {
    List<String> argv = new ArrayList<>(List.of("follow", "--dns", "off", "--interval", "100ms"));
    argv.addAll(List.of(args));
    argv.add("-");
    return MainTest.run(
        Context.of(Map.of()).withStdin(new ByteArrayInputStream(log)), argv.toArray(new String[0]));
  }

  /** The client addresses and user names a follow run without --redact shows in its events. */
  private static java.util.Set<String> people(List<JsonNode> ev) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (JsonNode e : ev) {
      for (String f : List.of("client", "user")) {
        if (e.hasNonNull(f)) {
          out.add(e.get(f).asText());
        }
      }
    }
    return out;
  }

  @Test
  void follow_redact_hidesClientsAndUsers_inTheEvents_theView_andTheMetrics() throws Exception {
    byte[] log =
        TestLogs.text("sample-logs/kubernetes-corporate-proxy/access.log")
            .getBytes(StandardCharsets.UTF_8);
    MainTest.Run plain = followAll(log, "-o", "jsonl");
    java.util.Set<String> people = people(events(plain.out()));
    // A node can be a client and a destination (the API server): destinations are kept.
    for (JsonNode e : events(plain.out())) {
      people.remove(e.path("host").asText());
      people.remove(e.path("peer").asText());
    }
    assertTrue(people.stream().anyMatch(p -> p.matches("[0-9.]+")), "clients: " + people);
    assertTrue(people.stream().anyMatch(p -> !p.matches("[0-9.]+")), "users: " + people);

    MainTest.Run events = followAll(log, "-o", "jsonl", "--redact");
    // The view is drawn while the stream is open: hold it open for a few intervals.
    MainTest.Run view =
        followLive(List.of(new String(log, StandardCharsets.UTF_8)), "-o", "text", "--redact");
    assertEquals(0, events.code(), events.err());
    assertEquals(0, view.code(), view.err());
    assertTrue(
        people(events(events.out())).stream()
            .allMatch(p -> p.matches("(client|user)-[0-9a-f]{8}")));
    assertTrue(view.out().contains("(from client-"), view.out());

    Process p =
        start(
            "follow",
            "--dns",
            "off",
            "-o",
            "jsonl",
            "--interval",
            "100ms",
            "--redact",
            "--metrics",
            "127.0.0.1:0",
            "-");
    String metrics;
    try {
      p.getOutputStream().write(log);
      p.getOutputStream().flush();
      BufferedReader err =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
      String where = err.readLine();
      assertTrue(where != null && where.contains("/metrics"), String.valueOf(where));
      java.net.URI uri = java.net.URI.create(where.substring(where.indexOf("http://")));
      Thread.sleep(800); // a few snapshots
      metrics =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(uri).build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
    } finally {
      p.getOutputStream().close();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    }
    assertTrue(metrics.contains("squidlens_requests_total"), metrics);
    for (String person : people) {
      assertFalse(events.out().contains(person), person + " in the events");
      assertFalse(view.out().contains(person), person + " in the view");
      assertFalse(metrics.contains(person), person + " in /metrics");
    }
  }
}
