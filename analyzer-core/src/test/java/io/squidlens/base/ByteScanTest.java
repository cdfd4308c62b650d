package io.squidlens.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ByteScanTest {
  private static int naiveIndexOf(byte[] b, int from, int to, byte t) {
    for (int i = from; i < to; i++) {
      if (b[i] == t) {
        return i;
      }
    }
    return -1;
  }

  private static int naiveLastIndexOf(byte[] b, int from, int to, byte t) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == t) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void indexOfAndLastIndexOf_agreeWithByteLoops_onRandomRanges() {
    long seed = 99;
    SplittableRandom r = new SplittableRandom(seed);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = new byte[r.nextInt(1, 80)];
      for (int i = 0; i < b.length; i++) {
        // Few distinct values, so targets, near-misses (0x20 vs 0xA0) and zero bytes all occur.
        b[i] = (byte) new int[] {0x20, 0xA0, 0x00, 0x0A, 0x21, 0x1F, 'a', 0xFF}[r.nextInt(8)];
      }
      int from = r.nextInt(b.length);
      int to = from + r.nextInt(b.length - from + 1);
      for (byte t : new byte[] {' ', '\n', 0, (byte) 0xFF}) {
        int c = n;
        assertEquals(
            naiveIndexOf(b, from, to, t),
            ByteScan.indexOf(b, from, to, t),
            () -> "seed " + seed + " case " + c);
        assertEquals(
            naiveLastIndexOf(b, from, to, t),
            ByteScan.lastIndexOf(b, from, to, t),
            () -> "seed " + seed + " case " + c);
      }
    }
  }

  @Test
  void rangeEqualsAndPrefix_agreeWithByteComparisons() {
    SplittableRandom r = new SplittableRandom(7);
    for (int n = 0; n < 5_000; n++) {
      byte[] a = new byte[40];
      byte[] b = new byte[40];
      for (int i = 0; i < 40; i++) {
        a[i] = b[i] = (byte) r.nextInt(4);
      }
      int len = r.nextInt(0, 30);
      if (r.nextBoolean() && len > 0) {
        b[5 + r.nextInt(len)] ^= 1;
      }
      boolean naive = java.util.Arrays.equals(a, 5, 5 + len, b, 5, 5 + len);
      assertEquals(naive, ByteScan.rangeEquals(a, 5, b, 5, len));
      int plen = Math.min(len, 8);
      assertEquals(
          ByteScan.prefix(java.util.Arrays.copyOfRange(a, 5, 5 + plen), 0, plen),
          ByteScan.prefix(a, 5, plen));
    }
  }

  @Test
  void hash_tellsApartEveryClientAddressOfAWideNetwork() {
    // Client and peer samples keep a value by its 64-bit hash alone: 10.0.171.145 and
    // 10.0.179.148 once hashed alike (differences in a word's top byte reached only a few bits),
    // and a destination listed a client that never asked for it.
    long seed = 0x1234_5678_9ABCL;
    java.util.Map<Long, String> seen = new java.util.HashMap<>();
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 256; b++) {
        for (int c = 0; c < 256; c++) {
          String ip = "10." + a + "." + b + "." + c;
          byte[] bytes = ip.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
          String before = seen.put(ByteScan.hash(bytes, 0, bytes.length, seed), ip);
          if (before != null) {
            throw new AssertionError(before + " and " + ip + " hash alike");
          }
        }
      }
    }
  }
}
