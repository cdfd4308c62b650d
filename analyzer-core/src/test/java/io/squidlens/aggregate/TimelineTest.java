package io.squidlens.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.parse.LogFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class TimelineTest {
  private static long identity(long key) {
    return key;
  }

  private static String line(long epochSeconds, String code, String host) {
    return String.format(
        Locale.ROOT,
        "%d.000 5 10.0.0.1 %s 100 CONNECT %s:443 - HIER_DIRECT/198.51.100.1 -",
        epochSeconds,
        code,
        host);
  }

  private static Summary summarise(List<String> lines, int parts) {
    List<Accumulator> accs = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      accs.add(new Accumulator());
    }
    LogFormat.Parser parser = LogFormat.of("squid").newParser();
    for (int i = 0; i < lines.size(); i++) {
      byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
      // Lines go round the accumulators as chunks go round threads.
      parser.feed(b, 0, b.length, accs.get(i % parts), i + 1);
    }
    Accumulator all = accs.get(0);
    for (int p = 1; p < parts; p++) {
      all.absorb(accs.get(p));
    }
    return all.toSummary(TimelineTest::identity, List.of("t"));
  }

  private static long total(Summary s) {
    long n = 0;
    for (DestinationStats d : s.destinations()) {
      TrafficStats.Buckets b = d.stats().buckets();
      for (int i = 0; i < b.size(); i++) {
        n += b.carried(i) + b.denied(i);
      }
    }
    return n;
  }

  @Test
  void width_isChosenFromTheSpan_andBoundsTheBucketCount() {
    long start = 1_763_712_000L;
    // Half a minute: one-second buckets.
    Summary shortSpan =
        summarise(
            List.of(
                line(start, "TCP_TUNNEL/200", "a.example"),
                line(start + 30, "TCP_TUNNEL/200", "a.example")),
            1);
    assertEquals(1000, shortSpan.bucketMillis());
    // A day: the narrowest width of the chain that spans it in at most 1,500 buckets (1 minute).
    Summary day =
        summarise(
            List.of(
                line(start, "TCP_TUNNEL/200", "a.example"),
                line(start + 86_399, "TCP_TUNNEL/200", "a.example")),
            1);
    assertEquals(60_000, day.bucketMillis());
    // A year: six hours (1,461 buckets); three years: a day.
    Summary year =
        summarise(
            List.of(
                line(start, "TCP_TUNNEL/200", "a.example"),
                line(start + 365L * 86_400, "TCP_TUNNEL/200", "a.example")),
            1);
    assertEquals(6 * 3_600_000, year.bucketMillis());
    Summary years =
        summarise(
            List.of(
                line(start, "TCP_TUNNEL/200", "a.example"),
                line(start + 3 * 365L * 86_400, "TCP_TUNNEL/200", "a.example")),
            1);
    assertEquals(86_400_000, years.bucketMillis());
  }

  @Test
  void coarsening_keepsEverySumExact_andTheWidthIsTheSameForAnyThreadCount() {
    SplittableRandom r = new SplittableRandom(7);
    List<String> lines = new ArrayList<>();
    long t = 1_763_712_000L;
    for (int i = 0; i < 20_000; i++) {
      t += r.nextInt(30);
      lines.add(
          line(
              t,
              r.nextInt(5) == 0 ? "TCP_DENIED/403" : "TCP_TUNNEL/200",
              "h" + r.nextInt(40) + ".example"));
    }
    Summary one = summarise(lines, 1);
    Summary three = summarise(lines, 3);
    assertEquals(20_000, total(one));
    assertEquals(one.bucketMillis(), three.bucketMillis());
    assertEquals(one.destinations(), three.destinations(), "buckets equal per destination");
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (DestinationStats d : one.destinations()) {
      TrafficStats.Buckets b = d.stats().buckets();
      first = Math.min(first, b.index(0));
      last = Math.max(last, b.index(b.size() - 1));
      long sum = 0;
      long denied = 0;
      for (int i = 0; i < b.size(); i++) {
        sum += b.carried(i) + b.denied(i);
        denied += b.denied(i);
      }
      assertEquals(d.stats().requests(), sum, d.destination().toString());
      assertEquals(d.stats().deniedRequests(), denied, d.destination().toString());
    }
    assertTrue(last - first < 1500, "span of " + (last - first + 1) + " buckets");
  }

  @Test
  void merge_isAssociativeAndCommutative_acrossWidths() {
    long start = 1_763_712_000L;
    Summary a =
        summarise(
            List.of(
                line(start, "TCP_TUNNEL/200", "a.example"),
                line(start + 10, "TCP_DENIED/403", "b.example")),
            1);
    Summary b = summarise(List.of(line(start + 3600, "TCP_TUNNEL/200", "a.example")), 1);
    Summary c =
        summarise(
            List.of(
                line(start + 7 * 86_400, "TCP_TUNNEL/200", "c.example"),
                line(start + 7 * 86_400 + 5, "TCP_TUNNEL/200", "a.example")),
            1);
    Summary left = a.merge(b).merge(c);
    Summary right = a.merge(b.merge(c));
    assertEquals(left, right);
    assertEquals(left, c.merge(b).merge(a));
    assertEquals(5, total(left));
    // A week needs wider buckets than any part did on its own.
    assertTrue(left.bucketMillis() > Math.max(a.bucketMillis(), c.bucketMillis()));
  }
}
