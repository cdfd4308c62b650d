package io.squidlens.parse;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/** Opens inputs as byte streams: gzip detected by magic bytes, progress counted on raw bytes. */
final class Streams {
  private static final int GZIP_BUFFER = 1 << 16;

  private Streams() {}

  /** An opened input and whether it turned out to be gzip. */
  record Opened(InputStream stream, boolean gzip) {}

  /**
   * Opens a non-seekable input (standard input, gzip file, FIFO); an input without a path (standard
   * input, or one read elsewhere) reads {@code stdin}.
   */
  static Opened open(InputSource source, LongAdder progress, InputStream stdin) throws IOException {
    InputStream raw;
    if (source.path() == null) {
      InputStream in = stdin != null ? stdin : new FileInputStream(FileDescriptor.in);
      raw =
          new FilterInputStream(in) {
            @Override
            public void close() {
              // Standard input belongs to the process (or the caller); leave it open.
            }
          };
    } else if (Files.isRegularFile(source.path())) {
      raw = Files.newInputStream(source.path());
    } else {
      // A pipe or device: FileInputStream reads it as a stream (a channel would try to seek).
      raw = new FileInputStream(source.path().toFile());
    }
    InputStream counted = new Counting(raw, progress);
    if (source.path() == null
        && !source.isStdin()
        && source.compression() == InputSource.Compression.NONE) {
      // A piece of a plain input read elsewhere: a line that starts with the gzip magic is a line.
      return new Opened(counted, false);
    }
    BufferedInputStream peek = new BufferedInputStream(counted, GZIP_BUFFER);
    peek.mark(2);
    int b0 = peek.read();
    int b1 = peek.read();
    peek.reset();
    if (b0 == 0x1F && b1 == 0x8B) {
      return new Opened(new GZIPInputStream(peek, GZIP_BUFFER), true);
    }
    return new Opened(peek, false);
  }

  /** Counts the bytes that pass through. */
  private static final class Counting extends FilterInputStream {
    private final LongAdder count;

    Counting(InputStream in, LongAdder count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.increment();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count.add(n);
      }
      return n;
    }
  }
}
