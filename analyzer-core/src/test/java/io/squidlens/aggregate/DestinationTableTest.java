package io.squidlens.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class DestinationTableTest {
  private static final int CONNECT = 1;

  /** Adds {@code authority} (with {@code port} logged apart when not null) and returns its base. */
  private static int add(DestinationTable t, String authority, String port) {
    byte[] b = bytes(authority, port);
    int ae = authority.length();
    return port == null
        ? t.find(b, CONNECT, 0, ae, -1, -1, 443, null)
        : t.find(b, CONNECT, 0, ae, ae, b.length, 443, null);
  }

  private static boolean matches(
      DestinationTable t, int base, int scheme, String authority, String port) {
    // Offset by a few bytes, as a key sits inside a line.
    byte[] b = bytes("xyz" + authority, port);
    int ae = 3 + authority.length();
    return port == null
        ? t.matches(base, b, scheme, 3, ae, -1, -1)
        : t.matches(base, b, scheme, 3, ae, ae, b.length);
  }

  private static byte[] bytes(String authority, String port) {
    return (authority + (port == null ? "" : port)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void matches_comparesTheWholeKey_notOnlyTheBytesKeptBesideTheCounters() {
    // Only keys whose 64-bit hashes collide reach the compare, so it is asked directly: keys that
    // agree in their first bytes (those kept inline) and differ later, in length, kind or port.
    DestinationTable t = new DestinationTable(100);
    String common = "a".repeat(DestinationTable.INLINE_BYTES + 4);
    String longName = common + "1.example.com:443";
    int base = add(t, longName, null);
    assertTrue(matches(t, base, CONNECT, longName, null));
    assertFalse(matches(t, base, CONNECT, common + "2.example.com:443", null));
    assertFalse(matches(t, base, CONNECT, common + "1.example.com:444", null));
    assertFalse(matches(t, base, CONNECT, common + "1.example.com:4430", null));
    assertFalse(matches(t, base, 2, longName, null));
    assertFalse(matches(t, base, CONNECT, longName, "8"));

    String shortName = "api.example.com";
    int s = add(t, shortName, "443");
    assertTrue(matches(t, s, CONNECT, shortName, "443"));
    assertFalse(matches(t, s, CONNECT, shortName, "444"));
    assertFalse(matches(t, s, CONNECT, shortName, null));
    assertFalse(matches(t, s, CONNECT, "api.example.co", "443"));
    assertFalse(matches(t, s, CONNECT, "api.example.con", "443"));

    // Every length around the word boundaries of the inline part.
    for (int len = 1; len <= DestinationTable.INLINE_BYTES + 17; len++) {
      String name = "h".repeat(len);
      int e = add(t, name, null);
      assertTrue(matches(t, e, CONNECT, name, null), "length " + len);
      for (int at = 0; at < len; at++) {
        char[] other = name.toCharArray();
        other[at] = 'g';
        assertFalse(matches(t, e, CONNECT, new String(other), null), len + " at " + at);
      }
    }
    assertEquals(2 + DestinationTable.INLINE_BYTES + 17, t.size());

    // And a key seen again finds its entry instead of adding one.
    assertEquals(base, add(t, longName, null));
    assertEquals(s, add(t, shortName, "443"));
    for (int len = 1; len <= DestinationTable.INLINE_BYTES + 17; len++) {
      add(t, "h".repeat(len), null);
    }
    assertEquals(2 + DestinationTable.INLINE_BYTES + 17, t.size());
  }
}
