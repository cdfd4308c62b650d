package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every report format promises: width, colour, safety, redaction, determinism, --strict. */
final class ReportFormatsTest {
  private static final List<String> FORMATS = List.of("text", "json", "csv", "markdown");

  @TempDir Path dir;

  private String oddity() {
    return TestLogs.copyKeepingPath("sample-logs/every-oddity/access.log", dir).toString();
  }

  private String malformed() {
    return TestLogs.copyKeepingPath("sample-logs/every-oddity/malformed.log", dir).toString();
  }

  private String roks() {
    return TestLogs.copyKeepingPath("sample-logs/roks-vpc-before-noproxy/access.log", dir)
        .toString();
  }

  @Test
  void text_fitsOneHundredColumns_exceptReadyToPasteLines() throws Exception {
    for (String behaviour : TestLogs.list("golden/analyze")) {
      String text = TestLogs.text("golden/analyze/" + behaviour + "/expected.txt");
      JsonNode json =
          new ObjectMapper()
              .readTree(TestLogs.text("golden/analyze/" + behaviour + "/expected.json"));
      Set<String> paste = new HashSet<>();
      for (JsonNode r : json.path("recommendations")) {
        for (String line : r.path("artifact").asText().split("\n", -1)) {
          paste.add("    " + line);
        }
      }
      for (String line : text.split("\n", -1)) {
        assertTrue(
            line.length() <= 100 || paste.contains(line),
            behaviour + ": " + line.length() + " columns: " + line);
      }
    }
  }

  @Test
  void text_isColouredOnlyOnATerminalWithoutNoColor() {
    String log = roks();
    Context plain = Context.of(Map.of());
    Context terminal = plain.asTerminal(null);
    assertFalse(MainTest.run(plain, "analyze", log).out().contains("\u001b["));
    assertTrue(MainTest.run(terminal, "analyze", log).out().contains("\u001b[1m"));
    Context noColor = Context.of(Map.of("NO_COLOR", "1")).asTerminal(null);
    assertFalse(MainTest.run(noColor, "analyze", log).out().contains("\u001b["));
    // Never in formats meant for files and programs, terminal or not.
    for (String f : List.of("json", "csv", "markdown")) {
      assertFalse(MainTest.run(terminal, "analyze", "-o", f, log).out().contains("\u001b"), f);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "csv", "markdown"})
  void everyFormat_escapesControlCharactersFromTheLog(String format) {
    String log = TestLogs.copy("golden/analyze/control-characters/access.log", dir).toString();
    String out = MainTest.run("analyze", "-o", format, log).out();
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\r') || (c >= 0x7F && c < 0xA0);
      boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
      assertFalse(control || bidi, format + ": raw U+" + Integer.toHexString(c) + " at " + i);
    }
  }

  @Test
  void csv_neutralisesCellsASpreadsheetWouldRun() {
    String log =
        TestLogs.write(
                dir,
                "formula.log",
                List.of(
                    "1763712000.000 5 10.0.0.9 TCP_MISS/200 100 GET http://=cmd.example/ -"
                        + " HIER_NONE/- -",
                    "1763712000.000 5 @evil TCP_MISS/200 100 GET http://b.example/ -"
                        + " HIER_NONE/- -"))
            .toString();
    String csv = MainTest.run("analyze", "-o", "csv", log).out();
    assertTrue(csv.contains("\r\n'=cmd.example,"), csv);
    assertTrue(csv.contains(",'@evil,"), csv);
  }

  @Test
  void markdown_cannotBeBrokenOrInjectedByLogText() {
    String log = TestLogs.copy("golden/analyze/control-characters/access.log", dir).toString();
    String md = MainTest.run("analyze", "-o", "markdown", log).out();
    for (int i = md.indexOf("<script>"); i >= 0; i = md.indexOf("<script>", i + 1)) {
      assertEquals('`', md.charAt(i - 1), "raw HTML outside a code span at " + i);
    }
    assertTrue(md.contains("`<script>alert(1)<:80`"), md);
    assertFalse(md.contains("](http"), "a link from the log");
    for (String line : md.split("\n", -1)) {
      if (line.startsWith("| `/") || line.contains("malformed")) {
        continue;
      }
      if (line.startsWith("|")) {
        long cells = line.chars().filter(ch -> ch == '|').count();
        long escaped = line.split("\\\\\\|", -1).length - 1L;
        assertTrue(cells - escaped >= 4, line);
      }
    }
  }

  @Test
  void redact_replacesEveryClientInEveryFormat_andTheKeyMakesItReproducible() throws Exception {
    String a = oddity();
    String m = malformed();
    JsonNode plain = new ObjectMapper().readTree(MainTest.run("analyze", "-o", "json", a, m).out());
    Set<String> clients = new HashSet<>();
    for (JsonNode d : plain.path("destinations")) {
      d.path("clients").forEach(c -> clients.add(c.asText()));
    }
    assertTrue(clients.size() > 10, clients::toString);
    for (String f : FORMATS) {
      String out = MainTest.run("analyze", "-o", f, "--redact", a, m).out();
      for (String c : clients) {
        assertFalse(
            out.contains(" " + c + " ") || out.contains("\"" + c + "\"") || out.contains("`" + c),
            f + " still shows client " + c);
      }
      if (f.equals("json") || f.equals("csv")) {
        assertTrue(out.contains("client-1"), f);
      }
      assertEquals(
          MainTest.run("analyze", "-o", f, "--redact-key", "k1", a, m).out(),
          MainTest.run("analyze", "-o", f, "--redact-key", "k1", a, m).out(),
          f);
    }
    assertNotEquals(
        MainTest.run("analyze", "-o", "csv", "--redact-key", "k1", a, m).out(),
        MainTest.run("analyze", "-o", "csv", "--redact-key", "k2", a, m).out());
    String md = MainTest.run("analyze", "-o", "markdown", "--redact-key", "s3cret", a).out();
    assertFalse(md.contains("s3cret"), "the key must not appear in the footer");
  }

  @Test
  void parse_redact_usesKeyedHashesInStreamedRecords() {
    String a = oddity();
    String out = MainTest.run("parse", "--redact-key", "k", a).out();
    assertFalse(out.contains("\"client\":\"192.0.2."), out.substring(0, 300));
    assertTrue(out.matches("(?s).*\"client\":\"client-[0-9a-f]{8}\".*"), out.substring(0, 300));
  }

  @Test
  void everyFormat_isByteIdenticalAcrossRunsAndThreadCounts() {
    String a = oddity();
    String m = malformed();
    for (String f : FORMATS) {
      String one = MainTest.run("analyze", "-o", f, "--threads", "1", a, m).out();
      String two = MainTest.run("analyze", "-o", f, "--threads", "2", a, m).out();
      // Markdown's footer quotes the command line, which differs here by design.
      assertEquals(withoutCommand(one), withoutCommand(two), f);
      assertEquals(one, MainTest.run("analyze", "-o", f, "--threads", "1", a, m).out(), f);
    }
  }

  private static String withoutCommand(String report) {
    return report.replaceAll("(?m)^- command: .*$", "");
  }

  @Test
  void strict_listsMalformedLinesCompilerStyleAndExits65() {
    MainTest.Run r = MainTest.run("analyze", "-o", "json", "--strict", malformed());
    assertEquals(65, r.code(), r.err());
    assertTrue(
        r.err().lines().anyMatch(l -> l.matches(".*malformed\\.log:\\d+: malformed line: .+")),
        r.err());
    assertTrue(r.err().contains("squidlens: --strict: 12 of 15 lines were malformed"), r.err());
    assertEquals(0, MainTest.run("analyze", "--strict", oddity()).code());
  }

  @Test
  void progress_drawsOnATerminalOnlyAndNeverWithNoProgress() {
    byte[] log =
        TestLogs.text("sample-logs/roks-vpc-before-noproxy/access.log")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bar = new ByteArrayOutputStream();
    Context terminal =
        Context.of(Map.of())
            .withStdin(new ByteArrayInputStream(log))
            .asTerminal(new PrintStream(bar, true, StandardCharsets.UTF_8));
    assertEquals(0, MainTest.run(terminal, "analyze", "-o", "json", "-").code());
    assertTrue(bar.toString(StandardCharsets.UTF_8).contains("reading"), bar::toString);

    bar.reset();
    Context quiet = terminal.withStdin(new ByteArrayInputStream(log));
    assertEquals(0, MainTest.run(quiet, "analyze", "--no-progress", "-o", "json", "-").code());
    assertEquals("", bar.toString(StandardCharsets.UTF_8));

    Context pipe = Context.of(Map.of()).withStdin(new ByteArrayInputStream(log));
    assertEquals(0, MainTest.run(pipe, "analyze", "-o", "json", "-").code());
    assertEquals("", bar.toString(StandardCharsets.UTF_8));
  }
}
