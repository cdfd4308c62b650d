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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class MainTest {
  @TempDir Path dir;

  /** Exit code and captured streams of one in-process run. */
  record Run(int code, String out, String err) {}

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
}
