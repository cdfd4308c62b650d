package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ParseCommandTest {
  @TempDir Path dir;

  private static final String LINE =
      "1763712001.002      0 10.240.0.15 TCP_DENIED/403 3890 CONNECT 172.20.0.1:2040 -"
          + " HIER_NONE/- text/html";

  @Test
  void parse_jsonLines_haveExactlyTheContractKeysInOrder() throws Exception {
    Path log = TestLogs.write(dir, "a.log", List.of(LINE));
    MainTest.Run r = MainTest.run("parse", log.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        List.of(
            "source",
            "line",
            "epochMillis",
            "elapsedMs",
            "client",
            "resultCode",
            "status",
            "bytes",
            "method",
            "url",
            "host",
            "port",
            "user",
            "hierarchy",
            "peer",
            "mimeType",
            "extra"),
        keys);
    assertEquals("172.20.0.1", j.get("host").asText());
    assertEquals(2040, j.get("port").asInt());
    assertTrue(j.get("user").isNull());
    assertTrue(j.get("peer").isNull());
  }

  @Test
  void parse_csv_hasHeaderAndNeutralisesFormulaCells() throws Exception {
    Path log =
        TestLogs.write(
            dir, "a.log", List.of(LINE.replace(" - HIER_NONE", " =HYPERLINK(\"x\") HIER_NONE")));
    MainTest.Run r = MainTest.run("parse", "-o", "csv", log.toString());
    assertEquals(0, r.code(), r.err());
    String[] rows = r.out().split("\r\n", -1);
    assertEquals(
        "source,line,epochMillis,elapsedMs,client,resultCode,status,bytes,method,url,host,port,"
            + "user,hierarchy,peer,mimeType,extra",
        rows[0]);
    assertTrue(rows[1].contains(",\"'=HYPERLINK(\"\"x\"\")\","), rows[1]);
  }

  @Test
  void parse_malformedLines_goToStderrWithSourceAndLine() throws Exception {
    Path log = TestLogs.write(dir, "m.log", List.of(LINE, "not a record", LINE));
    MainTest.Run r = MainTest.run("parse", log.toString());
    assertEquals(0, r.code());
    assertEquals(2, r.out().split("\n", -1).length - 1);
    assertEquals(
        log
            + ":2: malformed line: expected a timestamp such as 1763712000.123 at the start of the record\n",
        r.err());
  }

  @Test
  void parse_strictWithMalformedLines_exits65() throws Exception {
    Path log = TestLogs.write(dir, "m.log", List.of(LINE, "junk"));
    assertEquals(65, MainTest.run("parse", "--strict", log.toString()).code());
    Path clean = TestLogs.write(dir, "c.log", List.of(LINE));
    assertEquals(0, MainTest.run("parse", "--strict", clean.toString()).code());
  }

  @Test
  void parse_stdin_readsStandardInputAsDash() throws Exception {
    Context stdin =
        Context.of(Map.of())
            .withStdin(new ByteArrayInputStream((LINE + "\n").getBytes(StandardCharsets.UTF_8)));
    MainTest.Run r = MainTest.run(stdin, "parse");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("-", j.get("source").asText());
    assertEquals(1, j.get("line").asInt());
  }

  @Test
  void parse_everyOddity_allParsedNothingMalformed() throws Exception {
    Path log = TestLogs.copy("sample-logs/every-oddity/access.log", dir);
    MainTest.Run r = MainTest.run("parse", "--strict", log.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(66, r.out().split("\n", -1).length - 1);
  }

  @Test
  void parse_window_writesRecordsInsideAndCountsTheRestOnStderr() throws Exception {
    String at = "1763712001.000";
    Path log =
        TestLogs.write(
            dir,
            "w.log",
            List.of(
                LINE.replace("1763712001.002", "1763712000.999"),
                LINE.replace("1763712001.002", at),
                LINE,
                LINE.replace("1763712001.002", "1763712002.000")));
    MainTest.Run r =
        MainTest.run("parse", "--since", "1763712001", "--until", "1763712002", log.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.out().lines().count(), r.out());
    assertTrue(r.out().contains("\"epochMillis\":1763712001000"), r.out());
    assertTrue(r.err().contains("2 records outside the window"), r.err());
  }
}
