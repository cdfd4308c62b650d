package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class MainTest {
  @TempDir Path dir;

  /** Exit code and captured streams of one in-process run. */
  record Run(int code, String out, String err) {}

  /** squidlens in a JVM of its own, from the test classpath, as a user runs it. */
  static ProcessBuilder process(String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  static Run run(String... args) {
    return run(Context.of(Map.of()), args);
  }

  static Run run(Context context, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(context, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private String sample() {
    return TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir).toString();
  }

  @Test
  void help_listsAnalyzeAndExitCodes() {
    Run r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("analyze"), r.out());
    assertTrue(r.out().contains("74"), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"analyze", "recommend", "check", "parse", "explain"})
  void help_everyCommand_rendersWithoutFormatWarningsAndTeachesByExample(String command) {
    // picocli reports unformattable descriptions on System.err, not on the command's writer.
    PrintStream saved = System.err;
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Run r;
    try {
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      r = run(command, "--help");
    } finally {
      System.setErr(saved);
    }
    assertEquals(0, r.code());
    assertEquals("", stderr.toString(StandardCharsets.UTF_8));
    assertTrue(r.out().contains("squidlens " + command), r.out());
    assertTrue(r.out().contains("Exit codes:"), r.out());
  }

  @Test
  void version_printsSquidlensVersion() {
    Run r = run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("squidlens "), r.out());
  }

  @Test
  void analyze_sampleLog_printsBothRecommendations() {
    Run r = run("analyze", sample());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("oc patch proxy/cluster --type=merge"), r.out());
    assertTrue(r.out().contains("NO_PROXY="), r.out());
  }

  @Test
  void analyze_json_carriesContractKeys() throws Exception {
    Run r = run("analyze", "-o", "json", sample());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(1, j.get("schemaVersion").asInt());
    assertEquals(70, j.at("/input/lines").asLong());
    assertTrue(j.at("/recommendations/cluster/noProxy").asText().contains("172.20.0.0/16"));
    assertTrue(j.at("/recommendations/crio/noProxy").asText().contains(".svc"));
    assertEquals(46, j.at("/classes/denied/requests").asLong());
  }

  @Test
  void analyze_missingFile_exits74NamingIt() {
    Run r = run("analyze", dir.resolve("nope.log").toString());
    assertEquals(74, r.code());
    assertTrue(r.err().contains("nope.log: no such file"), r.err());
  }

  @Test
  void analyze_unknownOption_exits2() {
    Run r = run("analyze", "--no-such-option");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }

  @Test
  void analyze_badCidr_exits2NamingTheValue() {
    Run r = run("analyze", "--service-network", "10.0.0/33", sample());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("10.0.0/33"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--config", "--hosts", "--proxy-config", "--network-config"})
  void fileOption_missingFile_isAnInputErrorNamingIt(String option) {
    Path missing = dir.resolve("absent.file");
    Run r = run("analyze", option, missing.toString(), sample());
    assertEquals(74, r.code(), r.err());
    assertTrue(r.err().contains(option + " " + missing + ": no such file"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--config", "--hosts", "--proxy-config", "--network-config"})
  void fileOption_aDirectory_getsItsOwnMessage(String option) {
    Run r = run("analyze", option, dir.toString(), sample());
    assertEquals(74, r.code(), r.err());
    assertTrue(r.err().contains("is a directory"), r.err());
    assertTrue(!r.err().contains("Exception") && !r.err().contains("java."), r.err());
  }

  @Test
  void fileOption_aDevice_isRefusedAtOnce() {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(zero), "no /dev/zero");
    for (String option : new String[] {"--config", "--proxy-config", "--hosts"}) {
      long t0 = System.nanoTime();
      Run r = run("analyze", option, zero.toString(), sample());
      assertEquals(74, r.code(), option + ": " + r.err());
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L, option + " took too long");
      assertTrue(!r.err().contains("no such file"), r.err());
    }
  }

  @Test
  void configFile_holdsEveryOptionTheReadmeNames() throws Exception {
    Path config =
        java.nio.file.Files.writeString(
            dir.resolve("c.yaml"), "threads: 1\ndnsBudget: 2s\nmaxDestinations: 1000\ndns: off\n");
    Run r = run("analyze", "--config", config.toString(), "-o", "json", sample());
    assertEquals(0, r.code(), r.err());
    Run bad = run("analyze", "--config", config.toString() + "x", sample());
    assertEquals(74, bad.code());
  }

  @Test
  void internalInvariantBroken_isAnInternalErrorNotAUsageError() {
    picocli.CommandLine cl = Main.commandLine(Context.of(Map.of()));
    cl.addSubcommand("boom", new Boom());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    assertEquals(1, cl.execute("boom"));
    assertTrue(err.toString().contains("internal error (please report it"), err.toString());
  }

  @picocli.CommandLine.Command(name = "boom")
  static final class Boom implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalArgumentException("a broken invariant");
    }
  }

  @Test
  void analyze_noRecord_printsTheInputAndExits65() {
    Path junk = TestLogs.write(dir, "junk.log", List.of("192.0.2.1 GET /index.html 200"));
    Run r = run("analyze", junk.toString());
    assertEquals(65, r.code(), r.err());
    assertTrue(r.out().contains("Input\n  " + junk + ": 1 lines, 0 parsed, 1 malformed"), r.out());
    assertTrue(!r.out().contains("NO_PROXY"), r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("no log records in " + junk + " (1 line, format squid"), r.err());
  }

  @Test
  void analyze_namedPipe_isReadOnceAsAStream() throws Exception {
    Path fifo = dir.resolve("pipe.log");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo unavailable");
    byte[] log = java.nio.file.Files.readAllBytes(Path.of(sample()));
    Thread writer =
        new Thread(
            () -> {
              try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(fifo)) {
                out.write(log);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    writer.start();
    Run r = run("analyze", "-o", "json", fifo.toString());
    writer.join(10_000);
    assertEquals(0, r.code(), r.err());
    assertEquals(70, new ObjectMapper().readTree(r.out()).at("/input/lines").asLong());
  }

  @Test
  void follow_compressedFile_isAUsageErrorSayingWhy() throws Exception {
    Path gz = dir.resolve("access.log.1.gz");
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
      out.write(java.nio.file.Files.readAllBytes(Path.of(sample())));
    }
    Run r = run("follow", "--from-start", gz.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("a compressed file cannot be followed"), r.err());
  }

  @Test
  void explain_portOutOfRange_isAUsageError() {
    Run r = run("explain", "example.com:99999");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("not a destination: 'example.com:99999'"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "analyze", "recommend", "check", "follow", "parse", "explain"})
  void help_fitsEightyColumnsAndNeverBreaksAnExampleOrStrandsAWord(String command) {
    Run r = command.isEmpty() ? run("--help") : run(command, "--help");
    assertEquals(0, r.code());
    for (String line : r.out().lines().toList()) {
      assertTrue(line.length() <= 80, "too wide: " + line);
      assertTrue(!line.strip().matches("[a-z]{1,8}"), "a word alone on a line: '" + line + "'");
    }
    picocli.CommandLine.Model.CommandSpec spec =
        command.isEmpty()
            ? Main.commandLine(Context.of(Map.of())).getCommandSpec()
            : Main.commandLine(Context.of(Map.of())).getSubcommands().get(command).getCommandSpec();
    for (String d : spec.usageMessage().description()) {
      if (d.startsWith("  squidlens ")) {
        assertTrue(r.out().contains(d), "example broken by wrapping: " + d);
      }
    }
  }
}
