package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.base.InputException;
import io.squidlens.base.LineRefs;
import io.squidlens.parse.ReadResult.SourceStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LogReaderTest {
  @TempDir Path dir;

  /** What consumers saw, keyed by raw line key; resolved once the read is done. */
  static final class Collector implements LineView.Consumer {
    final List<long[]> keys = Collections.synchronizedList(new ArrayList<>());
    final List<Object[]> raw = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(LineView f, long key) {
      raw.add(new Object[] {key, "ok " + LogRecord.from(f, "-", 1)});
    }

    @Override
    public void malformed(LineView f, long key) {
      raw.add(new Object[] {key, "bad " + f.problem()});
    }

    /** Line reference to what was seen there, for comparing reads. */
    Map<Long, String> resolve(ReadResult r) {
      TreeMap<Long, String> m = new TreeMap<>();
      for (Object[] o : raw) {
        String previous = m.put(r.resolve((Long) o[0]), (String) o[1]);
        assertEquals(null, previous, "line handed out twice");
      }
      return m;
    }
  }

  private static Map<Long, String> read(LogReader reader, List<InputSource> sources)
      throws IOException {
    Collector c = new Collector();
    ReadResult r = reader.read(sources, w -> c);
    return c.resolve(r);
  }

  private static String line(SplittableRandom r, int i) {
    return String.format(
        java.util.Locale.ROOT,
        "%d.%03d %6d 10.0.%d.%d TCP_TUNNEL/200 %d CONNECT h%d.example.com:443 - HIER_DIRECT/198.51.100.%d -",
        1763712000 + i,
        r.nextInt(1000),
        r.nextInt(100000),
        r.nextInt(4),
        r.nextInt(256),
        r.nextInt(1 << 20),
        r.nextInt(500),
        r.nextInt(256));
  }

  /** A log with records, empty lines, CRLF, junk and over-long lines at random places. */
  private static byte[] messyLog(long seed, int lines) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int kind = r.nextInt(100);
      if (kind < 2) {
        sb.append('\n');
      } else if (kind < 4) {
        sb.append("junk ").append(i).append('\n');
      } else if (kind < 5) {
        sb.append(line(r, i)).append("\r\n");
      } else if (kind == 5 && r.nextInt(20) == 0) {
        sb.append("x".repeat(LineHandler.MAX_LINE + 1 + r.nextInt(5000))).append('\n');
      } else {
        sb.append(line(r, i)).append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void read_tinyChunksOnFourThreads_equalsSequentialRead() throws IOException {
    for (long seed : new long[] {1, 2, 3}) {
      byte[] data = messyLog(seed, 3000);
      Path f = Files.write(dir.resolve("log-" + seed), data);
      List<InputSource> sources = InputSources.resolve(List.of(f.toString()));
      Map<Long, String> sequential = new TreeMap<>();
      Collector c = new Collector();
      ReadResult seq = new LogReader(LogFormat.auto(), 1, null).readInOrder(sources, c);
      sequential.putAll(c.resolve(seq));
      for (int chunk : new int[] {2, 97, 4096, 65536}) {
        LogReader chunked = new LogReader(LogFormat.auto(), 4, null, null, chunk);
        assertEquals(sequential, read(chunked, sources), "seed " + seed + ", chunk " + chunk);
      }
    }
  }

  @Test
  void read_everyNonEmptyLine_countedOnceAsParsedOrMalformed() throws IOException {
    byte[] data = messyLog(7, 2000);
    Path f = Files.write(dir.resolve("messy.log"), data);
    long nonEmpty = 0;
    for (String l : new String(data, StandardCharsets.UTF_8).split("\n", -1)) {
      if (!l.isEmpty() && !l.equals("\r")) {
        nonEmpty++;
      }
    }
    Collector c = new Collector();
    ReadResult r =
        new LogReader(LogFormat.auto(), 3, null, null, 1000)
            .read(InputSources.resolve(List.of(f.toString())), w -> c);
    SourceStats s = r.sources().get(0);
    assertEquals(nonEmpty, s.lines());
    assertEquals(s.lines(), s.parsedLines() + s.malformedLines());
    assertEquals(nonEmpty, c.raw.size());
  }

  @Test
  void read_malformedLines_reportedWithExactLineNumbers() throws IOException {
    List<String> lines = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(11);
    List<Long> expected = new ArrayList<>();
    for (int i = 1; i <= 5000; i++) {
      if (i % 997 == 0) {
        lines.add("not a record " + i);
        expected.add((long) i);
      } else {
        lines.add(line(r, i));
      }
    }
    Path f = Files.write(dir.resolve("numbered.log"), lines);
    Map<Long, String> seen =
        read(
            new LogReader(LogFormat.auto(), 4, null, null, 3000),
            InputSources.resolve(List.of(f.toString())));
    List<Long> bad = new ArrayList<>();
    seen.forEach(
        (ref, what) -> {
          if (what.startsWith("bad")) {
            bad.add(LineRefs.line(ref));
          }
        });
    assertEquals(expected, bad);
  }

  @Test
  void read_hundredMegabyteLine_reportedAndSkippedInBoundedMemory() throws IOException {
    Path f = dir.resolve("huge.log");
    SplittableRandom r = new SplittableRandom(5);
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write((line(r, 1) + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) 'a');
      for (int i = 0; i < 100; i++) {
        out.write(block);
      }
      out.write(("\n" + line(r, 3) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    for (LogReader reader :
        List.of(
            new LogReader(LogFormat.auto(), 2, null), new LogReader(LogFormat.auto(), 1, null))) {
      Map<Long, String> seen = read(reader, InputSources.resolve(List.of(f.toString())));
      assertEquals(3, seen.size(), seen::toString);
      assertEquals("bad " + ParseProblem.Reason.TOO_LONG, seen.get(LineRefs.of(0, 2)));
      assertTrue(seen.get(LineRefs.of(0, 3)).startsWith("ok"));
    }
  }

  @Test
  void read_hundredMegabyteLineInGzip_reportedAndSkipped() throws IOException {
    Path f = dir.resolve("huge.log.gz");
    SplittableRandom r = new SplittableRandom(6);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f), 1 << 16)) {
      out.write((line(r, 1) + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) 'b');
      for (int i = 0; i < 100; i++) {
        out.write(block);
      }
      out.write(("\n" + line(r, 3)).getBytes(StandardCharsets.UTF_8));
    }
    Map<Long, String> seen =
        read(new LogReader(LogFormat.auto(), 2, null), InputSources.resolve(List.of(f.toString())));
    assertEquals(3, seen.size(), seen::toString);
    assertEquals("bad " + ParseProblem.Reason.TOO_LONG, seen.get(LineRefs.of(0, 2)));
    assertTrue(seen.get(LineRefs.of(0, 3)).startsWith("ok"), "last line without newline");
  }

  @Test
  void read_gzipAndPlain_giveTheSameRecords() throws IOException {
    byte[] data = messyLog(9, 1500);
    Path plain = Files.write(dir.resolve("p.log"), data);
    Path gz = dir.resolve("p.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(data);
    }
    LogReader reader = new LogReader(LogFormat.auto(), 2, null);
    assertEquals(
        read(reader, InputSources.resolve(List.of(plain.toString()))),
        read(reader, InputSources.resolve(List.of(gz.toString()))));
  }

  @Test
  void read_concatenatedGzipMembers_allRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SplittableRandom r = new SplittableRandom(4);
    for (int m = 0; m < 3; m++) {
      try (OutputStream out = new GZIPOutputStream(new NonClosing(bytes))) {
        out.write((line(r, m) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Path gz = Files.write(dir.resolve("members.gz"), bytes.toByteArray());
    assertEquals(
        3,
        read(new LogReader(LogFormat.auto(), 1, null), InputSources.resolve(List.of(gz.toString())))
            .size());
  }

  @Test
  void read_corruptGzip_failsNamingTheInput() throws IOException {
    Path gz = dir.resolve("broken.gz");
    Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7});
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                read(
                    new LogReader(LogFormat.auto(), 2, null),
                    InputSources.resolve(List.of(gz.toString()))));
    assertTrue(e.getMessage().startsWith(gz.toString() + ": "), e.getMessage());
  }

  @Test
  void read_stdin_readsTheInjectedStream() throws IOException {
    byte[] data = messyLog(12, 800);
    Path f = Files.write(dir.resolve("same.log"), data);
    LogReader fromStdin =
        new LogReader(LogFormat.auto(), 2, null, new ByteArrayInputStream(data), 1 << 20);
    Map<Long, String> viaStdin = read(fromStdin, List.of(InputSource.stdin()));
    Map<Long, String> viaFile =
        read(new LogReader(LogFormat.auto(), 2, null), InputSources.resolve(List.of(f.toString())));
    assertEquals(viaFile, viaStdin);
  }

  @Test
  void read_severalFiles_numberLinesPerFile() throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    Path a = Files.write(dir.resolve("access.log.1"), List.of(line(r, 1), "junk", line(r, 2)));
    Path b = Files.write(dir.resolve("access.log"), List.of("junk", line(r, 3)));
    Collector c = new Collector();
    ReadResult result =
        new LogReader(LogFormat.auto(), 2, null)
            .read(InputSources.resolve(List.of(b.toString(), a.toString())), w -> c);
    Map<Long, String> seen = c.resolve(result);
    assertEquals("access.log.1", Path.of(result.sources().get(0).name()).getFileName().toString());
    assertTrue(seen.get(LineRefs.of(0, 2)).startsWith("bad"));
    assertTrue(seen.get(LineRefs.of(1, 1)).startsWith("bad"));
    assertEquals(2, result.sources().get(0).parsedLines());
    assertEquals(1, result.sources().get(1).parsedLines());
  }

  @Test
  void read_emptyFileAndMissingFinalNewline_handled() throws IOException {
    Path empty = Files.write(dir.resolve("empty.log"), new byte[0]);
    Path noNewline =
        Files.write(
            dir.resolve("nonl.log"),
            line(new SplittableRandom(1), 1).getBytes(StandardCharsets.UTF_8));
    LogReader reader = new LogReader(LogFormat.auto(), 2, null);
    assertEquals(0, read(reader, InputSources.resolve(List.of(empty.toString()))).size());
    assertEquals(1, read(reader, InputSources.resolve(List.of(noNewline.toString()))).size());
  }

  @Test
  void read_autoFormat_chosenPerFileAndReported() throws IOException {
    Path common =
        Files.write(
            dir.resolve("common.log"),
            List.of(
                "192.0.2.14 - - [21/Nov/2025:08:00:00 +0000] \"CONNECT quay.io:443 HTTP/1.1\" 200"
                    + " 20480 TCP_TUNNEL:HIER_DIRECT"));
    Path squid = Files.write(dir.resolve("squid.log"), List.of(line(new SplittableRandom(2), 1)));
    Collector c = new Collector();
    ReadResult r =
        new LogReader(LogFormat.auto(), 1, null)
            .read(InputSources.resolve(List.of(common.toString(), squid.toString())), w -> c);
    assertEquals("common", r.sources().get(0).format());
    assertEquals("squid", r.sources().get(1).format());
    assertEquals("auto: 1 of the first 1 lines", r.sources().get(0).formatNote());
  }

  /** Lets several gzip members share one output stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  @Test
  void read_twoRecordsGluedOnALine_areBothCountedUnderItsNumber() throws IOException {
    String glued =
        "1748891223.100     12 172.20.0.2 TCP_MISS/200 512 GET http://api.example.com/v1 -"
            + " HIER_DIRECT/198.51.100.7 application/json1748891224.924  11159 172.20.0.2"
            + " TCP_MISS/403 3890 CONNECT quay.io:443 - HIER_NONE/- text/html";
    Path f =
        Files.write(dir.resolve("glued.log"), List.of(line(new SplittableRandom(5), 1), glued));
    List<String> hosts = Collections.synchronizedList(new ArrayList<>());
    List<Long> refs = Collections.synchronizedList(new ArrayList<>());
    ReadResult r =
        new LogReader(LogFormat.auto(), 1, null)
            .readInOrder(
                InputSources.resolve(List.of(f.toString())),
                new LineView.Consumer() {
                  @Override
                  public void accept(LineView fields, long key) {
                    hosts.add(LogRecord.from(fields, "-", 1).host());
                    refs.add(key);
                  }

                  @Override
                  public void malformed(LineView fields, long key) {
                    hosts.add("malformed");
                  }
                });
    assertEquals(List.of("h" + hosts.get(0).substring(1), "api.example.com", "quay.io"), hosts);
    assertEquals(List.of(LineRefs.of(0, 1), LineRefs.of(0, 2), LineRefs.of(0, 2)), refs);
    SourceStats s = r.sources().get(0);
    assertEquals(3, s.lines());
    assertEquals(3, s.parsedLines());
  }

  @Test
  void readInOrder_rotatedSetOfPlainAndGzip_isReadOldestFirst() throws IOException {
    SplittableRandom rnd = new SplittableRandom(9);
    Path current = Files.write(dir.resolve("access.log"), List.of(line(rnd, 30)));
    Path one = Files.write(dir.resolve("access.log.1"), List.of(line(rnd, 20)));
    Path two = dir.resolve("access.log.2.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(two))) {
      out.write((line(rnd, 10) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    new LogReader(LogFormat.auto(), 2, null)
        .readInOrder(
            InputSources.resolve(List.of(current.toString(), two.toString(), one.toString())),
            new LineView.Consumer() {
              @Override
              public void accept(LineView fields, long key) {
                times.add(fields.epochMillis() / 1000);
              }

              @Override
              public void malformed(LineView fields, long key) {}
            });
    assertEquals(List.of(1763712010L, 1763712020L, 1763712030L), times);
  }
}
