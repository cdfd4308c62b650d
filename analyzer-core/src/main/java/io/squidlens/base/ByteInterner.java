package io.squidlens.base;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps byte ranges (plus a small integer tag) to dense ids, storing each distinct key once. Used by
 * the parser (result codes, hierarchy codes) and the accumulators (users, error URLs) of one
 * worker. Not thread-safe.
 */
public final class ByteInterner {
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
