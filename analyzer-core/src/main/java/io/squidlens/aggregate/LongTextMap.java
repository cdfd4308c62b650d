package io.squidlens.aggregate;

import java.util.Arrays;

/**
 * An open-addressing map from non-zero 64-bit hashes to texts, without boxing: the record of which
 * client or peer text each slot hash stands for. Capped: past its capacity it ignores new keys. Not
 * thread-safe.
 */
final class LongTextMap {
  private final int max;
  private long[] keys = new long[1024];
  private String[] values = new String[1024];
  private int size;

  LongTextMap(int max) {
    this.max = max;
  }

  /** Whether {@code key} is present. */
  boolean contains(long key) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return true;
      }
      if (k == 0) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  /** Adds {@code key} unless present or the map is full. */
  void putIfAbsent(long key, String value) {
    if (size >= max) {
      return;
    }
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return;
      }
      if (k == 0) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** The text for {@code key}, or {@code otherwise}. */
  String get(long key, String otherwise) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == 0) {
        return otherwise;
      }
      i = (i + 1) & mask;
    }
  }

  /** Adds every key of {@code other} that this map lacks. */
  void putAll(LongTextMap other) {
    for (int i = 0; i < other.keys.length; i++) {
      if (other.keys[i] != 0) {
        putIfAbsent(other.keys[i], other.values[i]);
      }
    }
  }

  private static int mix(long key) {
    return (int) (key ^ (key >>> 32));
  }

  private void grow() {
    long[] oldKeys = keys;
    String[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new String[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      long k = oldKeys[j];
      if (k != 0) {
        int i = mix(k) & mask;
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = oldValues[j];
      }
    }
    Arrays.fill(oldValues, null);
  }
}
