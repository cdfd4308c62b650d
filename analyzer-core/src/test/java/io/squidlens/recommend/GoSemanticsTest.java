package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.squidlens.net.Destination;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class GoSemanticsTest {

  static Stream<Arguments> coverage() {
    return Stream.of(
        Arguments.of("icr.io", ".icr.io", true),
        Arguments.of("icr.io", "us.icr.io", true),
        Arguments.of("icr.io", "icr.io", true),
        Arguments.of(".icr.io", "icr.io", false),
        Arguments.of(".icr.io", "us.icr.io", true),
        Arguments.of(".icr.io", ".icr.io", true),
        Arguments.of(".icr.io", ".us.icr.io", true),
        Arguments.of("icr.io", "xicr.io", false),
        Arguments.of("172.16.0.0/12", "172.21.0.0/16", true),
        Arguments.of("172.21.0.0/16", "172.16.0.0/12", false),
        Arguments.of("172.21.0.0/16", "172.21.0.1", true),
        Arguments.of("172.21.0.1", "172.21.0.0/16", false),
        Arguments.of("172.21.0.1", "172.21.0.1", true),
        Arguments.of("10.0.0.0/8", "fd00::/8", false),
        Arguments.of("*", "anything.example", true),
        Arguments.of("example.com", "10.0.0.1", false),
        Arguments.of("10.0.0.0/8", "example.com", false));
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @MethodSource("coverage")
  void covers_followsGoSubsumption(String general, String specific, boolean expected) {
    assertEquals(expected, GoSemantics.covers(general, specific));
  }

  static Stream<Arguments> earliest() {
    return Stream.of(
        Arguments.of("b.example.com,example.com", "a.b.example.com:443", "b.example.com"),
        Arguments.of("example.com,b.example.com", "a.b.example.com:443", "example.com"),
        Arguments.of("10.0.0.0/8,10.1.2.3", "10.1.2.3:443", "10.0.0.0/8"),
        Arguments.of("example.com:8443,example.com", "example.com:443", "example.com"),
        Arguments.of("[fd00::1]:443", "[fd00::1]:443", "[fd00::1]:443"),
        Arguments.of("", "localhost:80", "implicit localhost"),
        Arguments.of("", "[::1]:80", "implicit loopback"));
  }

  /** Go checks entries in order; squidlens reports the one Go would find first. */
  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @MethodSource("earliest")
  void route_namesTheEntryGoFindsFirst(String list, String dest, String expected) {
    Destination d = Destination.fromAuthority(dest, -1);
    NoProxySemantics.Route route = GoSemantics.INSTANCE.compile(list).route(d);
    String actual =
        route instanceof NoProxySemantics.Route.Implicit i ? "implicit " + i.rule() : route.entry();
    assertEquals(expected, actual);
  }
}
