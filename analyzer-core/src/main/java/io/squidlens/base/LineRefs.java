package io.squidlens.base;

/**
 * Packs (source index, 1-based line number) into one {@code long}, so line references sort by input
 * order and cost no allocation: source in the top 16 bits, line in the low 48. Used by the readers,
 * the aggregates and the reports.
 */
public final class LineRefs {
  private static final int SOURCE_SHIFT = 48;
  private static final long LINE_MASK = (1L << SOURCE_SHIFT) - 1;

  private LineRefs() {}

  /** Packs a reference. */
  public static long of(int source, long line) {
    return ((long) source << SOURCE_SHIFT) | (line & LINE_MASK);
  }

  /** The source index. */
  public static int source(long ref) {
    return (int) (ref >>> SOURCE_SHIFT);
  }

  /** The 1-based line number. */
  public static long line(long ref) {
    return ref & LINE_MASK;
  }
}
