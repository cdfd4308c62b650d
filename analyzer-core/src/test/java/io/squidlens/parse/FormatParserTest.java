package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class FormatParserTest {

  private static LogRecord parse(LogFormat format, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    LineFields f = new LineFields();
    assertTrue(format.parser().parse(b, 0, b.length, f), () -> "not parsed: " + f.problem());
    return LogRecord.from(f, "t", 1);
  }

  private static boolean parses(LogFormat format, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return format.parser().parse(b, 0, b.length, new LineFields());
  }

  @Test
  void common_squidLine_readsCodeHierarchyAndLocalTime() {
    LogRecord r =
        parse(
            LogFormat.of("common"),
            "192.0.2.14 - alice [21/Nov/2025:08:00:00 +0000] \"CONNECT quay.io:443 HTTP/1.1\" 200"
                + " 20480 TCP_TUNNEL:HIER_DIRECT");
    assertEquals("192.0.2.14", r.client());
    assertEquals("alice", r.user());
    assertEquals(1763712000000L, r.epochMillis());
    assertEquals("CONNECT", r.method());
    assertEquals("quay.io", r.host());
    assertEquals(443, r.port());
    assertEquals(200, r.status());
    assertEquals(20480L, r.bytes());
    assertEquals("TCP_TUNNEL", r.resultCode());
    assertEquals("HIER_DIRECT", r.hierarchy());
    assertNull(r.elapsedMs());
  }

  @Test
  void common_timeZoneOffset_appliedToEpoch() {
    LogRecord r =
        parse(
            LogFormat.of("common"),
            "192.0.2.14 - - [21/Nov/2025:09:30:00 +0130] \"GET http://a.example.com/ HTTP/1.1\" 200"
                + " 10 TCP_MISS:HIER_DIRECT");
    assertEquals(1763712000000L, r.epochMillis());
  }

  @Test
  void combined_squidLine_skipsRefererAndAgent() {
    LogRecord r =
        parse(
            LogFormat.of("combined"),
            "192.0.2.14 - - [21/Nov/2025:08:00:01 +0000] \"GET http://www.example.com/ HTTP/1.1\""
                + " 200 1534 \"http://ref.example.com/\" \"curl/8.5.0 (x86_64; \\\"q\\\")\""
                + " TCP_MISS:HIER_DIRECT");
    assertEquals("www.example.com", r.host());
    assertEquals("TCP_MISS", r.resultCode());
  }

  @Test
  void common_refusesCombinedLine_insteadOfMisassigning() {
    assertFalse(
        parses(
            LogFormat.of("common"),
            "192.0.2.14 - - [21/Nov/2025:08:00:01 +0000] \"GET http://www.example.com/ HTTP/1.1\""
                + " 200 1534 \"http://ref.example.com/\" \"curl/8.5.0\" TCP_MISS:HIER_DIRECT"));
  }

  @Test
  void custom_nativeEquivalent_matchesNativeParser() {
    LogFormat f = LogFormat.of("%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt");
    String line =
        "1763712000.123    245 10.240.0.14 TCP_TUNNEL/200 8734 CONNECT us.icr.io:443 -"
            + " HIER_DIRECT/10.240.0.41 -";
    LogRecord custom = parse(f, line);
    LogRecord nativeRecord = parse(LogFormat.of("squid"), line);
    assertEquals(nativeRecord, custom);
  }

  @Test
  void custom_squidConfLine_acceptedWithItsName() {
    LogFormat f = LogFormat.of("logformat short %ts.%03tu %>a %Ss/%>Hs %ru");
    assertEquals("short", f.name());
    assertEquals(
        "a.example.com",
        parse(f, "1763712000.100 192.0.2.1 TCP_MISS/200 http://a.example.com/").host());
  }

  @Test
  void custom_domainAndPortCodes_giveDestinationWithoutUrl() {
    LogFormat f = LogFormat.of("%ts %>a %rm %>rd %>rP %Ss/%>Hs %Sh/%<a");
    LogRecord r =
        parse(f, "1763712000 192.0.2.1 CONNECT Quay.IO 443 TCP_TUNNEL/200 HIER_DIRECT/203.0.113.9");
    assertEquals("quay.io", r.host());
    assertEquals(443, r.port());
    assertEquals("203.0.113.9", r.peer());
  }

  @Test
  void custom_headerArgumentBeforeOrAfterCode_bothCompile() {
    LogFormat a = LogFormat.of("%ts %ru \"%{User-Agent}>h\"");
    LogFormat b = LogFormat.of("%ts %ru \"%>h{User-Agent}\"");
    String line = "1763712000 http://a.example.com/ \"curl/8\"";
    assertEquals(parse(a, line), parse(b, line));
  }

  @Test
  void custom_percentLiteralAndStrftimeArgument_understood() {
    LogFormat f = LogFormat.of("%{%Y-%m-%dT%H:%M:%S}tl 100%% %ru");
    assertEquals(
        1763712000000L, parse(f, "2025-11-21T08:00:00 100% http://a.example.com/").epochMillis());
  }

  @Test
  void compile_unknownCode_namesIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogFormat.of("%ts %zz %ru"));
    assertTrue(e.getMessage().contains("%zz"), e.getMessage());
  }

  @Test
  void compile_adjacentFields_rejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogFormat.of("%ts%tr %ru"));
    assertTrue(e.getMessage().contains("nothing between them"), e.getMessage());
  }

  @Test
  void compile_noDestinationCode_rejected() {
    assertThrows(IllegalArgumentException.class, () -> LogFormat.of("%ts %>a"));
  }

  @Test
  void of_unknownName_listsTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogFormat.of("apache"));
    assertTrue(e.getMessage().contains("auto, squid, common, combined"), e.getMessage());
  }
}
