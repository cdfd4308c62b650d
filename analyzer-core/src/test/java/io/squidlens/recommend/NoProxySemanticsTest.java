package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.squidlens.net.Destination;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-client NO_PROXY matrix (what each client's own matching code does), row by row: for each
 * entry form and destination, which clients go direct ('Y') and which use the proxy ('.'). Columns:
 * go, curl, python (urllib), requests, java, node (proxy-from-env), wget.
 */
final class NoProxySemanticsTest {
  private static final List<String> CLIENTS =
      List.of("go", "curl", "python", "requests", "java", "node", "wget");

  static Stream<Arguments> matrix() {
    return Stream.of(
        // row: example.com (A+S in Go/curl/Python/wget; exact in Java and proxy-from-env)
        Arguments.of("example.com", "example.com:443", "YYYYYYY"),
        Arguments.of("example.com", "www.example.com:443", "YYYY..Y"),
        Arguments.of("example.com", "badexample.com:443", "......."),
        // row: .example.com (S in Go, proxy-from-env, wget; A+S in curl/Python; never in Java)
        Arguments.of(".example.com", "example.com:443", ".YYY..."),
        Arguments.of(".example.com", "www.example.com:443", "YYYY.YY"),
        // row: *.example.com (S in Go, Java, proxy-from-env; never in curl/Python/wget)
        Arguments.of("*.example.com", "example.com:443", "......."),
        Arguments.of("*.example.com", "www.example.com:443", "Y...YY."),
        // row: * alone (everything, except wget)
        Arguments.of("*", "anything.example.org:443", "YYYYYY."),
        // row: IPv4 CIDR against an IP-literal URL
        Arguments.of("10.0.0.0/8", "10.1.2.3:443", "YY.Y..."),
        // row: CIDR against a hostname that would resolve into it (no client resolves)
        Arguments.of("10.0.0.0/8", "internal.example.com:443", "......."),
        // row: exact IPv4
        Arguments.of("10.1.2.3", "10.1.2.3:443", "YYYYYYY"),
        // row: host:port (equal ports in Go and proxy-from-env; explicit-port URLs in Python)
        Arguments.of("example.com:8443", "example.com:8443", "Y.YY.Y."),
        Arguments.of("example.com:8443", "example.com:443", "......."),
        // row: bare IPv6
        Arguments.of("fd00::1", "[fd00::1]:443", "YY.Y..Y"),
        // bracketed IPv6 without port: urllib (it matches the bracketed netloc), Java and
        // proxy-from-env; Go never matches it
        Arguments.of("[fd00::1]", "[fd00::1]:443", "..Y.YY."),
        // a lone * inside a list: everything in Go, Java and proxy-from-env only
        Arguments.of("a.example.org,*", "anything.example.org:443", "Y...YY."),
        // row: IPv6 CIDR (curl 8.17+)
        Arguments.of("fd00::/8", "[fd00::1]:443", "YY....."),
        // row: implicit loopback bypass (Go only)
        Arguments.of("example.com", "127.0.0.1:8080", "Y......"),
        Arguments.of("example.com", "localhost:8080", "Y......"),
        // Java and proxy-from-env: a leading * is a raw suffix
        Arguments.of("*example.com", "badexample.com:443", "....YY."),
        // case never matters
        Arguments.of("EXAMPLE.COM", "www.example.com:443", "YYYY..Y"));
  }

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @MethodSource("matrix")
  void bypassedBy_followsTheMatrix(String entry, String destination, String expected) {
    Destination d = Destination.fromAuthority(destination, -1);
    StringBuilder actual = new StringBuilder();
    for (String client : CLIENTS) {
      actual.append(NoProxySemantics.of(client).compile(entry).route(d).direct() ? 'Y' : '.');
    }
    assertEquals(
        expected,
        actual.toString(),
        String.join("", CLIENTS.stream().map(c -> c.substring(0, 1)).toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("separators")
  void compile_separatorsAndEmptyEntries_perClient(
      String client, String value, String expectedHit) {
    String hit =
        NoProxySemantics.of(client)
            .compile(value)
            .route(Destination.of("b.example.com", 443))
            .entry();
    assertEquals(expectedHit, hit);
  }

  static Stream<Arguments> separators() {
    return Stream.of(
        Arguments.of("go", " a.example.com , ,b.example.com,", "b.example.com"),
        Arguments.of("java", "a.example.com|b.example.com", "b.example.com"),
        Arguments.of("node", "a.example.com b.example.com", "b.example.com"),
        Arguments.of("curl", "a.example.com b.example.com", null));
  }

  @org.junit.jupiter.api.Test
  void of_unknownClient_listsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NoProxySemantics.of("lynx"));
    assertEquals(
        "unknown client 'lynx': expected go, curl, python, requests, java, node, wget or all",
        e.getMessage());
  }
}
