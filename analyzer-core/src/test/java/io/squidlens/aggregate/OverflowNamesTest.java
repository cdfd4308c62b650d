package io.squidlens.aggregate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.net.Cidrs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class OverflowNamesTest {
  private static void add(OverflowNames n, String authority) {
    byte[] b = ("xx" + authority + "yy").getBytes(StandardCharsets.UTF_8);
    n.add(b, 2, b.length - 2);
  }

  @Test
  void names_areFoundAtAndUnderEveryZoneOfTheirs_neverMissed() {
    OverflowNames n = new OverflowNames();
    add(n, "WWW.Corp.Example.com.:443");
    assertTrue(n.mayBeAtOrUnder("www.corp.example.com"));
    assertTrue(n.mayBeAtOrUnder("corp.example.com"));
    assertTrue(n.mayBeUnder("corp.example.com"));
    assertTrue(n.mayBeUnder("com"));
    assertFalse(n.mayBeUnder("www.corp.example.com"), "nothing lies under the name itself");
    assertFalse(n.mayBeAtOrUnder("other.example.com"));
  }

  @Test
  void addresses_areFoundInEveryBlockHoldingThem() {
    OverflowNames n = new OverflowNames();
    add(n, "203.0.113.7:443");
    add(n, "[2001:db8:1::5]:443");
    assertTrue(n.mayBeIn(Cidrs.parse("203.0.113.7")));
    assertTrue(n.mayBeIn(Cidrs.parse("203.0.112.0/20")));
    assertTrue(n.mayBeIn(Cidrs.parse("0.0.0.0/0")));
    assertFalse(n.mayBeIn(Cidrs.parse("198.51.100.0/24")));
    assertTrue(n.mayBeIn(Cidrs.parse("2001:db8:1::/48")));
    assertFalse(n.mayBeIn(Cidrs.parse("2001:db8:2::/48")));
  }

  @Test
  void addAll_isTheUnion() {
    OverflowNames a = new OverflowNames();
    OverflowNames b = new OverflowNames();
    add(a, "a.example.com");
    add(b, "b.example.net");
    a.addAll(b);
    assertTrue(a.mayBeAtOrUnder("a.example.com"));
    assertTrue(a.mayBeAtOrUnder("b.example.net"));
  }
}
