package io.squidlens.aggregate;

import static io.squidlens.aggregate.TrafficStats.MAX_CLIENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.base.LineRefs;
import io.squidlens.parse.LogFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class AccumulatorTest {
  private static long identity(long key) {
    return key;
  }

  private static void feed(Accumulator a, String line, long ref) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    LogFormat.of("squid").newParser().feed(b, 0, b.length, a, ref);
  }

  private static String line(String code, String url, String client, String hier) {
    return "1763712000.000 5 " + client + " " + code + " 100 CONNECT " + url + " - " + hier + " -";
  }

  @Test
  void accept_manyPeersForOneHost_areEvidenceNotSeparateDestinations() {
    Accumulator a = new Accumulator();
    for (int i = 0; i < 50; i++) {
      feed(
          a,
          line("TCP_TUNNEL/200", "cdn.example.com:443", "10.0.0.1", "HIER_DIRECT/198.51.100." + i),
          LineRefs.of(0, i + 1));
    }
    Summary s = a.toSummary(AccumulatorTest::identity, List.of("t"));
    assertEquals(1, s.destinations().size());
    DestinationStats d = s.destinations().get(0);
    assertEquals(50, d.stats().requests());
    assertEquals(4, d.stats().peers().size());
    assertTrue(d.stats().morePeers());
  }

  @Test
  void accept_keysThatAgreeBeyondTheInlinePrefix_stayApart_inOneTableAndWhenTablesMerge() {
    // End to end, through one table and through a merge of two: names that agree for 60 bytes
    // (past the key bytes the table keeps inline), names that are prefixes of each other, ports
    // that differ and one name under another request kind each keep their own count.
    // (DestinationTableTest asks the key compare itself, which only colliding hashes reach.)
    String common = "a".repeat(60);
    List<String> urls =
        List.of(
            common + "1.example.com:443",
            common + "2.example.com:443",
            common + ".example.com:443",
            "api.example.com:443",
            "api.example.com:4443",
            "api.example.co:443",
            "http://api.example.com/x",
            common + "1.example.com:4431");
    Accumulator one = new Accumulator();
    Accumulator first = new Accumulator();
    Accumulator second = new Accumulator();
    long ref = 0;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < urls.size(); i++) {
        String u = urls.get(i);
        String l =
            u.contains("://")
                ? "1763712000.000 5 10.0.0.1 TCP_MISS/200 100 GET " + u + " - HIER_DIRECT/1.2.3.4 -"
                : line("TCP_TUNNEL/200", u, "10.0.0.1", "HIER_DIRECT/1.2.3.4");
        for (int n = 0; n <= i; n++) {
          ref++;
          feed(one, l, LineRefs.of(0, ref));
          feed(ref % 2 == 0 ? first : second, l, LineRefs.of(0, ref));
        }
      }
    }
    first.absorb(second);
    for (Accumulator a : List.of(one, first)) {
      List<Long> counts = new ArrayList<>();
      for (DestinationStats d :
          a.toSummary(AccumulatorTest::identity, List.of("t")).destinations()) {
        counts.add(d.stats().requests());
      }
      counts.sort(null);
      assertEquals(List.of(3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L), counts);
    }
  }

  @Test
  void accept_parentProxyAddress_isNotRecordedAsPeer() {
    Accumulator a = new Accumulator();
    feed(
        a,
        line("TCP_TUNNEL/200", "x.example.com:443", "10.0.0.1", "FIRSTUP_PARENT/10.9.9.9"),
        LineRefs.of(0, 1));
    feed(
        a,
        line("TCP_TUNNEL/200", "x.example.com:443", "10.0.0.1", "TIMEOUT_HIER_DIRECT/198.51.100.1"),
        LineRefs.of(0, 2));
    assertEquals(
        List.of("198.51.100.1"),
        a.toSummary(AccumulatorTest::identity, List.of("t")).destinations().get(0).stats().peers());
  }

  @Test
  void accept_denialsAndChallenges_countedApart() {
    Accumulator a = new Accumulator();
    feed(
        a, line("TCP_DENIED/403", "172.20.0.1:2040", "10.0.0.1", "HIER_NONE/-"), LineRefs.of(0, 1));
    feed(
        a, line("TCP_DENIED/407", "172.20.0.1:2040", "10.0.0.1", "HIER_NONE/-"), LineRefs.of(0, 2));
    feed(
        a,
        line("TCP_TUNNEL/200", "172.20.0.1:2040", "10.0.0.2", "HIER_DIRECT/172.20.0.1"),
        LineRefs.of(0, 3));
    DestinationStats d = a.toSummary(AccumulatorTest::identity, List.of("t")).destinations().get(0);
    assertEquals(2, d.stats().requests());
    assertEquals(1, d.stats().deniedRequests());
    assertEquals(1, d.stats().authChallenges());
    assertEquals(List.of("10.0.0.1", "10.0.0.2"), d.stats().clients());
    assertEquals(
        List.of(LineRefs.of(0, 1), LineRefs.of(0, 2), LineRefs.of(0, 3)), d.stats().examples());
  }

  @Test
  void absorb_equalsOneAccumulatorFedEverything() {
    long seed = 31337;
    SplittableRandom r = new SplittableRandom(seed);
    Accumulator whole = new Accumulator();
    Accumulator left = new Accumulator();
    Accumulator right = new Accumulator();
    String[] codes = {
      "TCP_TUNNEL/200", "TCP_DENIED/403", "TCP_DENIED/407", "NONE_NONE/000", "TCP_MISS/200"
    };
    for (int i = 1; i <= 5000; i++) {
      String l =
          r.nextInt(50) == 0
              ? "junk " + i
              : line(
                  codes[r.nextInt(codes.length)],
                  "h"
                      + r.nextInt(300)
                      + (r.nextBoolean() ? ".EXAMPLE.com:443" : ".example.com:443"),
                  "10.0.0." + r.nextInt(20),
                  r.nextBoolean() ? "HIER_NONE/-" : "HIER_DIRECT/198.51.100." + r.nextInt(6));
      long ref = LineRefs.of(0, i);
      feed(whole, l, ref);
      feed(r.nextBoolean() ? left : right, l, ref);
    }
    left.absorb(right);
    assertEquals(
        whole.toSummary(AccumulatorTest::identity, List.of("t")),
        left.toSummary(AccumulatorTest::identity, List.of("t")),
        "seed " + seed);
  }

  @Test
  void summaryMerge_ofRandomHalves_addsUpExactlyInEitherOrder() {
    // What combining partial summaries computed apart (one per file, per node) relies on.
    long seed = 4242;
    SplittableRandom r = new SplittableRandom(seed);
    Accumulator whole = new Accumulator();
    Accumulator left = new Accumulator();
    Accumulator right = new Accumulator();
    for (int i = 1; i <= 5000; i++) {
      String l =
          r.nextInt(40) == 0
              ? "junk " + i
              : line(
                  r.nextInt(10) == 0 ? "TCP_DENIED/403" : "TCP_TUNNEL/200",
                  "h" + r.nextInt(400) + ".example.com:" + (r.nextBoolean() ? 443 : 8443),
                  "10.0." + r.nextInt(3) + "." + r.nextInt(30),
                  "HIER_DIRECT/198.51.100." + r.nextInt(9));
      long ref = LineRefs.of(0, i);
      feed(whole, l, ref);
      feed(r.nextBoolean() ? left : right, l, ref);
    }
    Summary expected = whole.toSummary(AccumulatorTest::identity, List.of("t"));
    Summary a = left.toSummary(AccumulatorTest::identity, List.of("t"));
    Summary b = right.toSummary(AccumulatorTest::identity, List.of("t"));
    Summary merged = a.merge(b);

    assertEquals(merged, b.merge(a), "seed " + seed);
    assertEquals(expected.records(), merged.records());
    assertEquals(expected.bytes(), merged.bytes());
    assertEquals(expected.firstSeen(), merged.firstSeen());
    assertEquals(expected.lastSeen(), merged.lastSeen());
    assertEquals(expected.resultCodes(), merged.resultCodes());
    assertEquals(expected.overflow(), merged.overflow());
    assertEquals(expected.malformedReasons(), merged.malformedReasons());
    assertEquals(expected.malformed(), merged.malformed());
    assertEquals(counts(expected), counts(merged), "seed " + seed);
    // Peers and clients are bounded samples: a merge keeps values each half listed, within bounds.
    for (DestinationStats m : merged.destinations()) {
      List<String> listed = new ArrayList<>();
      List<String> clients = new ArrayList<>();
      for (Summary half : List.of(a, b)) {
        for (DestinationStats h : half.destinations()) {
          if (h.sameKey(m)) {
            listed.addAll(h.stats().peers());
            clients.addAll(h.stats().clients());
          }
        }
      }
      assertTrue(
          listed.containsAll(m.stats().peers())
              && m.stats().peers().size() <= TrafficStats.MAX_PEERS);
      assertTrue(
          clients.containsAll(m.stats().clients()) && m.stats().clients().size() <= MAX_CLIENTS);
    }
  }

  /** Everything about each destination except its peer and client samples. */
  private static List<String> counts(Summary s) {
    return s.destinations().stream()
        .map(
            d ->
                String.join(
                    " ",
                    d.destination().toString(),
                    Long.toString(d.stats().requests()),
                    Long.toString(d.stats().deniedRequests()),
                    Long.toString(d.stats().bytes()),
                    Long.toString(d.stats().deniedBytes()),
                    Long.toString(d.stats().firstSeen()),
                    Long.toString(d.stats().lastSeen()),
                    d.stats().examples().toString()))
        .toList();
  }

  @Test
  void accept_pastTheCap_countsOverflowInsteadOfDropping() {
    Accumulator a = new Accumulator(3, null);
    for (int i = 0; i < 10; i++) {
      feed(
          a,
          line("TCP_DENIED/403", "h" + i + ".example.com:443", "10.0.0.1", "HIER_NONE/-"),
          LineRefs.of(0, i + 1));
    }
    Summary s = a.toSummary(AccumulatorTest::identity, List.of("t"));
    assertEquals(3, s.destinations().size());
    assertEquals(7, s.overflow().requests());
    assertEquals(7, s.overflow().deniedRequests());
  }

  @Test
  void absorb_entryBeyondTheCap_countsItsAuthenticationChallengesAsOverflow() {
    Accumulator a = new Accumulator(1, null);
    Accumulator b = new Accumulator(1, null);
    feed(a, line("TCP_TUNNEL/200", "a.example.com:443", "10.0.0.1", "HIER_DIRECT/198.51.100.1"), 1);
    feed(b, line("TCP_TUNNEL/200", "b.example.com:443", "10.0.0.1", "HIER_DIRECT/198.51.100.2"), 2);
    feed(b, line("TCP_DENIED/407", "b.example.com:443", "10.0.0.1", "HIER_NONE/-"), 3);
    a.absorb(b);
    Summary s = a.toSummary(AccumulatorTest::identity, List.of("t"));
    long attributed =
        s.destinations().stream()
                .mapToLong(d -> d.stats().requests() + d.stats().authChallenges())
                .sum()
            + s.overflow().requests();
    assertEquals(3, s.records());
    assertEquals(3, attributed, "every line is a destination's or the overflow's");
  }
}
