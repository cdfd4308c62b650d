package io.squidlens.base;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-range primitives for the hot path: delimiter search eight bytes at a time, hashing and
 * equality over ranges. Stateless. Used by the parser and the accumulators.
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
   * lastIndexOf needs the highest match, where the borrow trick may report false positives, so
   * it uses the exact form (x & 0x7F..7F) + 0x7F..7F, then ~(t | x | 0x7F..7F): the high bit of a
   * byte is set only when that byte of x is zero.
   *
   * hash mixes eight bytes per multiply, folding the 128-bit product's halves together (wyhash's
   * step). Destination tables compare full keys on every probe, so there it only spreads keys; but
   * client and peer samples keep values by their 64-bit hash alone, so distinct short values must
   * not collide in practice. It does not resist attackers: a crafted log could at worst make two
   * clients of one destination share a sample slot.
   */

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
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
    long pattern = (target & 0xFFL) * ONES;
    int i = to;
    for (; i - 8 >= from; i -= 8) {
      long x = (long) LONGS.get(b, i - 8) ^ pattern;
      // Exact zero-byte mask (no false positives), so the highest set bit is the last match.
      long t = (x & LOWS) + LOWS;
      t = ~(t | x | LOWS);
      if (t != 0) {
        return i - 8 + ((63 - Long.numberOfLeadingZeros(t)) >>> 3);
      }
    }
    for (int k = i - 1; k >= from; k--) {
      if (b[k] == target) {
        return k;
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

  /**
   * Whether {@code a[aFrom, aFrom + len)} equals {@code b[bFrom, bFrom + len)}, eight bytes at a
   * time: cheaper than {@link java.util.Arrays#equals(byte[], int, int, byte[], int, int)} for the
   * short keys of the hot path. The caller checks bounds.
   */
  public static boolean rangeEquals(byte[] a, int aFrom, byte[] b, int bFrom, int len) {
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
        return false;
      }
    }
    for (; i < len; i++) {
      if (a[aFrom + i] != b[bFrom + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes {@code [at, at + len)} packed into a long, little-endian, zero above {@code len} (at
   * most 8); reads whole words when the array allows.
   */
  public static long prefix(byte[] b, int at, int len) {
    if (len >= 8) {
      return (long) LONGS.get(b, at);
    }
    if (at + 8 <= b.length) {
      return (long) LONGS.get(b, at) & ((1L << (len << 3)) - 1);
    }
    long v = 0;
    for (int k = len - 1; k >= 0; k--) {
      v = (v << 8) | (b[at + k] & 0xFFL);
    }
    return v;
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
      h = fold(h ^ (long) LONGS.get(b, i));
    }
    if (i < to) {
      // One masked word read instead of a byte loop: client addresses and host names almost
      // always end in a partial word, and the loop was a chain of dependent shifts.
      h = fold(h ^ prefix(b, i, to - i));
    }
    return finish(h);
  }

  /**
   * One word's mixing step: the product's low half xor its high half. The low half alone carries a
   * difference only towards the high bits, so two words that differ in their top byte left a
   * difference of a few bits that the next word could cancel: {@code 10.0.171.145} and {@code
   * 10.0.179.148} hashed alike, and a client sample keyed by hash listed one for the other. The
   * high half carries it down into every bit.
   */
  private static long fold(long x) {
    return x * MIX ^ Math.multiplyHigh(x, MIX);
  }

  /** Final avalanche so low bits depend on every input bit (tables index by low bits). */
  public static long finish(long h) {
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    h ^= h >>> 32;
    return h;
  }

  /**
   * Maps byte ranges (plus a small integer tag) to dense ids, storing each distinct key once. Used
   * by the parser (result codes, hierarchy codes) and the accumulators (users, error URLs) of one
   * worker. Not thread-safe.
   */
  public static final class ByteInterner {
    /*
     * Implementation notes: open addressing with linear probing over a power-of-two slot array;
     * slots hold id+1 and a parallel array holds the key's hash so most mismatches are rejected
     * without touching the key bytes. Keys live back to back in one growing byte array. Capacity
     * doubles at 50% load. Past maxKeys the interner refuses new keys (returns -1) so a log with
     * millions of distinct clients cannot exhaust memory; callers count what they could not keep.
     */

    private final int maxKeys;
    private int[] slots;
    private int[] slotHashes;
    private byte[] arena = new byte[1024];
    private int arenaUsed;
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private int[] tags = new int[64];
    private int size;

    /** An interner that refuses new keys past {@code maxKeys}. */
    public ByteInterner(int maxKeys) {
      this.maxKeys = maxKeys;
      this.slots = new int[64];
      this.slotHashes = new int[64];
    }

    /** Number of distinct keys. */
    public int size() {
      return size;
    }

    /** Returns the id of the key, adding it if new; -1 when new and the interner is full. */
    public int intern(byte[] b, int start, int end, int tag) {
      int hash = (int) ByteScan.hash(b, start, end, tag);
      int mask = slots.length - 1;
      int i = hash & mask;
      while (true) {
        int slot = slots[i];
        if (slot == 0) {
          break;
        }
        int id = slot - 1;
        if (slotHashes[i] == hash
            && tags[id] == tag
            && Arrays.equals(arena, offsets[id], offsets[id] + lengths[id], b, start, end)) {
          return id;
        }
        i = (i + 1) & mask;
      }
      if (size >= maxKeys) {
        return -1;
      }
      int id = add(b, start, end, tag);
      slots[i] = id + 1;
      slotHashes[i] = hash;
      if (size * 2 > slots.length) {
        rehash();
      }
      return id;
    }

    private int add(byte[] b, int start, int end, int tag) {
      int len = end - start;
      if (arenaUsed + len > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
      }
      System.arraycopy(b, start, arena, arenaUsed, len);
      if (size == offsets.length) {
        offsets = Arrays.copyOf(offsets, size * 2);
        lengths = Arrays.copyOf(lengths, size * 2);
        tags = Arrays.copyOf(tags, size * 2);
      }
      offsets[size] = arenaUsed;
      lengths[size] = len;
      tags[size] = tag;
      arenaUsed += len;
      return size++;
    }

    private void rehash() {
      int[] newSlots = new int[slots.length * 2];
      int[] newHashes = new int[slots.length * 2];
      int mask = newSlots.length - 1;
      for (int i = 0; i < slots.length; i++) {
        if (slots[i] != 0) {
          int j = slotHashes[i] & mask;
          while (newSlots[j] != 0) {
            j = (j + 1) & mask;
          }
          newSlots[j] = slots[i];
          newHashes[j] = slotHashes[i];
        }
      }
      slots = newSlots;
      slotHashes = newHashes;
    }

    /** A copy of the key's bytes. */
    public byte[] bytes(int id) {
      return Arrays.copyOfRange(arena, offsets[id], offsets[id] + lengths[id]);
    }

    /** The key's bytes decoded as UTF-8. */
    public String text(int id) {
      return new String(arena, offsets[id], lengths[id], StandardCharsets.UTF_8);
    }

    /** The key's tag. */
    public int tag(int id) {
      return tags[id];
    }
  }
}
