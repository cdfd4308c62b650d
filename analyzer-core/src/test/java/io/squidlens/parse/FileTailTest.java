package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileTailTest {
  private static final long SEED = 20261121L;

  @TempDir Path dir;

  /** A clock the test moves: rotated files' grace periods expire when the test says so. */
  private static final class TestClock extends Clock {
    final AtomicLong millis = new AtomicLong();

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  /** Counts each record by its URL; malformed lines by their text. */
  private static final class Counts implements LineView.Consumer {
    final Map<String, Integer> seen = new ConcurrentHashMap<>();
    final List<String> malformed = new ArrayList<>();

    @Override
    public void accept(LineView f, long key) {
      seen.merge(f.text(f.urlStart(), f.urlEnd()), 1, Integer::sum);
    }

    @Override
    public void malformed(LineView f, long key) {
      malformed.add(f.text(f.lineStart(), f.lineEnd()));
    }
  }

  private static String line(int id) {
    return String.format(
        Locale.ROOT,
        "1763712000.%03d      5 10.0.0.1 TCP_TUNNEL/200 100 CONNECT host-%d.example:443 -"
            + " HIER_DIRECT/198.51.100.1 -\n",
        id % 1000,
        id);
  }

  /**
   * Writes {@code total} lines through rotations of both kinds, the way Squid and logrotate do:
   * rename then keep writing to the old file until it reopens; copy then truncate. Some lines are
   * written in two pieces with a pause between them.
   */
  private final class Writer implements Runnable {
    final Path log;
    final int total;
    final Random random = new Random(SEED);
    volatile boolean done;
    final List<String> rotations = new ArrayList<>();

    Writer(Path log, int total) {
      this.log = log;
      this.total = total;
    }

    @Override
    public void run() {
      try {
        OutputStream out = new FileOutputStream(log.toFile(), /* append= */ true);
        int rotation = 0;
        for (int id = 0; id < total; id++) {
          byte[] b = line(id).getBytes(StandardCharsets.UTF_8);
          if (random.nextInt(50) == 0) {
            int cut = 1 + random.nextInt(b.length - 1);
            out.write(b, 0, cut);
            out.flush();
            Thread.sleep(2);
            out.write(b, cut, b.length - cut);
          } else {
            out.write(b);
          }
          if (id > 0 && id % 1500 == 0) {
            rotation++;
            if (rotation % 2 == 1) {
              // Rename, then the writer appends a few more lines to the old file before reopening.
              Files.move(log, dir.resolve("access.log." + rotation));
              for (int k = 0; k < 3 && id + 1 < total; k++) {
                out.write(line(++id).getBytes(StandardCharsets.UTF_8));
              }
              out.close();
              out = new FileOutputStream(log.toFile(), /* append= */ true);
              rotations.add("rename");
            } else {
              Files.copy(
                  log, dir.resolve("access.log.c" + rotation), StandardCopyOption.REPLACE_EXISTING);
              try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
              }
              rotations.add("copytruncate");
            }
          }
          if (random.nextInt(200) == 0) {
            Thread.sleep(1);
          }
        }
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        done = true;
      }
    }
  }

  @Test
  void poll_throughRotationsByRenameAndCopyTruncate_countsEveryLineExactlyOnce() throws Exception {
    Path log = dir.resolve("access.log");
    Files.createFile(log);
    int total = 12_000;
    Counts counts = new Counts();
    LineAssembler lines = new LineAssembler(LogFormat.of("squid"), 0, counts);
    List<String> notices = new ArrayList<>();
    TestClock clock = new TestClock();
    FileTail tail = new FileTail(log, /* fromStart= */ true, lines, notices::add, clock);
    Writer writer = new Writer(log, total);
    Thread t = new Thread(writer, "appender");
    t.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    int idlePolls = 0;
    while ((!writer.done || counts.seen.size() < total) && idlePolls < 2000) {
      long n = tail.poll();
      clock.millis.addAndGet(1);
      Thread.sleep(1);
      assertTrue(System.nanoTime() < deadline, "timed out with " + counts.seen.size() + " lines");
      if (writer.done) {
        // Let rotated-away files' grace periods run out; give up when nothing more comes.
        clock.millis.addAndGet(FileTail.GRACE_MILLIS);
        idlePolls = n == 0 ? idlePolls + 1 : 0;
      }
    }
    t.join();
    tail.poll();
    tail.close();
    assertEquals(List.of(), counts.malformed);
    Map<Integer, String> wrong = new TreeMap<>();
    for (int id = 0; id < total; id++) {
      Integer n = counts.seen.get("host-" + id + ".example:443");
      if (n == null || n != 1) {
        wrong.put(id, String.valueOf(n));
      }
    }
    assertEquals(Map.of(), wrong, "lines seen other than once");
    assertEquals(total, counts.seen.size());
    assertTrue(writer.rotations.size() >= 6, writer.rotations::toString);
    assertTrue(notices.stream().anyMatch(n -> n.contains("was rotated")), notices::toString);
    assertTrue(notices.stream().anyMatch(n -> n.contains("truncated")), notices::toString);
  }

  @Test
  void poll_truncatedAndRegrownPastTheReadPosition_isDetectedByContent() throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, line(1) + line(2));
    Counts counts = new Counts();
    LineAssembler lines = new LineAssembler(LogFormat.of("squid"), 0, counts);
    List<String> notices = new ArrayList<>();
    FileTail tail =
        new FileTail(log, /* fromStart= */ true, lines, notices::add, Clock.systemUTC());
    tail.poll();
    Files.writeString(log, line(3), StandardOpenOption.APPEND);
    // copy-truncate, then the writer writes more than was there before the next poll
    Files.copy(log, dir.resolve("access.log.1"));
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    Files.writeString(log, line(40) + line(50) + line(60), StandardOpenOption.APPEND);
    tail.poll();
    tail.close();
    Map<String, Integer> expected = new TreeMap<>();
    for (int id : new int[] {1, 2, 3, 40, 50, 60}) {
      expected.put("host-" + id + ".example:443", 1);
    }
    assertEquals(expected, new TreeMap<>(counts.seen));
    assertEquals(List.of(), counts.malformed);
    assertTrue(notices.get(0).contains("read the rest from access.log.1"), notices::toString);
  }

  @Test
  void poll_startingAtTheEnd_skipsWhatIsThereAndAFragmentOfTheLineBeingWritten() throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, line(1) + line(2) + line(3).substring(0, 20));
    Counts counts = new Counts();
    LineAssembler lines = new LineAssembler(LogFormat.of("squid"), 0, counts);
    FileTail tail = new FileTail(log, /* fromStart= */ false, lines, m -> {}, Clock.systemUTC());
    tail.poll();
    Files.writeString(log, line(3).substring(20) + line(4), StandardOpenOption.APPEND);
    tail.poll();
    tail.close();
    assertEquals(Map.of("host-4.example:443", 1), Map.copyOf(counts.seen));
    assertEquals(List.of(), counts.malformed);
  }

  @Test
  void poll_fileNotThereYet_waitsAndThenReadsItFromTheStart() throws Exception {
    Path log = dir.resolve("later.log");
    Counts counts = new Counts();
    List<String> notices = new ArrayList<>();
    LineAssembler lines = new LineAssembler(LogFormat.of("squid"), 0, counts);
    FileTail tail =
        new FileTail(log, /* fromStart= */ false, lines, notices::add, Clock.systemUTC());
    assertEquals(0, tail.poll());
    assertEquals(List.of("waiting for " + log + " to appear"), notices);
    Files.writeString(log, line(7));
    tail.poll();
    tail.close();
    assertEquals(Map.of("host-7.example:443", 1), Map.copyOf(counts.seen));
  }

  @Test
  void close_handsOverAnUnfinishedLastLine() throws Exception {
    Path log = dir.resolve("access.log");
    String l = line(9);
    Files.writeString(log, l.substring(0, l.length() - 1));
    Counts counts = new Counts();
    LineAssembler lines = new LineAssembler(LogFormat.of("squid"), 0, counts);
    FileTail tail = new FileTail(log, /* fromStart= */ true, lines, m -> {}, Clock.systemUTC());
    tail.poll();
    assertEquals(Map.of(), Map.copyOf(counts.seen));
    tail.close();
    assertEquals(Map.of("host-9.example:443", 1), Map.copyOf(counts.seen));
  }
}
