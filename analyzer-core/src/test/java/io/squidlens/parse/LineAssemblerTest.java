package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.squidlens.base.LineRefs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class LineAssemblerTest {
  private static final String LOG =
      """
      1763712000.000      5 10.0.0.1 TCP_TUNNEL/200 100 CONNECT a.example:443 - HIER_DIRECT/198.51.100.1 -
      junk that is not a record

      1763712001.000      5 10.0.0.1 TCP_DENIED/403 0 CONNECT 172.20.0.1:2040 - HIER_NONE/- -
      1763712002.000      5 10.0.0.1 TCP_TUNNEL/200 100 CONNECT b.example:443 - HIER_DIRECT/198.51.100.2 -""";

  /** What a consumer saw: "line: url" for records, "line: !" for malformed lines. */
  private static List<String> feedInPieces(byte[] all, Random random) {
    List<String> seen = new ArrayList<>();
    LineView.Consumer c =
        new LineView.Consumer() {
          @Override
          public void accept(LineView f, long key) {
            seen.add(LineRefs.line(key) + ": " + f.text(f.urlStart(), f.urlEnd()));
          }

          @Override
          public void malformed(LineView f, long key) {
            seen.add(LineRefs.line(key) + ": !");
          }
        };
    LineAssembler a = new LineAssembler(LogFormat.auto(), 0, c);
    int i = 0;
    while (i < all.length) {
      int n = random == null ? all.length : 1 + random.nextInt(20);
      n = Math.min(n, all.length - i);
      a.feed(all, i, n);
      i += n;
    }
    a.endOfInput();
    assertEquals(4, a.lines());
    assertEquals(3, a.parsedLines());
    assertEquals(1, a.malformedLines());
    return seen;
  }

  @Test
  void feed_anySplitOfTheBytes_givesTheSameLinesAsOneFeed() {
    byte[] all = LOG.getBytes(StandardCharsets.UTF_8);
    List<String> whole = feedInPieces(all, null);
    assertEquals(
        List.of("1: a.example:443", "2: !", "4: 172.20.0.1:2040", "5: b.example:443"), whole);
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      assertEquals(whole, feedInPieces(all, random), "round " + round);
    }
  }

  @Test
  void feed_lineLongerThanTheLimit_isOneMalformedLineAndMemoryStaysBounded() {
    List<String> seen = new ArrayList<>();
    LineAssembler a =
        new LineAssembler(
            LogFormat.of("squid"),
            0,
            new LineView.Consumer() {
              @Override
              public void accept(LineView f, long key) {
                seen.add("ok " + LineRefs.line(key));
              }

              @Override
              public void malformed(LineView f, long key) {
                seen.add(f.problem() + " " + LineRefs.line(key));
              }
            });
    byte[] chunk = new byte[1 << 20];
    java.util.Arrays.fill(chunk, (byte) 'x');
    for (int i = 0; i < 100; i++) {
      a.feed(chunk, 0, chunk.length);
    }
    byte[] tail =
        "\n1763712000.000 5 10.0.0.1 TCP_TUNNEL/200 1 CONNECT a.example:443 - HIER_NONE/- -\n"
            .getBytes(StandardCharsets.UTF_8);
    a.feed(tail, 0, tail.length);
    assertEquals(List.of("TOO_LONG 1", "ok 2"), seen);
  }
}
