package io.squidlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squidlens.TestLogs;
import io.squidlens.cli.LocalCli;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code squidlens-spark} on {@code local[2]} answers as {@code squidlens analyze} does: the same
 * JSON report, but for when it ran and how each input was read.
 */
final class SparkAnalyzeTest {
  private static JavaSparkContext sc;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    sc =
        new JavaSparkContext(
            new SparkConf()
                .setMaster("local[2]")
                .setAppName("squidlens-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  static LocalCli.Run spark(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkAnalyze.run(sc, new PrintWriter(out), new PrintWriter(err), args);
    return new LocalCli.Run(code, out.toString(), err.toString());
  }

  /** The JSON report without what differs by design: when it ran, and how inputs were read. */
  static JsonNode report(LocalCli.Run run) throws IOException {
    assertTrue(run.code() == 0 || run.code() == 65, run::err);
    ObjectNode root = (ObjectNode) JSON.readTree(run.out());
    root.remove("run");
    ((ObjectNode) root.path("input")).remove("sources");
    return root;
  }

  /** Spark's answer with {@code sparkOnly} options added equals the command line's. */
  static void assertSameAnswer(List<String> sparkOnly, List<String> args) throws IOException {
    List<String> withSpark = new ArrayList<>(sparkOnly);
    withSpark.addAll(args);
    JsonNode expected = report(cli(args));
    JsonNode actual = report(spark(withSpark.toArray(String[]::new)));
    assertSameJson(expected, actual);
  }

  /** The command line's {@code analyze} with {@code args}, in process. */
  static LocalCli.Run cli(List<String> args) {
    List<String> all = new ArrayList<>(List.of("analyze"));
    all.addAll(args);
    return LocalCli.run(all.toArray(String[]::new));
  }

  static void assertSameJson(JsonNode expected, JsonNode actual) {
    io.squidlens.JsonReports.assertSameReport(expected, actual);
  }

  private Path sample(String name) {
    return TestLogs.copyKeepingPath("sample-logs/" + name + "/access.log", dir);
  }

  private static List<String> json(String... more) {
    List<String> args = new ArrayList<>(List.of("-o", "json", "--dns", "off"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void sampleLogs_giveTheCommandLinesReport_cutIntoManyTasks() throws IOException {
    for (String name : TestLogs.sampleLogs()) {
      Path log = sample(name);
      assertSameAnswer(List.of("--part-size", "512"), json(log.toString()));
    }
  }

  @Test
  void malformedLines_keepTheirFileAndLine() throws IOException {
    Path bad = TestLogs.copyKeepingPath("sample-logs/every-oddity/malformed.log", dir);
    Path good = sample("roks-vpc-before-noproxy");
    LocalCli.Run run =
        spark(json("--part-size", "300", good.toString(), bad.toString()).toArray(String[]::new));
    assertTrue(report(run).path("malformed").size() > 0, run::out);
    assertSameAnswer(List.of("--part-size", "300"), json(good.toString(), bad.toString()));
  }

  /** A generated log of {@code lines} lines from {@code first} on, one second apart. */
  private static String lines(int first, int lines) {
    StringBuilder b = new StringBuilder();
    for (int i = first; i < first + lines; i++) {
      b.append(1763712000 + i)
          .append(".000    120 10.128.")
          .append(i % 7)
          .append('.')
          .append(i % 200)
          .append(" TCP_TUNNEL/200 ")
          .append(100 + i % 900)
          .append(" CONNECT ")
          .append(i % 5 == 0 ? "registry.example.com" : "svc" + (i % 37) + ".example.net")
          .append(":443 - HIER_DIRECT/203.0.113.")
          .append(i % 250)
          .append(" -\n");
    }
    return b.toString();
  }

  @Test
  void aThousandSmallFiles_aLogSplitIntoEightTasks_andAGzipSet_areOneReport() throws IOException {
    Path small = Files.createDirectories(dir.resolve("small"));
    for (int f = 0; f < 1000; f++) {
      Files.writeString(small.resolve(String.format("proxy-%04d.log", f)), lines(f * 3, 3));
    }
    Path big = dir.resolve("big.log");
    Files.writeString(big, lines(0, 4000));
    long size = Files.size(big);
    Path gz = Files.createDirectories(dir.resolve("gz"));
    for (int f = 0; f < 5; f++) {
      try (OutputStream out =
          new GZIPOutputStream(
              Files.newOutputStream(gz.resolve("access.log." + (f + 1) + ".gz")))) {
        out.write(lines(10_000 + f * 50, 50).getBytes(StandardCharsets.US_ASCII));
      }
    }
    String part = Long.toString(size / 8 + 1);
    assertTrue(size / Long.parseLong(part) >= 7, "at least 8 parts");
    assertSameAnswer(
        List.of("--part-size", part), json(small.toString(), big.toString(), gz.toString()));
  }

  @Test
  void aWindowAndRedaction_areAppliedAsLocally() throws IOException {
    Path log = sample("roks-vpc-rollout");
    assertSameAnswer(
        List.of("--part-size", "700"),
        json(
            "--since",
            "2025-11-21T10:42:00Z",
            "--redact",
            "--redact-key",
            "test-key",
            log.toString()));
  }

  @Test
  void aStateWrittenOnSpark_isReadByTheCommandLine() throws IOException {
    Path log = dir.resolve("access.log");
    Files.writeString(log, lines(0, 500));
    Path state = dir.resolve("spark.state");
    LocalCli.Run first =
        spark(
            json("--part-size", "4k", "--state", state.toString(), log.toString())
                .toArray(String[]::new));
    assertEquals(0, first.code(), first::err);
    Files.writeString(log, lines(500, 300), java.nio.file.StandardOpenOption.APPEND);
    // The command line goes on from where Spark stopped: every line counted once.
    JsonNode continued = report(cli(json("--state", state.toString(), log.toString())));
    Path cliState = dir.resolve("cli.state");
    Files.writeString(log, lines(0, 500));
    assertEquals(0, cli(json("--state", cliState.toString(), log.toString())).code());
    Files.writeString(log, lines(500, 300), java.nio.file.StandardOpenOption.APPEND);
    JsonNode local = report(cli(json("--state", cliState.toString(), log.toString())));
    assertSameJson(local, continued);
    assertEquals(800, continued.path("input").path("parsedLines").asLong(), continued::toString);
  }

  @Test
  void badInput_isOneLineAndTheCommandLinesExitCode() {
    LocalCli.Run missing = spark("-o", "json", dir.resolve("nope.log").toString());
    assertEquals(74, missing.code());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertTrue(missing.err().contains("nope.log: no such file"), missing.err());
    LocalCli.Run none = spark("-o", "json");
    assertEquals(74, none.code(), none.err());
    LocalCli.Run usage = spark("--part-size", "lots", dir.toString());
    assertEquals(2, usage.code(), usage.err());
  }
}
