package io.squidlens.parse;

import io.squidlens.base.LineRefs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps the raw line keys of a chunked read to exact per-source line numbers. Thread-safe while
 * recording; {@link #resolve} is valid after the read completes.
 */
final class LineIndex {
  /*
   * Implementation notes.
   *
   * Chunks of one source are parsed out of order on several threads, so a worker cannot know
   * the absolute number of the lines it sees. It numbers lines within its chunk instead and
   * records how many lines the chunk held; raw keys are source:16 | chunk:24 | line-in-chunk:24
   * (chunks are at most 8 MiB, so a chunk never holds 2^24 lines). Once every chunk has reported,
   * a prefix sum over each source's chunk counts turns a raw key into source:16 | line:48 (see
   * LineRefs). Keys stay comparable in input order throughout, which keeps "first N examples"
   * merges order-independent.
   */

  private static final int CHUNK_BITS = 24;
  private static final int LINE_BITS = 24;
  private static final long LINE_MASK = (1L << LINE_BITS) - 1;
  private static final long CHUNK_MASK = (1L << CHUNK_BITS) - 1;

  /** Largest number of lines a chunk may hold. */
  static final int MAX_LINES_PER_CHUNK = (1 << LINE_BITS) - 1;

  /** Largest chunk index per source. */
  static final int MAX_CHUNKS = (1 << CHUNK_BITS) - 1;

  private final List<int[]> counts = new ArrayList<>();
  private final List<Long> bases = new ArrayList<>();
  private final boolean identity;
  private long[][] prefix;

  LineIndex() {
    this(false);
  }

  private LineIndex(boolean identity) {
    this.identity = identity;
  }

  /** A raw key for line {@code line} (0-based) of chunk {@code chunk} of {@code source}. */
  static long key(int source, int chunk, int line) {
    return ((long) source << (CHUNK_BITS + LINE_BITS)) | ((long) chunk << LINE_BITS) | line;
  }

  /** Sets the number of lines of {@code source} counted before this read. */
  synchronized void base(int source, long lines) {
    while (bases.size() <= source) {
      bases.add(0L);
    }
    bases.set(source, lines);
  }

  synchronized void record(int source, int chunk, int lines) {
    while (counts.size() <= source) {
      counts.add(new int[16]);
    }
    int[] c = counts.get(source);
    if (chunk >= c.length) {
      c = Arrays.copyOf(c, Math.max(chunk + 1, c.length * 2));
      counts.set(source, c);
    }
    c[chunk] = lines;
  }

  synchronized void seal() {
    prefix = new long[counts.size()][];
    for (int s = 0; s < counts.size(); s++) {
      int[] c = counts.get(s);
      long[] p = new long[c.length + 1];
      for (int i = 0; i < c.length; i++) {
        p[i + 1] = p[i] + c[i];
      }
      prefix[s] = p;
    }
  }

  /** Lines recorded for {@code source}, once sealed. */
  long total(int source) {
    if (prefix == null || source >= prefix.length) {
      return 0;
    }
    long[] p = prefix[source];
    return p[p.length - 1];
  }

  /** Turns a raw key into a {@link LineRefs} reference with an exact 1-based line number. */
  long resolve(long key) {
    if (identity) {
      return key;
    }
    int source = (int) (key >>> (CHUNK_BITS + LINE_BITS));
    int chunk = (int) ((key >>> LINE_BITS) & CHUNK_MASK);
    long line = key & LINE_MASK;
    long[] p = prefix[source];
    long base = source < bases.size() ? bases.get(source) : 0;
    return LineRefs.of(source, base + p[chunk] + line + 1);
  }

  /** An index for sequential reads, whose keys already are line references. */
  static LineIndex identity() {
    return new LineIndex(true);
  }
}
