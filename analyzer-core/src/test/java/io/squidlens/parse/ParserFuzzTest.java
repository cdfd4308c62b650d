package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.squidlens.TestLogs;
import io.squidlens.aggregate.Accumulator;
import io.squidlens.aggregate.Summary;
import io.squidlens.parse.ReadResult.SourceStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random tests: whatever the bytes, parsers return a record or a problem and never throw,
 * and the reader counts every non-empty line exactly once. The seed is in every failure message.
 */
final class ParserFuzzTest {
  @TempDir Path dir;

  private static List<byte[]> seedLines() {
    List<byte[]> lines = new ArrayList<>();
    for (String resource :
        List.of(
            "sample-logs/every-oddity/access.log",
            "sample-logs/roks-vpc-before-noproxy/access.log")) {
      for (String l : TestLogs.text(resource).split("\n", -1)) {
        lines.add(l.getBytes(StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  private static byte[] mutate(SplittableRandom r, byte[] line, List<byte[]> all) {
    byte[] b = line.clone();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int kind = r.nextInt(7);
      int at = b.length == 0 ? 0 : r.nextInt(b.length);
      switch (kind) {
        case 0 -> {
          if (b.length > 0) {
            b[at] = (byte) r.nextInt(256);
          }
        }
        case 1 -> b = java.util.Arrays.copyOf(b, at);
        case 2 -> {
          byte[] other = all.get(r.nextInt(all.size()));
          byte[] glued = new byte[at + other.length];
          System.arraycopy(b, 0, glued, 0, at);
          System.arraycopy(other, 0, glued, at, other.length);
          b = glued;
        }
        case 3 -> {
          if (b.length > 0) {
            b[at] = (byte) " /:[]\"-.{}\\".charAt(r.nextInt(11));
          }
        }
        case 4 -> {
          byte[] ins = new byte[1 + r.nextInt(8)];
          for (int i = 0; i < ins.length; i++) {
            ins[i] = (byte) (r.nextBoolean() ? ' ' : r.nextInt(256));
          }
          byte[] out = new byte[b.length + ins.length];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(ins, 0, out, at, ins.length);
          System.arraycopy(b, at, out, at + ins.length, b.length - at);
          b = out;
        }
        case 5 -> {
          if (b.length > 1) {
            int len = 1 + r.nextInt(b.length - at);
            byte[] out = new byte[b.length - len];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(b, at + len, out, at, b.length - at - len);
            b = out;
          }
        }
        default -> {
          for (int i = 0; i < b.length; i++) {
            if (b[i] == ' ' && r.nextInt(4) == 0) {
              b[i] = 0;
            }
          }
        }
      }
    }
    return b;
  }

  @Test
  void parse_mutatedLinesAndRandomBytes_neverThrow() {
    long seed = 0x5EED_2025L;
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> all = seedLines();
    List<LineParser> parsers = new ArrayList<>(LogFormat.builtIns());
    parsers.add(
        LogFormat.of(
                "%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt \"%{User-Agent}>h\"")
            .parser());
    LineFields f = new LineFields();
    for (int i = 0; i < 200_000; i++) {
      byte[] b;
      if (i % 10 == 0) {
        b = new byte[r.nextInt(300)];
        for (int k = 0; k < b.length; k++) {
          b[k] = (byte) r.nextInt(256);
        }
      } else {
        b = mutate(r, all.get(r.nextInt(all.size())), all);
      }
      for (LineParser p : parsers) {
        try {
          boolean ok = p.parse(b, 0, b.length, f);
          if (!ok && f.problem() == null) {
            throw new AssertionError("failed without a problem");
          }
          if (ok) {
            LogRecord.from(f, "fuzz", 1);
          }
        } catch (RuntimeException | AssertionError e) {
          throw new AssertionError(
              "seed "
                  + seed
                  + ", case "
                  + i
                  + ", parser "
                  + p.formatName()
                  + ", line "
                  + Excerpts.of(b, 0, b.length),
              e);
        }
      }
    }
  }

  @Test
  void read_mutatedFile_countsEveryLineOnce() throws IOException {
    long seed = 77;
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> all = seedLines();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    long nonEmpty = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b =
          r.nextInt(3) == 0
              ? mutate(r, all.get(r.nextInt(all.size())), all)
              : all.get(r.nextInt(all.size()));
      out.write(b, 0, b.length);
      out.write('\n');
      String s = new String(b, StandardCharsets.ISO_8859_1);
      for (String part : s.split("\n", -1)) {
        if (!part.isEmpty() && !part.equals("\r")) {
          nonEmpty++;
        }
      }
    }
    Path f = Files.write(dir.resolve("fuzz.log"), out.toByteArray());
    for (int threads : new int[] {1, 3}) {
      java.util.Set<Long> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
      java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
      List<Accumulator> parts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      ReadResult result =
          new LogReader(LogFormat.auto(), threads, null, null, 4096)
              .read(
                  InputSources.resolve(List.of(f.toString())),
                  w -> {
                    Accumulator a = new Accumulator(50, null);
                    parts.add(a);
                    return new LineView.Consumer() {
                      @Override
                      public void accept(LineView fields, long key) {
                        LogRecord.from(fields, "f", 1);
                        keys.add(key);
                        calls.incrementAndGet();
                        a.accept(fields, key);
                      }

                      @Override
                      public void malformed(LineView fields, long key) {
                        Excerpts.of(fields.buf(), fields.lineStart(), fields.lineEnd());
                        keys.add(key);
                        calls.incrementAndGet();
                        a.malformed(fields, key);
                      }
                    };
                  });
      SourceStats s = result.sources().get(0);
      // Every physical line is seen (glued records share their line's key), and every record or
      // malformed piece of one is counted once.
      assertEquals(nonEmpty, keys.size(), "seed " + seed + ", threads " + threads);
      assertEquals(calls.get(), s.lines(), "seed " + seed + ", threads " + threads);
      assertEquals(s.lines(), s.parsedLines() + s.malformedLines(), "seed " + seed);
      Accumulator merged = parts.get(0);
      for (int i = 1; i < parts.size(); i++) {
        merged.absorb(parts.get(i));
      }
      Summary summary =
          merged.toSummary(result::resolve, List.of(f.toString())).withSources(result.sources());
      long malformed =
          summary.malformedReasons().values().stream().mapToLong(Long::longValue).sum();
      assertEquals(s.malformedLines(), malformed, "seed " + seed + ", threads " + threads);
      assertEquals(s.parsedLines(), summary.records(), "seed " + seed + ", threads " + threads);
      long attributed =
          summary.destinations().stream()
                  .mapToLong(d -> d.stats().requests() + d.stats().authChallenges())
                  .sum()
              + summary.overflow().requests()
              + summary.noDestination().values().stream().mapToLong(Long::longValue).sum()
              + summary.peerQueries();
      assertEquals(summary.records(), attributed, "every record lands somewhere, seed " + seed);
    }
  }
}
