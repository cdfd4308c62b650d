package io.squidlens.aggregate;

import java.util.Arrays;

/**
 * Requests per destination entry and time bucket, as one accumulator counts them: what the class
 * timeline is made of once the destinations are classified. Bounded: the width is the narrowest of
 * the chain at which the span takes at most {@link TimeBuckets#MAX_BUCKETS} buckets and every entry
 * seen, in every bucket of the span, would take at most {@link TimeBuckets#MAX_CELLS} cells. That
 * width depends only on the first and last record and on how many destinations were seen, so it is
 * the same for one thread or many and in any merge order, and no count of cells ever decides it.
 * Not thread-safe.
 */
final class TimeCells {
  /*
   * Implementation notes.
   *
   * Lines of one destination arrive in time order, so each entry keeps an open run: the start of
   * its current bucket and the requests counted in it, three longs side by side. The common line
   * costs two compares and an increment on that one cache line: no division, no hash probe,
   * nothing else touched. A line outside its entry's bucket closes the run, which is appended as a
   * cell (entry, bucket) -> (carried, denied) to arrays written in order.
   *
   * Widening re-buckets the cells in place and sums each into the entry's previous cell when they
   * meet (sumRuns): sequential work, no hashing. An entry that goes back in time (across inputs
   * or chunks) may leave two cells of one key; the read-out groups cells by entry (a counting
   * sort) and sums them there, and should such cells ever pile up past twice the bound, a hash
   * table sums them exactly on the spot.
   */

  private static final long ENTRY_SHIFT = 40;
  private static final long BUCKET_BIAS = 1L << 39;
  private static final long BUCKET_MASK = (1L << ENTRY_SHIFT) - 1;
  // Run starts: never opened, and closed. Both are after any record, so a line opens a run.
  private static final long NEVER = Long.MAX_VALUE;
  private static final long CLOSED = Long.MAX_VALUE - 1;
  private static final int MIN_CAPACITY = 1024;

  private final long maxCells;

  private long width = TimeBuckets.FIRST;
  // Buckets spanned, at the current width, by cells and open runs; and entries that counted.
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private long entries;

  private int size;
  private long[] keys = new long[MIN_CAPACITY];
  private long[] carried = new long[MIN_CAPACITY];
  private long[] denied = new long[MIN_CAPACITY];

  // At 3 * entry id: the open run's bucket start (epoch ms), NEVER or CLOSED; carried; denied.
  private long[] runs = new long[3 * 256];

  // By entry id, for sumRuns: the entry's last cell so far.
  private int[] lastCell = new int[0];
  // The probe table of the last exact summing, reused.
  private int[] slots = new int[0];
  private int mask;

  TimeCells() {
    this(TimeBuckets.MAX_CELLS);
  }

  /** A table whose entries times buckets stay within {@code maxCells} (tests use a small one). */
  TimeCells(long maxCells) {
    this.maxCells = maxCells;
    Arrays.fill(runs, NEVER);
  }

  /** The bucket width, in milliseconds. */
  long width() {
    return width;
  }

  /** Counts one request of entry {@code entry} logged at {@code t}. */
  void count(int entry, long t, boolean isDenied) {
    int r = 3 * entry;
    if (r >= runs.length) {
      int old = runs.length;
      runs = Arrays.copyOf(runs, Math.max(r + 3, old * 2));
      Arrays.fill(runs, old, runs.length, NEVER);
    }
    long start = runs[r];
    if (t < start || t - start >= width) {
      open(entry, r, t);
    }
    runs[r + (isDenied ? 2 : 1)]++;
  }

  /** Closes the open run of {@code entry}, if any, and opens one at the bucket of {@code t}. */
  private void open(int entry, int r, long t) {
    long start = runs[r];
    if (start == NEVER) {
      entries++;
    } else if (start != CLOSED) {
      runs[r] = CLOSED;
      append(key(entry, TimeBuckets.bucketOf(start, width)), runs[r + 1], runs[r + 2]);
    }
    long bucket = TimeBuckets.bucketOf(t, width);
    long f = Math.min(first, bucket);
    long l = Math.max(last, bucket);
    if (!TimeBuckets.fits(f, l, entries * (l - f + 1), maxCells)) {
      widenTo(narrowest(f * width, l * width + width - 1, entries));
      bucket = TimeBuckets.bucketOf(t, width);
      f = Math.min(first, bucket);
      l = Math.max(last, bucket);
    }
    first = f;
    last = l;
    runs[r] = bucket * width;
    runs[r + 1] = 0;
    runs[r + 2] = 0;
  }

  /**
   * The narrowest width from the current one up at which {@code [from, to]} ms and n entries fit.
   */
  private long narrowest(long fromMillis, long toMillis, long n) {
    long w = width;
    while (true) {
      long fb = TimeBuckets.bucketOf(fromMillis, w);
      long lb = TimeBuckets.bucketOf(toMillis, w);
      if (TimeBuckets.fits(fb, lb, n * (lb - fb + 1), maxCells)) {
        return w;
      }
      w = TimeBuckets.next(w);
    }
  }

  private void append(long key, long c, long d) {
    if (size == keys.length) {
      sumRuns();
      if (size * 4 > keys.length * 3) {
        // Still full: cells of one key apart (an entry back in time), or simply many cells.
        if (size > 2 * maxCells) {
          dedupe();
        }
        reserve(size + size / 2);
      }
    }
    keys[size] = key;
    carried[size] = c;
    denied[size] = d;
    size++;
  }

  /** Grows the cell arrays to hold at least {@code n} cells. */
  private void reserve(int n) {
    if (n > keys.length) {
      int capacity = Math.max(MIN_CAPACITY, n);
      keys = Arrays.copyOf(keys, capacity);
      carried = Arrays.copyOf(carried, capacity);
      denied = Arrays.copyOf(denied, capacity);
    }
  }

  /** Closes every open run into the cells. */
  private void closeRuns() {
    for (int r = 0; r < runs.length; r += 3) {
      long start = runs[r];
      if (start != NEVER && start != CLOSED) {
        runs[r] = CLOSED;
        append(key(r / 3, TimeBuckets.bucketOf(start, width)), runs[r + 1], runs[r + 2]);
      }
    }
  }

  /** Re-buckets every cell and open run at the wider width {@code to}. */
  private void widenTo(long to) {
    if (to == width) {
      return;
    }
    closeRuns();
    for (int c = 0; c < size; c++) {
      keys[c] = key(entryOf(keys[c]), TimeBuckets.rebucket(bucketOf(keys[c]), width, to));
    }
    first = first == Long.MAX_VALUE ? first : TimeBuckets.rebucket(first, width, to);
    last = last == Long.MIN_VALUE ? last : TimeBuckets.rebucket(last, width, to);
    width = to;
    sumRuns();
  }

  /**
   * Sums each cell into the entry's previous cell when both have one key, in place: the duplicates
   * that time order makes (neighbouring buckets that meet when widening), with one small per-entry
   * array and no hashing.
   */
  private void sumRuns() {
    int n = runs.length / 3;
    if (lastCell.length < n) {
      lastCell = new int[n];
    }
    Arrays.fill(lastCell, -1);
    int out = 0;
    for (int c = 0; c < size; c++) {
      long k = keys[c];
      int e = entryOf(k);
      if (e >= lastCell.length) {
        int old = lastCell.length;
        lastCell = Arrays.copyOf(lastCell, Math.max(e + 1, 2 * old));
        Arrays.fill(lastCell, old, lastCell.length, -1);
      }
      int j = lastCell[e];
      if (j >= 0 && keys[j] == k) {
        carried[j] += carried[c];
        denied[j] += denied[c];
        continue;
      }
      keys[out] = k;
      carried[out] = carried[c];
      denied[out] = denied[c];
      lastCell[e] = out;
      out++;
    }
    size = out;
  }

  /** Sums every cell of one key, exactly, through a hash table (reused from call to call). */
  private void dedupe() {
    // A power of two at least 1.5 times the cells: linear probing stays short at that load.
    int tableSize = Integer.highestOneBit(Math.max(16, size + size / 2) - 1) * 2;
    if (slots.length < tableSize) {
      slots = new int[tableSize];
    } else {
      Arrays.fill(slots, 0, tableSize, 0);
    }
    mask = tableSize - 1;
    int n = 0;
    for (int c = 0; c < size; c++) {
      long k = keys[c];
      int i = slot(k);
      if (slots[i] != 0) {
        carried[slots[i] - 1] += carried[c];
        denied[slots[i] - 1] += denied[c];
      } else {
        keys[n] = k;
        carried[n] = carried[c];
        denied[n] = denied[c];
        slots[i] = ++n;
      }
    }
    size = n;
  }

  /** The probe slot of {@code key} after {@link #dedupe}: its cell's, or the empty one. */
  private int slot(long key) {
    int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 29) & mask;
    while (slots[i] != 0 && keys[slots[i] - 1] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static long key(int entry, long bucket) {
    return ((long) entry << ENTRY_SHIFT) | (bucket + BUCKET_BIAS);
  }

  private static int entryOf(long key) {
    return (int) (key >>> ENTRY_SHIFT);
  }

  private static long bucketOf(long key) {
    return (key & BUCKET_MASK) - BUCKET_BIAS;
  }

  /**
   * Adds every cell of {@code other} whose entry {@code map} takes to an entry of this table
   * ({@code map[otherEntry]}, or -1 for an entry counted as overflow), at the width the merged span
   * and destinations need.
   */
  void absorb(TimeCells other, int[] map) {
    other.closeRuns();
    long fromMillis = Math.min(spanStart(), other.spanStart());
    long toMillis = Math.max(spanEnd(), other.spanEnd());
    // The merged table's entries with a request: this table's, and the other's mapped.
    for (int e = 0; e < other.runs.length / 3; e++) {
      int mine = e < map.length ? map[e] : -1;
      if (mine < 0 || other.runs[3 * e] == NEVER) {
        continue;
      }
      int r = 3 * mine;
      if (r >= runs.length) {
        int old = runs.length;
        runs = Arrays.copyOf(runs, Math.max(r + 3, old * 2));
        Arrays.fill(runs, old, runs.length, NEVER);
      }
      if (runs[r] == NEVER) {
        runs[r] = CLOSED;
        entries++;
      }
    }
    widenTo(Math.max(width, other.width));
    if (fromMillis <= toMillis) {
      widenTo(narrowest(fromMillis, toMillis, entries));
    }
    closeRuns();
    reserve(size + other.size);
    for (int c = 0; c < other.size; c++) {
      long k = other.keys[c];
      int entry = entryOf(k);
      int mine = entry < map.length ? map[entry] : -1;
      if (mine >= 0) {
        long b = TimeBuckets.rebucket(bucketOf(k), other.width, width);
        append(key(mine, b), other.carried[c], other.denied[c]);
        first = Math.min(first, b);
        last = Math.max(last, b);
      }
    }
  }

  private long spanStart() {
    return first == Long.MAX_VALUE ? Long.MAX_VALUE : first * width;
  }

  private long spanEnd() {
    return last == Long.MIN_VALUE ? Long.MIN_VALUE : last * width + width - 1;
  }

  /**
   * The buckets of every entry, by entry id; entries without a request get {@code NONE}. Cells are
   * grouped by entry with a counting sort, then each entry's sorted by bucket and summed: no
   * hashing, and memory in proportion to the cells.
   */
  TrafficStats.Buckets[] byEntry(int entryCount) {
    closeRuns();
    if (first != Long.MAX_VALUE) {
      widenTo(narrowest(spanStart(), spanEnd(), entries));
    }
    int[] start = new int[entryCount + 1];
    for (int c = 0; c < size; c++) {
      int e = entryOf(keys[c]);
      if (e < entryCount) {
        start[e + 1]++;
      }
    }
    for (int e = 0; e < entryCount; e++) {
      start[e + 1] += start[e];
    }
    int[] order = new int[start[entryCount]];
    int[] next = Arrays.copyOf(start, entryCount);
    for (int c = 0; c < size; c++) {
      int e = entryOf(keys[c]);
      if (e < entryCount) {
        order[next[e]++] = c;
      }
    }
    TrafficStats.Buckets[] out = new TrafficStats.Buckets[entryCount];
    Arrays.fill(out, TrafficStats.Buckets.NONE);
    for (int e = 0; e < entryCount; e++) {
      int from = start[e];
      int n = start[e + 1] - from;
      if (n > 0) {
        out[e] = buckets(order, from, n);
      }
    }
    return out;
  }

  /**
   * One entry's cells, {@code order[from, from + n)}, by bucket with cells of one bucket summed.
   * Within the span every bucket is less than 2^31 past the first (at most 1,500 buckets, or one),
   * so bucket and cell index sort together as one long.
   */
  private TrafficStats.Buckets buckets(int[] order, int from, int n) {
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      int c = order[from + i];
      packed[i] = ((bucketOf(keys[c]) - first) << 32) | c;
    }
    Arrays.sort(packed);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || (packed[i] >>> 32) != (packed[i - 1] >>> 32)) {
        distinct++;
      }
    }
    long[] ix = new long[distinct];
    long[] ca = new long[distinct];
    long[] de = new long[distinct];
    int k = -1;
    for (int i = 0; i < n; i++) {
      int c = (int) packed[i];
      if (i == 0 || (packed[i] >>> 32) != (packed[i - 1] >>> 32)) {
        k++;
        ix[k] = bucketOf(keys[c]);
      }
      ca[k] += carried[c];
      de[k] += denied[c];
    }
    return new TrafficStats.Buckets(ix, ca, de);
  }
}
