package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One test per edge case of the native format across Squid generations, and the version examples.
 */
final class NativeParserTest {

  static LogRecord parse(String line) {
    return parse(line.getBytes(StandardCharsets.UTF_8));
  }

  static LogRecord parse(byte[] b) {
    LineFields f = new LineFields();
    assertTrue(
        NativeParser.INSTANCE.parse(b, 0, b.length, f),
        () -> "not parsed: " + f.problem() + " in " + new String(b, StandardCharsets.UTF_8));
    return LogRecord.from(f, "t", 1);
  }

  static ParseProblem.Reason problem(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    LineFields f = new LineFields();
    assertFalse(NativeParser.INSTANCE.parse(b, 0, b.length, f), line);
    return f.problem();
  }

  private static final String TUNNEL =
      "1763712000.123    245 10.240.0.14 TCP_TUNNEL/200 8734 CONNECT us.icr.io:443 -"
          + " HIER_DIRECT/10.240.0.41 -";

  @Test
  void parse_connectTunnel_readsEveryField() {
    LogRecord r = parse(TUNNEL);
    assertEquals(1763712000123L, r.epochMillis());
    assertEquals(245L, r.elapsedMs());
    assertEquals("10.240.0.14", r.client());
    assertEquals("TCP_TUNNEL", r.resultCode());
    assertEquals(200, r.status());
    assertEquals(8734L, r.bytes());
    assertEquals("CONNECT", r.method());
    assertEquals("us.icr.io:443", r.url());
    assertEquals("us.icr.io", r.host());
    assertEquals(443, r.port());
    assertNull(r.user());
    assertEquals("HIER_DIRECT", r.hierarchy());
    assertEquals("10.240.0.41", r.peer());
    assertNull(r.mimeType());
  }

  @Test
  void parse_unpaddedAndWideElapsed_areNumbers() {
    assertEquals(5L, parse(TUNNEL.replace("   245", " 5")).elapsedMs());
    assertEquals(1234567L, parse(TUNNEL.replace("   245", " 1234567")).elapsedMs());
    assertEquals(-12L, parse(TUNNEL.replace("   245", "    -12")).elapsedMs());
  }

  @Test
  void parse_timestampDigits_anyWidthAndFraction() {
    assertEquals(
        999999999123L, parse(TUNNEL.replace("1763712000.123", "999999999.123")).epochMillis());
    assertEquals(
        10000000000000L, parse(TUNNEL.replace("1763712000.123", "10000000000.000")).epochMillis());
    assertEquals(
        1763712000000L, parse(TUNNEL.replace("1763712000.123", "1763712000")).epochMillis());
    assertEquals(
        1763712000100L, parse(TUNNEL.replace("1763712000.123", "1763712000.1")).epochMillis());
    assertEquals(
        1763712000123L, parse(TUNNEL.replace("1763712000.123", "1763712000.123456")).epochMillis());
  }

  @Test
  void parse_userWithSpace_onConnect_userTakesTheRest() {
    LogRecord r = parse(TUNNEL.replace(" - HIER", " John Smith HIER"));
    assertEquals("us.icr.io:443", r.url());
    assertEquals("John Smith", r.user());
  }

  @Test
  void parse_urlWithSpaces_andDashUser_urlTakesTheRest() {
    LogRecord r =
        parse(
            "1763712011.100     20 192.0.2.42 TCP_MISS/200 1500 GET http://www.example.com/a b c -"
                + " HIER_DIRECT/203.0.113.57 text/html");
    assertEquals("http://www.example.com/a b c", r.url());
    assertNull(r.user());
  }

  @Test
  void parse_userEscapes_keptAsLogged() {
    assertEquals(
        "EXAMPLE\\\\alice", parse(TUNNEL.replace(" - HIER", " EXAMPLE\\\\alice HIER")).user());
    assertEquals("bob%5Bcorp%5D", parse(TUNNEL.replace(" - HIER", " bob%5Bcorp%5D HIER")).user());
  }

  @Test
  void parse_mimeHeaderBlocks_strippedFromTheEnd() {
    LogRecord r =
        parse(
            "1763712000.456     12 192.0.2.14 TCP_MISS/200 1534 GET http://www.example.com/ -"
                + " HIER_DIRECT/198.51.100.7 text/html [Host: www.example.com\\r\\nAccept: */*\\r\\n]"
                + " [HTTP/1.1 200 OK\\r\\nContent-Type: text/html; charset=utf-8\\r\\n\\r\\n]");
    assertEquals("text/html", r.mimeType());
    assertEquals("198.51.100.7", r.peer());
    assertNull(r.user());
  }

  @Test
  void parse_appendedRefererAndUserAgent_stripped() {
    LogRecord r =
        parse(
            "1763712022.100     10 192.0.2.53 TCP_MISS/200 900 GET http://a.example.com/ -"
                + " HIER_DIRECT/198.51.100.37 text/html \"http://ref.example.com/\" \"Mozilla/5.0"
                + " (X11; Linux x86_64)\"");
    assertEquals("text/html", r.mimeType());
    assertEquals("http://a.example.com/", r.url());
  }

  @Test
  void parse_crlfAndTrailingSpaces_ignored() {
    assertEquals("us.icr.io", parse(TUNNEL + "\r").host());
    assertEquals("us.icr.io", parse(TUNNEL + "   ").host());
  }

  @Test
  void parse_invalidUtf8InUrl_decodedWithReplacement() {
    byte[] b =
        "1763712012.100 1 192.0.2.43 TCP_MISS/200 100 GET http://l.example.com/caf\u00e9 - HIER_NONE/- -"
            .getBytes(StandardCharsets.ISO_8859_1);
    LogRecord r = parse(b);
    assertEquals("l.example.com", r.host());
    assertTrue(r.url().contains("\uFFFD"), r.url());
  }

  @Test
  void parse_everyGenerationsNoTag_keptAsLogged() {
    for (String code :
        new String[] {
          "TAG_NONE",
          "NONE",
          "NONE_NONE",
          "TAG_NONE_ABORTED",
          "NONE_NONE_ABORTED",
          "TCP_CF_HIT",
          "TCP_REFRESH_MODIFIED_IGNORED",
          "TCP_MISS_TIMEDOUT_ABORTED",
          "TCP_REFRESH_IGNORED",
          "UDP_HIT",
          "TCP_FUTURE_THING"
        }) {
      assertEquals(code, parse(TUNNEL.replace("TCP_TUNNEL", code)).resultCode());
    }
  }

  @Test
  void parse_oddStatuses_accepted() {
    assertEquals(0, parse(TUNNEL.replace("/200", "/000")).status());
    assertEquals(600, parse(TUNNEL.replace("/200", "/600")).status());
    assertEquals(0, parse(TUNNEL.replace("/200", "/0")).status());
    assertEquals(ParseProblem.Reason.BAD_STATUS, problem(TUNNEL.replace("/200", "/2000")));
  }

  @Test
  void parse_methods_anyToken() {
    for (String m : new String[] {"NONE", "ICP_QUERY", "PROPFIND", "frobnicate", "HTCP_TST"}) {
      assertEquals(m, parse(TUNNEL.replace("CONNECT", m)).method());
    }
    assertNull(parse(TUNNEL.replace("CONNECT", "-")).method());
  }

  @Test
  void parse_urlForms_deriveHostAndPort() {
    String base =
        "1763712016.000 10 192.0.2.47 TCP_MISS/200 900 %s %s - HIER_DIRECT/203.0.113.64 -";
    LogRecord ip = parse(String.format(base, "CONNECT", "203.0.113.64:443"));
    assertEquals("203.0.113.64", ip.host());
    LogRecord v6 = parse(String.format(base, "CONNECT", "[2001:db8::10]:8443"));
    assertEquals("2001:db8::10", v6.host());
    assertEquals(8443, v6.port());
    assertEquals(443, parse(String.format(base, "GET", "https://a.example.com/x")).port());
    assertEquals(21, parse(String.format(base, "GET", "ftp://f.example.com/pub")).port());
    assertEquals(8080, parse(String.format(base, "GET", "http://s.example.com:8080/find?")).port());
    LogRecord e2g = parse(String.format(base, "CONNECT", "https://e2g.example.com:443"));
    assertEquals("e2g.example.com", e2g.host());
    assertNull(parse(String.format(base, "GET", "/relative")).host());
    assertNull(parse(String.format(base, "-", "error:invalid-request")).host());
    assertNull(parse(String.format(base, "CONNECT", "noport.example.com")).port());
  }

  @Test
  void parse_hostNormalisation_lowerCaseNoTrailingDotPunycode() {
    String base =
        "1763712017.000 10 192.0.2.48 TCP_MISS/200 900 GET %s - HIER_DIRECT/198.51.100.24 -";
    assertEquals("www.example.com", parse(String.format(base, "http://WWW.Example.COM./")).host());
    assertEquals(
        "xn--bcher-kva.example", parse(String.format(base, "http://bücher.example/")).host());
    assertEquals(
        "h.example.com", parse(String.format(base, "ftp://user:pw@h.example.com/")).host());
  }

  @Test
  void parse_clients_anyToken() {
    for (String c :
        new String[] {
          "2001:db8::5", "::ffff:192.0.2.49", "client1.corp.example", "[IPADDRESSMASKEDFORPRIVACY]"
        }) {
      assertEquals(c, parse(TUNNEL.replace("10.240.0.14", c)).client());
    }
    assertNull(parse(TUNNEL.replace("10.240.0.14", "-")).client());
  }

  @Test
  void parse_hierarchyVariants_splitOnFirstSlash() {
    LogRecord v6 = parse(TUNNEL.replace("HIER_DIRECT/10.240.0.41", "HIER_DIRECT/2001:db8::10"));
    assertEquals("2001:db8::10", v6.peer());
    LogRecord legacy = parse(TUNNEL.replace("HIER_DIRECT/10.240.0.41", "DIRECT/www.example.com"));
    assertEquals("DIRECT", legacy.hierarchy());
    assertEquals("www.example.com", legacy.peer());
    LogRecord empty = parse(TUNNEL.replace("HIER_DIRECT/10.240.0.41", "DEFAULT_PARENT/"));
    assertEquals("DEFAULT_PARENT", empty.hierarchy());
    assertNull(empty.peer());
    assertEquals(
        "TIMEOUT_CLOSEST_DIRECT",
        parse(TUNNEL.replace("HIER_DIRECT", "TIMEOUT_CLOSEST_DIRECT")).hierarchy());
  }

  @Test
  void parse_oddContentType_kept() {
    assertEquals(":", parse(TUNNEL.substring(0, TUNNEL.length() - 1) + ":").mimeType());
  }

  @Test
  void parse_syslogAndIsoPrefixes_skipped() {
    assertEquals(
        "us.icr.io", parse("<166>Nov 21 08:00:00 proxy1 (squid-1)[4242]: " + TUNNEL).host());
    assertEquals(
        "us.icr.io", parse("2025-11-21T08:00:00.123456+00:00 proxy1 (squid-1): " + TUNNEL).host());
    assertEquals("us.icr.io", parse("2025-11-21T08:00:00.123456789Z stdout F " + TUNNEL).host());
  }

  @Test
  void parse_jsonWrappedRecord_unwrapped() {
    LogRecord r =
        parse(
            "{\"log\":\""
                + TUNNEL
                + "\\n\",\"stream\":\"stdout\",\"time\":\"2025-11-21T08:00:00.125Z\"}");
    assertEquals("us.icr.io", r.host());
    assertEquals(1763712000123L, r.epochMillis());
  }

  @Test
  void parse_malformedKinds_namedPrecisely() {
    assertEquals(ParseProblem.Reason.NO_TIMESTAMP, problem("<<<<<<< HEAD"));
    assertEquals(ParseProblem.Reason.TWO_RECORDS, problem(TUNNEL + " " + TUNNEL));
    assertEquals(
        ParseProblem.Reason.MISSING_FIELDS, problem("1763712000.123 5 192.0.2.1 TCP_MISS/200"));
    assertEquals(
        ParseProblem.Reason.NO_HIERARCHY, problem(TUNNEL.replace("HIER_DIRECT/10.240.0.41", "x")));
    assertEquals(
        ParseProblem.Reason.NO_RESULT_CODE, problem(TUNNEL.replace("TCP_TUNNEL/200", "TUNNEL")));
    assertEquals(ParseProblem.Reason.NO_BYTES, problem(TUNNEL.replace(" 8734 ", " many ")));
    assertEquals(ParseProblem.Reason.WHITESPACE_ONLY, problem("   \t"));
  }

  @Test
  void parse_fieldAfterTheContentType_findsHierarchyAndTypeByShapeAndKeepsTheExtra() {
    LogRecord r =
        parse(
            "1763712000.000     30 192.0.2.5 TCP_MISS/200 902 GET http://www.example.com/ alice"
                + " DIRECT/www.example.com text/plain 902351708.872");
    assertEquals("alice", r.user());
    assertEquals("DIRECT", r.hierarchy());
    assertEquals("www.example.com", r.peer());
    assertEquals("text/plain", r.mimeType());
    assertEquals("902351708.872", r.extra());
    LogRecord two =
        parse(
            "1763712000.000     30 192.0.2.5 TCP_TUNNEL/200 902 CONNECT quay.io:443 -"
                + " HIER_DIRECT/203.0.113.9 - 17 abc");
    assertEquals("HIER_DIRECT", two.hierarchy());
    assertNull(two.mimeType());
    assertEquals("17 abc", two.extra());
    assertNull(parse(TUNNEL).extra());
  }

  @Test
  void parse_twoRecordsGlued_reportsWhereTheSecondStarts() {
    String first =
        "1748891223.100     12 172.20.0.2 TCP_MISS/200 512 GET http://api.example.com/v1 -"
            + " HIER_DIRECT/198.51.100.7 application/json";
    String second =
        "1748891224.924  11159 172.20.0.2 TCP_MISS/403 3890 CONNECT quay.io:443 - HIER_NONE/-"
            + " text/html";
    byte[] b = (first + second).getBytes(StandardCharsets.UTF_8);
    LineFields f = new LineFields();
    assertFalse(NativeParser.INSTANCE.parse(b, 0, b.length, f));
    assertEquals(ParseProblem.Reason.TWO_RECORDS, f.problem());
    assertEquals(first.length(), f.problemAt());
  }
}
