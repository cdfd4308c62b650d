package io.squidlens;

import io.squidlens.base.ByteScan;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a plain input that start in {@code [start, end)}, from a stream of the input
 * positioned at {@code start - 1} (at 0 when {@code start} is 0): what one piece of a split input
 * owns, the rule the local reader's chunks follow, so that pieces cut anywhere give every line
 * exactly once. Not thread-safe.
 */
final class LineRange extends InputStream {
  /*
   * Implementation notes.
   *
   * A line starts at p when p is 0 or byte p - 1 is a newline. Reading from start - 1 and
   * dropping everything up to the first newline leaves the first line that starts at or after
   * start. Bytes then pass through until byte end - 1 has passed; a line still open there started
   * inside the range, so it passes on to its newline, and the stream ends. Bytes are handed over
   * in the caller's buffer as read: nothing is copied per line.
   */

  private final InputStream in;
  private final long end;
  private long position;
  private boolean skipping;
  private boolean finishing;
  private boolean done;
  private long firstDelivered = -1;
  private long delivered;
  private final byte[] one = new byte[1];

  /**
   * @param in the input from {@code start - 1} on (from 0 when {@code start} is 0)
   */
  LineRange(InputStream in, long start, long end) {
    this.in = in;
    this.end = end;
    this.position = start == 0 ? 0 : start - 1;
    this.skipping = start > 0;
    this.done = start >= end;
  }

  /** Where the first byte handed over lies in the input, or -1 when none was. */
  long firstDelivered() {
    return firstDelivered;
  }

  /** Where reading stopped in the input: after the last byte handed over. */
  long consumedTo() {
    return firstDelivered < 0 ? -1 : firstDelivered + delivered;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!done) {
      int want = len;
      if (!skipping && !finishing) {
        want = (int) Math.min(len, end - position);
      }
      int n = in.read(b, off, want);
      if (n < 0) {
        done = true;
        return -1;
      }
      long at = position;
      position += n;
      int from = 0;
      if (skipping) {
        int nl = ByteScan.indexOf(b, off, off + n, (byte) '\n');
        if (nl < 0) {
          if (position >= end) {
            // The range holds no line start: the one it began in ends after it.
            done = true;
          }
          continue;
        }
        skipping = false;
        from = nl + 1 - off;
        if (at + from >= end) {
          done = true;
          return -1;
        }
        if (from == n) {
          continue;
        }
      }
      int to = n;
      if (finishing) {
        int nl = ByteScan.indexOf(b, off + from, off + n, (byte) '\n');
        if (nl >= 0) {
          to = nl + 1 - off;
          done = true;
        }
      } else if (position >= end) {
        // Byte end - 1 is here: a line it leaves open continues to its newline.
        int last = (int) (end - at);
        if (b[off + last - 1] == '\n') {
          to = last;
          done = true;
        } else {
          int nl = ByteScan.indexOf(b, off + last, off + n, (byte) '\n');
          if (nl >= 0) {
            to = nl + 1 - off;
            done = true;
          } else {
            finishing = true;
          }
        }
      }
      if (firstDelivered < 0) {
        firstDelivered = at + from;
      }
      int count = to - from;
      if (from > 0) {
        System.arraycopy(b, off + from, b, off, count);
      }
      delivered += count;
      return count;
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
