package io.squidlens.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-range primitives for the hot path: delimiter search eight bytes at a time, hashing and
 * equality over ranges. Stateless.
 */
public final class ByteScan {
  /*
   * Implementation notes.
   *
   * indexOf uses the SWAR zero-byte test ("Bit Twiddling Hacks", Sean Eron Anderson, "Determine
   * if a word has a byte equal to n"): x = word ^ repeated(target); the expression
   * (x - 0x01..01) & ~x & 0x80..80 sets the high bit of every byte of x that is zero, plus
   * possibly of bytes above a true zero (borrow propagation). The lowest set bit is therefore
   * always exact, which is all indexOf needs. Words are read with a little-endian VarHandle view
   * so byte i of the word is bit group i, and numberOfTrailingZeros / 8 is the byte index.
   *
   * hash mixes eight bytes per multiply (a variant of the FxHash / wyhash folding step); it only
   * has to spread destination keys over an open-addressing table, not resist attackers: a
   * hostile log can at worst make one run slower, and tables compare full keys on every probe.
   */

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long MIX = 0x9E3779B97F4A7C15L;

  private ByteScan() {}

  /** Index of the first {@code target} byte in {@code [from, to)}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte target) {
    long pattern = (target & 0xFFL) * ONES;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the last {@code target} byte in {@code [from, to)}, or -1. */
  public static int lastIndexOf(byte[] b, int from, int to, byte target) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first occurrence of {@code needle} in {@code [from, to)}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte[] needle) {
    if (needle.length == 0) {
      return from;
    }
    byte first = needle[0];
    int last = to - needle.length;
    int i = from;
    while (i <= last) {
      int at = indexOf(b, i, last + 1, first);
      if (at < 0) {
        return -1;
      }
      if (regionEquals(b, at, needle)) {
        return at;
      }
      i = at + 1;
    }
    return -1;
  }

  /** Whether {@code b} holds {@code expected} starting at {@code at} (bounds-checked). */
  public static boolean regionEquals(byte[] b, int at, byte[] expected) {
    if (at < 0 || at + expected.length > b.length) {
      return false;
    }
    for (int k = 0; k < expected.length; k++) {
      if (b[at + k] != expected[k]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code [start, end)} of {@code b} equals {@code expected}. */
  public static boolean equals(byte[] b, int start, int end, byte[] expected) {
    return end - start == expected.length && regionEquals(b, start, expected);
  }

  /** Reads eight bytes at {@code at} as a little-endian long; the caller checks bounds. */
  public static long readLong(byte[] b, int at) {
    return (long) LONGS.get(b, at);
  }

  /** A 64-bit hash of {@code [from, to)}, continuing from {@code seed}. */
  public static long hash(byte[] b, int from, int to, long seed) {
    long h = seed ^ ((to - from) * MIX);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * MIX, 29);
    }
    if (i < to) {
      long tail = 0;
      for (int k = to - 1; k >= i; k--) {
        tail = (tail << 8) | (b[k] & 0xFFL);
      }
      h = Long.rotateLeft((h ^ tail) * MIX, 29);
    }
    return finish(h);
  }

  /** Final avalanche so low bits depend on every input bit (tables index by low bits). */
  public static long finish(long h) {
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    h ^= h >>> 32;
    return h;
  }
}
