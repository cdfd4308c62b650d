package io.squidlens.aggregate;

/**
 * The widths a timeline's buckets may have and the bounds that choose among them. Every width
 * divides the next, and buckets are aligned to the epoch, so coarsening merges whole buckets and
 * stays exact, and two timelines of different widths combine at the wider one. Stateless.
 */
final class TimeBuckets {
  /*
   * Implementation notes.
   *
   * A timeline starts at 1 s and moves up the chain whenever its span needs more than MAX_BUCKETS
   * buckets, or the destinations seen times the buckets of the span exceed MAX_CELLS. Both depend
   * only on the first and last record and the number of destinations, and grow with the data, so
   * the width finally chosen is the narrowest of the chain that fits all of it: the same for one
   * thread or many, in any merge order.
   */

  /** Most buckets a timeline spans. */
  static final int MAX_BUCKETS = 1500;

  /**
   * Most destinations times buckets: a bound on the destination-and-bucket counters kept (24 bytes
   * each), so a log with many destinations gets wider buckets instead of more memory.
   */
  static final int MAX_CELLS = 500_000;

  private static final long SECOND = 1000;
  private static final long DAY = 86_400 * SECOND;

  private static final long[] CHAIN = {
    SECOND,
    5 * SECOND,
    10 * SECOND,
    30 * SECOND,
    60 * SECOND,
    300 * SECOND,
    600 * SECOND,
    1800 * SECOND,
    3600 * SECOND,
    3 * 3600 * SECOND,
    6 * 3600 * SECOND,
    12 * 3600 * SECOND,
    DAY
  };

  /** The narrowest width: one second. */
  static final long FIRST = CHAIN[0];

  private TimeBuckets() {}

  /** The width after {@code width}: the next of the chain, then doubling days. */
  static long next(long width) {
    for (long w : CHAIN) {
      if (w > width) {
        return w;
      }
    }
    return width * 2;
  }

  /** The bucket holding {@code epochMillis}. */
  static long bucketOf(long epochMillis, long width) {
    return Math.floorDiv(epochMillis, width);
  }

  /** The bucket of width {@code to} that holds bucket {@code bucket} of width {@code from}. */
  static long rebucket(long bucket, long from, long to) {
    return from == to ? bucket : Math.floorDiv(bucket * from, to);
  }

  /**
   * Whether a timeline spanning {@code [first, last]} buckets with {@code cells} cells fits. One
   * bucket always fits: wider ones could not merge more cells (a destination has at least one).
   */
  static boolean fits(long first, long last, long cells) {
    return fits(first, last, cells, MAX_CELLS);
  }

  /** As {@link #fits(long, long, long)}, with at most {@code maxCells} cells. */
  static boolean fits(long first, long last, long cells, long maxCells) {
    return first >= last || (last - first < MAX_BUCKETS && cells <= maxCells);
  }
}
