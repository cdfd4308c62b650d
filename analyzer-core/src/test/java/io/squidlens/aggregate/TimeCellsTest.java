package io.squidlens.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class TimeCellsTest {
  private record Req(int entry, long t, boolean denied) {}

  private static List<Req> requests(long seed, int n, int entries, long spanMillis) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Req> out = new ArrayList<>();
    long start = 1_763_712_000_000L;
    for (int i = 0; i < n; i++) {
      out.add(new Req(r.nextInt(entries), start + r.nextLong(spanMillis), r.nextInt(4) == 0));
    }
    return out;
  }

  /** entry -> bucket -> {carried, denied}, from the table's own read-out. */
  private static Map<Integer, Map<Long, List<Long>>> readOut(TimeCells cells, int entries) {
    Map<Integer, Map<Long, List<Long>>> out = new TreeMap<>();
    TrafficStats.Buckets[] by = cells.byEntry(entries);
    for (int e = 0; e < entries; e++) {
      for (int i = 0; i < by[e].size(); i++) {
        out.computeIfAbsent(e, k -> new TreeMap<>())
            .put(by[e].index(i), List.of(by[e].carried(i), by[e].denied(i)));
      }
    }
    return out;
  }

  /** The same, counted naively at width {@code w}. */
  private static Map<Integer, Map<Long, List<Long>>> naive(List<Req> reqs, long w) {
    Map<Integer, Map<Long, long[]>> m = new TreeMap<>();
    for (Req q : reqs) {
      long[] c =
          m.computeIfAbsent(q.entry(), k -> new TreeMap<>())
              .computeIfAbsent(Math.floorDiv(q.t(), w), k -> new long[2]);
      c[q.denied() ? 1 : 0]++;
    }
    Map<Integer, Map<Long, List<Long>>> out = new TreeMap<>();
    m.forEach(
        (e, b) -> {
          Map<Long, List<Long>> x = new TreeMap<>();
          b.forEach((k, v) -> x.put(k, List.of(v[0], v[1])));
          out.put(e, x);
        });
    return out;
  }

  /**
   * The narrowest width of the chain at which the span takes at most 1,500 buckets and the
   * destinations seen times the buckets at most {@code maxCells}.
   */
  private static long expectedWidth(List<Req> reqs, int maxCells) {
    long w = TimeBuckets.FIRST;
    while (true) {
      long destinations = reqs.stream().mapToInt(Req::entry).distinct().count();
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (Req q : reqs) {
        first = Math.min(first, Math.floorDiv(q.t(), w));
        last = Math.max(last, Math.floorDiv(q.t(), w));
      }
      if (TimeBuckets.fits(first, last, destinations * (last - first + 1), maxCells)) {
        return w;
      }
      w = TimeBuckets.next(w);
    }
  }

  private static TimeCells fed(List<Req> reqs, int maxCells) {
    TimeCells c = new TimeCells(maxCells);
    for (Req q : reqs) {
      c.count(q.entry(), q.t(), q.denied());
    }
    return c;
  }

  @Test
  void linesOutOfTimeOrder_sumExactlyLikeANaiveCount() {
    List<Req> reqs = requests(11, 30_000, 50, 2 * 3_600_000L);
    Collections.shuffle(reqs, new Random(3));
    TimeCells c = fed(reqs, TimeBuckets.MAX_CELLS);
    Map<Integer, Map<Long, List<Long>>> got = readOut(c, 50);
    assertEquals(expectedWidth(reqs, TimeBuckets.MAX_CELLS), c.width());
    assertEquals(naive(reqs, c.width()), got);
  }

  @Test
  void tooManyDestinationsForTheSpan_widenToTheNarrowestWidthThatFits_inAnyOrderAndSplit() {
    List<Req> reqs = requests(5, 20_000, 300, 6 * 3_600_000L);
    int maxCells = 2_000;
    long expected = expectedWidth(reqs, maxCells);

    TimeCells inOrder =
        fed(reqs.stream().sorted((a, b) -> Long.compare(a.t(), b.t())).toList(), maxCells);
    assertEquals(naive(reqs, expected), readOut(inOrder, 300));
    assertEquals(expected, inOrder.width());

    List<Req> shuffled = new ArrayList<>(reqs);
    Collections.shuffle(shuffled, new Random(9));
    TimeCells a = fed(shuffled.subList(0, 7_000), maxCells);
    TimeCells b = fed(shuffled.subList(7_000, shuffled.size()), maxCells);
    int[] identity = new int[300];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    a.absorb(b, identity);
    assertEquals(naive(reqs, expected), readOut(a, 300));
    assertEquals(expected, a.width());
  }
}
