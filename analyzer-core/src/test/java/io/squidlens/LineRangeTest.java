package io.squidlens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ranges cut anywhere hand over every line exactly once, in order, whole. */
final class LineRangeTest {
  private static byte[] read(byte[] content, long start, long end, int bufferSize)
      throws IOException {
    int at = (int) (start == 0 ? 0 : start - 1);
    ByteArrayInputStream in = new ByteArrayInputStream(content, at, content.length - at);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LineRange r = new LineRange(in, start, end)) {
      byte[] b = new byte[bufferSize];
      int n;
      while ((n = r.read(b, 0, b.length)) >= 0) {
        out.write(b, 0, n);
      }
    }
    return out.toByteArray();
  }

  @Test
  void rangesCutAtEveryOffset_concatenateToTheContent() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      byte[] content = new byte[random.nextInt(200)];
      for (int i = 0; i < content.length; i++) {
        content[i] = random.nextInt(6) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(3));
      }
      int cut = 1 + random.nextInt(40);
      int buffer = 1 + random.nextInt(64);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (long start = 0; start < content.length || start == 0; start += cut) {
        all.write(read(content, start, Math.min(content.length, start + cut), buffer));
        if (content.length == 0) {
          break;
        }
      }
      assertEquals(
          new String(content, java.nio.charset.StandardCharsets.ISO_8859_1),
          all.toString(java.nio.charset.StandardCharsets.ISO_8859_1),
          "cut " + cut + ", buffer " + buffer);
    }
  }

  @Test
  void aRangeInsideOneLine_handsOverNothing_andTheLineGoesToWhereItStarts() throws IOException {
    byte[] content = "aaaaaaaaaa\nbb\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(0, read(content, 3, 6, 4).length);
    assertEquals(
        "aaaaaaaaaa\n",
        new String(read(content, 0, 3, 4), java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(
        "bb\n", new String(read(content, 6, 14, 4), java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(
        "bb\n", new String(read(content, 11, 14, 4), java.nio.charset.StandardCharsets.US_ASCII));
  }
}
