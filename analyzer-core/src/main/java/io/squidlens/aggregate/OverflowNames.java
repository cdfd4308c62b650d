package io.squidlens.aggregate;

import inet.ipaddr.IPAddress;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compact memory of the destinations a full destination table could not track, so that a NO_PROXY
 * entry can still be checked against them: could any of them be the name, lie under the zone, or
 * fall in the block the entry exempts? Answers "maybe" or "no", never a false "no". Mutable while
 * an accumulator fills it; merges by union. Not thread-safe.
 */
final class OverflowNames {
  /*
   * Implementation notes.
   *
   * A Bloom filter (Bloom 1970) of keys, allocated only when the first destination overflows:
   * for a host name, the name itself ("is") and every suffix after one of its dots ("under"); for
   * an IPv4 literal its /24, for an IPv6 literal its /48. Queries: an exact-host entry x asks
   * is(x) or under(x), a ".x" entry under(x), a block the /24s or /48s inside it (a wide block
   * whose prefixes are too many to ask, or an address family that overflowed while the block is
   * wider than that, answers "maybe"). 2^26 bits and four probes keep false positives near 0.5%
   * with twenty million keys, the most a 5-million-destination overflow produces; a false
   * positive only makes the caller refuse an entry it could not prove safe.
   *
   * Names are hashed from their last byte to their first, lower-cased as ASCII, so the suffix
   * keys of a name come out of one pass over its bytes, with no String and no allocation per
   * overflowed line. A name with non-ASCII bytes is normalised first (punycode), as the table
   * normalises tracked destinations, which makes a String; such names are rare.
   */

  static final int BITS_LOG2 = 26;
  private static final int PROBES = 4;
  private static final long IS = 0x6973L;
  private static final long UNDER = 0x756eL;
  private static final long V4 = 0x7634L;
  private static final long V6 = 0x7636L;
  private static final long P = 0x100000001B3L;
  private static final int MAX_PREFIX_PROBES = 256;

  private long[] bits;
  private boolean ipv4;
  private boolean ipv6;

  /** An empty filter. */
  OverflowNames() {}

  /** Whether nothing was added. */
  boolean isEmpty() {
    return bits == null;
  }

  /** Adds the host of the logged authority {@code b[from, to)} ({@code host[:port]}, ...). */
  void add(byte[] b, int from, int to) {
    int s = from;
    int e = to;
    for (int i = e - 1; i >= s; i--) {
      if (b[i] == '@') {
        s = i + 1;
        break;
      }
    }
    if (s < e && b[s] == '[') {
      int close = s;
      while (close < e && b[close] != ']') {
        close++;
      }
      addText(new String(b, s + 1, close - s - 1, StandardCharsets.ISO_8859_1));
      return;
    }
    int colon = -1;
    int colons = 0;
    boolean ascii = true;
    for (int i = s; i < e; i++) {
      if (b[i] == ':') {
        colon = i;
        colons++;
      } else if (b[i] < 0) {
        ascii = false;
      }
    }
    if (colons == 1) {
      e = colon;
    } else if (colons > 1 || !ascii) {
      addText(
          new String(b, s, e - s, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
      return;
    }
    if (e > s && b[e - 1] == '.') {
      e--;
    }
    if (e <= s) {
      return;
    }
    long v4 = ipv4(b, s, e);
    if (v4 >= 0) {
      put(mix(V4, v4 >>> 8));
      ipv4 = true;
      return;
    }
    long h = 0;
    for (int i = e - 1; i >= s; i--) {
      byte c = b[i];
      if (c == '.') {
        put(mix(UNDER, h));
      }
      h = h * P + lower(c);
    }
    put(mix(IS, h));
  }

  /** Adds a host given as text (slow path: IPv6 literals, non-ASCII names). */
  void addText(String host) {
    String h = Destination.normalizeHost(host);
    if (h.isEmpty()) {
      return;
    }
    IPAddress a = Destination.parseLiteral(h);
    if (a != null) {
      IPAddress u = Cidrs.unmap(a);
      if (u.isIPv4()) {
        put(mix(V4, u.toIPv4().longValue() >>> 8));
        ipv4 = true;
      } else {
        put(mix(V6, prefix48(u)));
        ipv6 = true;
      }
      return;
    }
    long k = 0;
    for (int i = h.length() - 1; i >= 0; i--) {
      char c = h.charAt(i);
      if (c == '.') {
        put(mix(UNDER, k));
      }
      k = k * P + lower((byte) c);
    }
    put(mix(IS, k));
  }

  /** Whether an overflowed destination may be {@code name} or lie under it. */
  boolean mayBeAtOrUnder(String name) {
    return mayBeUnder(name) || (bits != null && has(mix(IS, hash(name))));
  }

  /** Whether an overflowed destination may lie strictly under the zone {@code zone}. */
  boolean mayBeUnder(String zone) {
    return bits != null && has(mix(UNDER, hash(zone)));
  }

  /** Whether an overflowed IP-literal destination may fall inside {@code block}. */
  boolean mayBeIn(IPAddress block) {
    if (bits == null) {
      return false;
    }
    IPAddress b = Cidrs.unmap(block);
    Integer prefix = b.getNetworkPrefixLength();
    int len = prefix == null ? b.getBitCount() : prefix;
    if (b.isIPv4()) {
      if (!ipv4) {
        return false;
      }
      int unit = 24;
      if (len < unit - 8) {
        return true;
      }
      long first = b.getLower().toIPv4().longValue() >>> 8;
      int count = len >= unit ? 1 : 1 << (unit - len);
      for (int i = 0; i < count; i++) {
        if (has(mix(V4, first + i))) {
          return true;
        }
      }
      return false;
    }
    if (!ipv6) {
      return false;
    }
    if (len < 48 - 8) {
      return true;
    }
    long first = prefix48(b.getLower());
    int count = len >= 48 ? 1 : 1 << (48 - len);
    for (int i = 0; i < count && i < MAX_PREFIX_PROBES; i++) {
      if (has(mix(V6, first + i))) {
        return true;
      }
    }
    return false;
  }

  /** Adds everything {@code other} holds. */
  void addAll(OverflowNames other) {
    if (other.bits == null) {
      return;
    }
    if (bits == null) {
      bits = other.bits.clone();
    } else {
      for (int i = 0; i < bits.length; i++) {
        bits[i] |= other.bits[i];
      }
    }
    ipv4 |= other.ipv4;
    ipv6 |= other.ipv6;
  }

  /** The filter's words, or null when empty, and which address families it holds: for states. */
  long[] words() {
    return bits == null ? null : bits.clone();
  }

  boolean hasIpv4() {
    return ipv4;
  }

  boolean hasIpv6() {
    return ipv6;
  }

  /** A filter from {@link #words()} and the families, as a state stored them. */
  static OverflowNames of(long[] words, boolean ipv4, boolean ipv6) {
    OverflowNames n = new OverflowNames();
    n.bits = words == null ? null : words.clone();
    n.ipv4 = ipv4;
    n.ipv6 = ipv6;
    return n;
  }

  /** A copy, so a summary holds a filter no accumulator will change any more. */
  OverflowNames copy() {
    OverflowNames c = new OverflowNames();
    c.addAll(this);
    return c;
  }

  private static long hash(String name) {
    String n = Destination.normalizeHost(name);
    long k = 0;
    for (int i = n.length() - 1; i >= 0; i--) {
      k = k * P + lower((byte) n.charAt(i));
    }
    return k;
  }

  private static long lower(byte c) {
    return (c >= 'A' && c <= 'Z' ? c + 32 : c) & 0xFF;
  }

  private static long prefix48(IPAddress a) {
    byte[] bytes = a.getBytes();
    long p = 0;
    for (int i = 0; i < 6; i++) {
      p = (p << 8) | (bytes[i] & 0xFF);
    }
    return p;
  }

  /** The address of a dotted quad as an unsigned value, or -1 when the bytes are not one. */
  private static long ipv4(byte[] b, int s, int e) {
    long value = 0;
    int octet = -1;
    int dots = 0;
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        octet = octet < 0 ? c - '0' : octet * 10 + (c - '0');
        if (octet > 255) {
          return -1;
        }
      } else if (c == '.' && octet >= 0 && dots < 3) {
        value = (value << 8) | octet;
        octet = -1;
        dots++;
      } else {
        return -1;
      }
    }
    return dots == 3 && octet >= 0 ? (value << 8) | octet : -1;
  }

  private static long mix(long tag, long h) {
    long x = (h ^ (tag * 0x9E3779B97F4A7C15L)) * 0xFF51AFD7ED558CCDL;
    x ^= x >>> 33;
    x *= 0xC4CEB9FE1A85EC53L;
    return x ^ (x >>> 33);
  }

  // Probe k is h1 + k * h2 (Kirsch and Mitzenmacher, "Less hashing, same performance", 2006).
  private void put(long h) {
    if (bits == null) {
      bits = new long[1 << (BITS_LOG2 - 6)];
    }
    int mask = (1 << BITS_LOG2) - 1;
    int h1 = (int) h;
    int h2 = (int) (h >>> 32) | 1;
    for (int k = 0; k < PROBES; k++) {
      int bit = (h1 + k * h2) & mask;
      bits[bit >>> 6] |= 1L << bit;
    }
  }

  private boolean has(long h) {
    int mask = (1 << BITS_LOG2) - 1;
    int h1 = (int) h;
    int h2 = (int) (h >>> 32) | 1;
    for (int k = 0; k < PROBES; k++) {
      int bit = (h1 + k * h2) & mask;
      if ((bits[bit >>> 6] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OverflowNames n
        && ipv4 == n.ipv4
        && ipv6 == n.ipv6
        && Arrays.equals(bits, n.bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits);
  }
}
