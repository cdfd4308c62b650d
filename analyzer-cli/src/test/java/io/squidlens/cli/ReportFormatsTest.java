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
  private static final List<String> FORMATS = List.of("text", "json", "csv", "markdown", "html");

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

  @Test
  void timeline_drawsBlocksOnAUtf8Terminal_andAsciiEverywhereElse() {
    String log = roks();
    String utf8 =
        MainTest.run(Context.of(Map.of("LANG", "en_US.UTF-8")).asTerminal(null), "analyze", log)
            .out();
    assertTrue(utf8.matches("(?s).*denied +\\S*[\u2581-\u2588].*"), utf8);
    for (Context c :
        List.of(
            Context.of(Map.of("LANG", "en_US.UTF-8")),
            Context.of(Map.of("LANG", "C")).asTerminal(null),
            Context.of(Map.of("LC_ALL", "POSIX", "LANG", "en_US.UTF-8")).asTerminal(null))) {
      String out = MainTest.run(c, "analyze", log).out();
      assertTrue(out.contains("Over time"), out);
      assertTrue(out.chars().allMatch(ch -> ch < 0x80), "non-ASCII in: " + out);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "csv", "markdown", "html"})
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
      String one = withoutRun(MainTest.run("analyze", "-o", f, "--threads", "1", a, m).out());
      String two = withoutRun(MainTest.run("analyze", "-o", f, "--threads", "2", a, m).out());
      // Markdown's and HTML's footers quote the command line, which differs here by design.
      assertEquals(withoutCommand(one), withoutCommand(two), f);
      assertEquals(
          one, withoutRun(MainTest.run("analyze", "-o", f, "--threads", "1", a, m).out()), f);
    }
  }

  private static String withoutCommand(String report) {
    return report.replaceAll("(?m)^(- command: |<p>command: ).*$", "");
  }

  /** HTML's one comment with the time and machine of the run (only HTML has one). */
  private static String withoutRun(String report) {
    return report.startsWith("<!DOCTYPE html>") ? HtmlGoldenTest.stripRun(report) : report;
  }

  @Test
  void strict_listsMalformedLinesCompilerStyleAndExits65() {
    MainTest.Run r = MainTest.run("analyze", "-o", "json", "--strict", malformed());
    assertEquals(65, r.code(), r.err());
    assertTrue(
        r.err().lines().anyMatch(l -> l.matches(".*malformed\\.log:\\d+: malformed line: .+")),
        r.err());
    assertTrue(r.err().contains("squidlens: --strict: 11 of 16 lines were malformed"), r.err());
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

  /** Clients and users planted in every field a log can carry them in, and in malformed lines. */
  private static final List<String> PEOPLE =
      List.of(
          "10.77.5.6",
          "10.77.5.8",
          "10.77.5.99",
          "2001:db8::77",
          "eve.adams",
          "mallory",
          "bob.ident");

  private Path peopleLog() {
    return TestLogs.write(
        dir,
        "people.log",
        List.of(
            "1763712000.123    245 10.77.5.6 TCP_TUNNEL/200 8734 CONNECT quay.io:443"
                + " eve.adams@corp.example HIER_DIRECT/203.0.113.9 -",
            "1763712000.200     12 2001:db8::77 TCP_MISS/200 1534 GET"
                + " http://www.example.com/x?from=10.77.5.6&u=eve.adams@corp.example -"
                + " HIER_DIRECT/198.51.100.7 text/html",
            "10.77.5.6 bob.ident mallory [21/Nov/2025:08:00:00 +0000] \"CONNECT github.com:443"
                + " HTTP/1.1\" 200 20480 TCP_TUNNEL:HIER_DIRECT",
            "1763712000.300     12 10.77.5.99 BROKEN eve.adams@corp.example 2001:db8::77 mallory",
            "garbage 10.77.5.6 eve.adams@corp.example 2001:db8::77 ?from=10.77.5.8",
            "1763712001.000 12 10.77.5.6 TCP_MISS/200 1534 GET http://user:pw@www.example.com/?ip=10.77.5.8"
                + " mallory HIER_DIRECT/198.51.100.7 text/html extra-10.77.5.8"));
  }

  @Test
  void redact_hidesEveryClientAndUserTheLogHolds_inEveryFormatAndParse() {
    String log = peopleLog().toString();
    for (String format : FORMATS) {
      MainTest.Run r = MainTest.run("analyze", "--redact", "--dns", "off", "-o", format, log);
      assertEquals(0, r.code(), r.err());
      for (String p : PEOPLE) {
        assertFalse(r.out().contains(p), format + " leaks " + p + ":\n" + r.out());
      }
      assertTrue(r.out().contains("quay.io"), "destinations stay: " + format);
    }
    for (String format : List.of("jsonl", "csv")) {
      MainTest.Run r = MainTest.run("parse", "--redact", "-o", format, log);
      assertEquals(0, r.code(), r.err());
      for (String p : PEOPLE) {
        assertFalse(r.out().contains(p), "parse " + format + " leaks " + p + ":\n" + r.out());
        assertFalse(r.err().contains(p), "parse " + format + " stderr leaks " + p);
      }
    }
  }

  @Test
  void text_kubernetesProfile_printsNoProxyClusterPatch() {
    String log =
        TestLogs.copyKeepingPath("sample-logs/kubernetes-corporate-proxy/access.log", dir)
            .toString();
    MainTest.Run r = MainTest.run("analyze", "--profile", "kubernetes", log);
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("oc patch proxy/cluster"), r.out());
    MainTest.Run md = MainTest.run("analyze", "-o", "markdown", "--profile", "kubernetes", log);
    assertFalse(md.out().contains("oc patch proxy/cluster"), md.out());
  }

  @Test
  void csv_namesTheEntryGoUsesForEachHost() throws Exception {
    MainTest.Run r = MainTest.run("analyze", "-o", "csv", roks());
    assertEquals(0, r.code(), r.err());
    for (String row : r.out().split("\r\n", -1)) {
      if (row.startsWith("icr.io,")) {
        assertTrue(row.contains(",icr.io,"), row);
        assertFalse(row.contains(",.icr.io,"), row);
      }
      if (row.startsWith("us.icr.io,")) {
        assertTrue(row.contains(",.icr.io,"), row);
      }
    }
  }

  @Test
  void markdown_footerSaysNoneLikeTextAndJson() {
    MainTest.Run r = MainTest.run("analyze", "-o", "markdown", roks());
    assertTrue(r.out().contains(", none, squid;"), r.out());
  }

  @Test
  void report_unknownMachineNetwork_isSaid() {
    MainTest.Run r = MainTest.run("analyze", roks());
    assertTrue(r.out().contains("machine network unknown"), r.out());
  }
}
