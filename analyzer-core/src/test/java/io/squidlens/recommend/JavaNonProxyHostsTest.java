package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.net.Destination;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JavaNonProxyHostsTest {

  private static JavaNonProxyHosts.Result translate(List<String> entries, String... internet) {
    return JavaNonProxyHosts.translate(
        entries, List.of(internet).stream().map(i -> Destination.fromAuthority(i, 443)).toList());
  }

  @Test
  void translate_keepsTheGoMeaningOfEachEntry() {
    JavaNonProxyHosts.Result r =
        translate(List.of("localhost", "127.0.0.1", ".svc", "icr.io", "10.1.2.3", "fd00::1"));
    assertEquals("localhost|127.*|[::1]|*.svc|icr.io|*.icr.io|10.1.2.3|[fd00::1]", r.value());
  }

  @Test
  void translate_octetAlignedBlocks_becomeWildcards() {
    assertEquals(
        "localhost|127.*|[::1]|10.*|172.20.*|192.168.1.*|10.9.8.7",
        translate(List.of("10.0.0.0/8", "172.20.0.0/16", "192.168.1.0/24", "10.9.8.7/32")).value());
  }

  @Test
  void translate_smallUnalignedBlock_isSplitIntoOctetPatterns() {
    assertEquals(
        "localhost|127.*|[::1]|166.8.*|166.9.*|166.10.*|166.11.*",
        translate(List.of("166.8.0.0/14")).value());
  }

  @Test
  void translate_largeUnalignedBlock_isWidenedWithANote() {
    JavaNonProxyHosts.Result r = translate(List.of("172.17.0.0/18"));
    assertEquals("localhost|127.*|[::1]|172.17.*", r.value());
    assertTrue(r.notes().get(0).contains("widened to 172.17.0.0/16"), r.notes()::toString);
  }

  @Test
  void translate_wideningThatWouldCoverAnInternetAddress_splitsInstead() {
    JavaNonProxyHosts.Result r = translate(List.of("172.17.0.0/18"), "172.17.200.1:443");
    assertTrue(r.value().contains("172.17.63.*"), r.value());
    assertFalse(r.value().contains("172.17.*|"), r.value());
    assertEquals(67, r.patterns().size());
    assertEquals(
        null,
        ClientSemantics.JAVA
            .compile(r.value())
            .route(Destination.fromAuthority("172.17.200.1:443", -1))
            .entry());
  }

  @Test
  void translate_ipv6Range_isLeftOutWithANote() {
    JavaNonProxyHosts.Result r = translate(List.of("fd00::/8"));
    assertEquals("localhost|127.*|[::1]", r.value());
    assertTrue(r.notes().get(0).contains("IPv6 range fd00::/8"), r.notes()::toString);
  }
}
