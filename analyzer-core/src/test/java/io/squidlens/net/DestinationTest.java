package io.squidlens.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class DestinationTest {
  @Test
  void fromAuthority_normalisesLikeNoProxyMatching() {
    assertEquals(
        Destination.of("www.example.com", 443),
        Destination.fromAuthority("WWW.Example.COM.:443", -1));
    assertEquals(
        Destination.of("2001:db8::10", 8443),
        Destination.fromAuthority("[2001:DB8:0::10]:8443", -1));
    assertEquals(
        Destination.of("h.example.com", 21),
        Destination.fromAuthority("user:pw@h.example.com", 21));
    assertEquals(
        Destination.of("xn--bcher-kva.example", 80),
        Destination.fromAuthority("bücher.example", 80));
    assertEquals(-1, Destination.fromAuthority("h.example.com:99999", -1).port());
    assertNull(Destination.fromAuthority("@", -1));
  }

  @Test
  void isValidName_rejectsControlCharactersAndEmptyLabels() {
    assertTrue(Destination.of("image-registry.openshift-image-registry.svc", -1).isValidName());
    assertTrue(Destination.of("10.1.2.3", -1).isValidName());
    assertFalse(Destination.of("a..b", -1).isValidName());
    assertFalse(Destination.of("evil\u001b[31m.example.com", -1).isValidName());
  }

  @Test
  void parseLiteral_fastIpv4Path_agreesWithIpAddressLibrary() {
    long seed = 4242;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 50_000; i++) {
      String s;
      if (r.nextInt(4) == 0) {
        StringBuilder sb = new StringBuilder();
        int parts = r.nextInt(1, 6);
        for (int p = 0; p < parts; p++) {
          sb.append(p == 0 ? "" : ".").append(r.nextInt(0, 400));
        }
        s = sb.toString();
      } else {
        s = r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
      }
      IPAddress fast = Destination.parseLiteral(s);
      IPAddress lib = new IPAddressString(s).getAddress();
      boolean libDottedQuad =
          lib != null && lib.isIPv4() && s.chars().filter(c -> c == '.').count() == 3;
      String input = s;
      if (libDottedQuad) {
        assertEquals(lib, fast, () -> "seed " + seed + ": " + input);
      } else {
        assertNull(fast, () -> "seed " + seed + ": " + input);
      }
    }
  }
}
