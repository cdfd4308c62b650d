package io.squidlens.parse;

import io.squidlens.base.ByteScan;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Follows a log file by name, as {@code tail -F} does, without losing or repeating a line: it keeps
 * reading as the file grows, survives rotation by rename (Squid's {@code -k rotate}, logrotate's
 * {@code create}) and by copy-truncate, and hands over whole lines only. Call {@link #poll} in a
 * loop; it never blocks. Not thread-safe.
 */
final class FileTail implements Closeable {
  /*
   * Implementation notes.
   *
   * Identity, not name: the file is tracked by its file key (device and inode) and its size. A
   * different key at the path means the old file was renamed away and a new one created. The old
   * file's channel stays open and is read to its end, then watched for a grace period, because a
   * writer keeps appending to it until it reopens the log (Squid does so when signalled, after
   * the rename). Only then is its unfinished last line, if any, handed over on its own.
   *
   * Truncation (copy-truncate) shows as a size below the read position, or, when the writer has
   * already written past that position again, as different bytes just before it: the last bytes
   * read are kept and compared before each read. Lines written after the last read and before the
   * truncation are in the copy, so the directory is searched for a file whose bytes just before
   * the read position match (access.log.1, access.log-20251121, ...) and the rest of it is read
   * first.
   *
   * Partial lines are held per file, so bytes of an old and a new file never join into one line.
   */

  /** How long a file renamed away is watched for late writes. */
  static final long GRACE_MILLIS = 2000;

  private static final int BLOCK = 64 * 1024;
  private static final int TAIL_BYTES = 64;

  /** Receives what happened to the followed file, for the user. */
  interface Notices {
    /** Called with a short sentence: rotated, truncated, waiting for the file. */
    void notice(String message);
  }

  private final Path path;
  private final LineSink lines;
  private final Notices notices;
  private final Clock clock;
  private final byte[] block = new byte[BLOCK];
  private final List<Tracked> retired = new ArrayList<>();
  private Tracked current;
  private boolean first = true;
  private final boolean fromStart;
  private boolean waitingSaid;
  private long rotations;

  /**
   * Follows {@code path}.
   *
   * @param fromStart read what the file holds now first; otherwise start at its end
   * @param lines receives the bytes of whole lines
   * @param clock times the grace period of rotated-away files
   */
  FileTail(Path path, boolean fromStart, LineSink lines, Notices notices, Clock clock) {
    this.path = Objects.requireNonNull(path, "path");
    this.fromStart = fromStart;
    this.lines = Objects.requireNonNull(lines, "lines");
    this.notices = Objects.requireNonNull(notices, "notices");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One file being read: its channel, identity, position and unfinished line. */
  private static final class Tracked {
    final FileChannel channel;
    final Object key;
    long pos;
    byte[] partial = new byte[256];
    int partialLength;
    boolean skipToNewline;
    // An over-long line is the assembler's to report; its bytes go there up to the newline.
    boolean longLine;
    final byte[] tail = new byte[TAIL_BYTES];
    int tailLength;
    long lastGrowth;

    Tracked(FileChannel channel, Object key) {
      this.channel = channel;
      this.key = key;
    }
  }

  /**
   * Reads whatever is new and hands complete lines over.
   *
   * @return bytes read (0 when nothing was new)
   * @throws IOException when the file exists but cannot be read
   */
  long poll() throws IOException {
    long now = clock.millis();
    long total = 0;
    for (Iterator<Tracked> it = retired.iterator(); it.hasNext(); ) {
      Tracked t = it.next();
      long n = drain(t);
      total += n;
      if (n > 0) {
        t.lastGrowth = now;
      } else if (now - t.lastGrowth >= GRACE_MILLIS) {
        finish(t);
        it.remove();
      }
    }
    BasicFileAttributes attrs = attributes();
    if (current == null) {
      if (attrs == null) {
        if (!waitingSaid) {
          notices.notice("waiting for " + path + " to appear");
          waitingSaid = true;
        }
        // A file that appears later is new: all of it is read.
        first = false;
        return total;
      }
      open(attrs, first && !fromStart);
      first = false;
    } else if (attrs != null && !Objects.equals(attrs.fileKey(), current.key)) {
      total += drain(current);
      current.lastGrowth = now;
      retired.add(current);
      rotations++;
      notices.notice(
          path
              + " was rotated (a new file took its name): reading the rest of the old one,"
              + " then the new one from its start");
      open(attrs, false);
    } else if (attrs == null) {
      // Renamed away, not yet replaced: the writer may still append to the old file.
      if (!waitingSaid) {
        notices.notice(path + " was renamed away; reading the old file until a new one appears");
        waitingSaid = true;
      }
      return total + drain(current);
    }
    waitingSaid = false;
    if (truncated(current)) {
      String from = recoverFromCopy(current);
      finishPartial(current);
      rotations++;
      notices.notice(
          path
              + " was truncated (copy-truncate): "
              + (from == null ? "" : "read the rest from " + from + ", then ")
              + "reading it from its start");
      current.pos = 0;
      current.tailLength = 0;
    }
    return total + drain(current);
  }

  /** How often the file was rotated by rename or copy-truncate since following began. */
  long rotations() {
    return rotations;
  }

  private BasicFileAttributes attributes() throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void open(BasicFileAttributes attrs, boolean atEnd) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return;
    }
    Object key = attrs.fileKey();
    current = new Tracked(ch, key == null ? path.toAbsolutePath() : key);
    if (atEnd) {
      long size = ch.size();
      current.pos = size;
      if (size > 0) {
        // Starting mid-line would hand over a fragment: skip to the next line instead.
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        current.skipToNewline = one.get(0) != '\n';
        remember(current, size);
      }
    }
  }

  /** Whether the file was truncated since the last read (smaller, or other bytes before pos). */
  private boolean truncated(Tracked t) throws IOException {
    long size = t.channel.size();
    if (size < t.pos) {
      return true;
    }
    if (t.tailLength == 0 || size == t.pos) {
      return false;
    }
    return !bytesMatch(t.channel, t.pos, t.tail, t.tailLength);
  }

  private static boolean bytesMatch(FileChannel ch, long pos, byte[] expected, int n)
      throws IOException {
    if (pos < n) {
      return false;
    }
    ByteBuffer bb = ByteBuffer.allocate(n);
    while (bb.hasRemaining()) {
      if (ch.read(bb, pos - n + bb.position()) < 0) {
        return false;
      }
    }
    return Arrays.equals(bb.array(), 0, n, expected, 0, n);
  }

  /**
   * Finds the copy a copy-truncate made (a file in the same directory, named like the log, whose
   * bytes before the read position are the last bytes read) and reads its rest. Returns its name,
   * or null when there is none.
   */
  private String recoverFromCopy(Tracked t) throws IOException {
    if (t.tailLength == 0) {
      return null;
    }
    Path dir = path.toAbsolutePath().getParent();
    String base = path.getFileName().toString();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, base + "?*")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.endsWith(".gz") || !Files.isRegularFile(p)) {
          continue;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
          if (ch.size() >= t.pos && bytesMatch(ch, t.pos, t.tail, t.tailLength)) {
            Tracked copy = new Tracked(ch, null);
            copy.pos = t.pos;
            copy.partial = t.partial;
            copy.partialLength = t.partialLength;
            copy.skipToNewline = t.skipToNewline;
            drain(copy);
            t.partial = copy.partial;
            t.partialLength = copy.partialLength;
            t.skipToNewline = copy.skipToNewline;
            return name;
          }
        }
      }
    }
    return null;
  }

  /** Reads {@code t} to its current end, handing over whole lines. */
  private long drain(Tracked t) throws IOException {
    long total = 0;
    while (true) {
      ByteBuffer bb = ByteBuffer.wrap(block);
      int n = t.channel.read(bb, t.pos);
      if (n <= 0) {
        return total;
      }
      t.pos += n;
      total += n;
      remember(t, block, n);
      hand(t, block, n);
    }
  }

  /** Hands the whole lines of {@code b[0, n)} over, keeping an unfinished one in {@code t}. */
  private void hand(Tracked t, byte[] b, int n) {
    int i = 0;
    if (t.longLine) {
      int nl = ByteScan.indexOf(b, 0, n, (byte) '\n');
      lines.feed(b, 0, nl < 0 ? n : nl + 1);
      if (nl < 0) {
        return;
      }
      t.longLine = false;
      i = nl + 1;
    }
    if (t.skipToNewline) {
      int nl = ByteScan.indexOf(b, 0, n, (byte) '\n');
      if (nl < 0) {
        return;
      }
      t.skipToNewline = false;
      i = nl + 1;
    }
    int lastNl = ByteScan.lastIndexOf(b, i, n, (byte) '\n');
    if (lastNl < 0) {
      keep(t, b, i, n);
      return;
    }
    if (t.partialLength > 0) {
      int nl = ByteScan.indexOf(b, i, n, (byte) '\n');
      keep(t, b, i, nl + 1);
      if (t.partialLength > 0) {
        lines.feed(t.partial, 0, t.partialLength);
        t.partialLength = 0;
      }
      i = nl + 1;
    }
    if (lastNl + 1 > i) {
      lines.feed(b, i, lastNl + 1 - i);
    }
    keep(t, b, lastNl + 1, n);
  }

  private void keep(Tracked t, byte[] b, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return;
    }
    if (t.longLine) {
      lines.feed(b, from, n);
      return;
    }
    if (t.partialLength + n > LineHandler.MAX_LINE + 1) {
      lines.feed(t.partial, 0, t.partialLength);
      lines.feed(b, from, n);
      t.partialLength = 0;
      t.longLine = b[to - 1] != '\n';
      return;
    }
    if (t.partialLength + n > t.partial.length) {
      t.partial = Arrays.copyOf(t.partial, Math.max(t.partial.length * 2, t.partialLength + n));
    }
    System.arraycopy(b, from, t.partial, t.partialLength, n);
    t.partialLength += n;
  }

  private static void remember(Tracked t, byte[] b, int n) {
    if (n >= TAIL_BYTES) {
      System.arraycopy(b, n - TAIL_BYTES, t.tail, 0, TAIL_BYTES);
      t.tailLength = TAIL_BYTES;
    } else {
      int keepOld = Math.min(t.tailLength, TAIL_BYTES - n);
      System.arraycopy(t.tail, t.tailLength - keepOld, t.tail, 0, keepOld);
      System.arraycopy(b, 0, t.tail, keepOld, n);
      t.tailLength = keepOld + n;
    }
  }

  private void remember(Tracked t, long end) throws IOException {
    int n = (int) Math.min(TAIL_BYTES, end);
    ByteBuffer bb = ByteBuffer.allocate(n);
    while (bb.hasRemaining() && t.channel.read(bb, end - n + bb.position()) > 0) {
      // read until full
    }
    System.arraycopy(bb.array(), 0, t.tail, 0, bb.position());
    t.tailLength = bb.position();
  }

  /** Hands over an unfinished last line as a line of its own: its file is left behind. */
  private void finishPartial(Tracked t) {
    if (t.partialLength > 0) {
      lines.feed(t.partial, 0, t.partialLength);
      lines.feed(new byte[] {'\n'}, 0, 1);
      t.partialLength = 0;
    }
    t.skipToNewline = false;
  }

  private void finish(Tracked t) throws IOException {
    finishPartial(t);
    t.channel.close();
  }

  /** Reads what is left, hands over unfinished lines, and closes every file. */
  @Override
  public void close() throws IOException {
    for (Tracked t : retired) {
      drain(t);
      finish(t);
    }
    retired.clear();
    if (current != null) {
      drain(current);
      finish(current);
      current = null;
    }
  }
}
