package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class NativeParserTest {

  private static LogRecord parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    LineFields f = new LineFields();
    assertTrue(NativeParser.INSTANCE.parse(b, 0, b.length, f), () -> "not parsed: " + f.problem());
    return LogRecord.from(f, "t", 1);
  }

  @Test
  void parse_connectTunnel_readsEveryField() {
    LogRecord r =
        parse(
            "1763712000.123    245 10.240.0.14 TCP_TUNNEL/200 8734 CONNECT us.icr.io:443 -"
                + " HIER_DIRECT/10.240.0.41 -");
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
  void parse_plainHttp_derivesHostAndDefaultPort() {
    LogRecord r =
        parse(
            "1763712000.456     12 192.0.2.14 TCP_MISS/200 1534 GET"
                + " http://www.example.com/index.html - HIER_DIRECT/198.51.100.7 text/html");
    assertEquals("www.example.com", r.host());
    assertEquals(80, r.port());
    assertEquals("text/html", r.mimeType());
  }

  @Test
  void parse_deniedConnectToIpLiteral_keepsStatusAndNoPeer() {
    LogRecord r =
        parse(
            "1763712001.002      0 10.240.0.15 TCP_DENIED/403 3890 CONNECT 172.20.0.1:2040 -"
                + " HIER_NONE/- text/html");
    assertEquals(403, r.status());
    assertEquals("172.20.0.1", r.host());
    assertEquals(2040, r.port());
    assertNull(r.peer());
  }

  @Test
  void parse_bracketedIpv6AndUser_unbracketsHostKeepsUser() {
    LogRecord r =
        parse(
            "1763712002.500     31 2001:db8::5 TCP_TUNNEL/200 640 CONNECT [2001:db8::10]:443"
                + " svc-build HIER_DIRECT/2001:db8::10 -");
    assertEquals("2001:db8::5", r.client());
    assertEquals("2001:db8::10", r.host());
    assertEquals(443, r.port());
    assertEquals("svc-build", r.user());
    assertEquals("2001:db8::10", r.peer());
  }

  @Test
  void parse_errorPseudoUrlWithDashMethod_hasNoHost() {
    LogRecord r =
        parse(
            "1763712003.001      0 192.0.2.12 NONE_NONE/000 0 - error:transaction-end-before-headers"
                + " - HIER_NONE/- -");
    assertEquals(0, r.status());
    assertNull(r.method());
    assertNull(r.host());
    assertEquals("error:transaction-end-before-headers", r.url());
  }

  @Test
  void parse_junk_isMalformedWithReason() {
    byte[] b = "<<<<<<< HEAD".getBytes(StandardCharsets.UTF_8);
    LineFields f = new LineFields();
    assertFalse(NativeParser.INSTANCE.parse(b, 0, b.length, f));
    assertEquals(LineProblem.NO_TIMESTAMP, f.problem());
  }
}
