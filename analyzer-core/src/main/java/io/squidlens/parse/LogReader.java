package io.squidlens.parse;

import io.squidlens.base.ByteScan;
import io.squidlens.base.Checks;
import io.squidlens.base.InputException;
import io.squidlens.base.LineRefs;
import io.squidlens.parse.ReadResult.SourceStats;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Reads inputs and feeds every line to {@link LineView.Consumer}s: regular files in newline-aligned
 * chunks on several threads, streams (standard input, gzip) sequentially on a reader thread that
 * hands blocks to the same workers. Immutable and thread-safe; each call to {@link #read} is
 * independent. Used by the analyzer.
 */
public final class LogReader {
  /*
   * Implementation notes.
   *
   * Files are cut at fixed offsets into chunks of at most 8 MiB. A chunk owns the lines that
   * *start* inside it: a worker begins reading one byte early and skips to the first newline
   * (unless the chunk starts the file), and reads past its end to finish its last line. There is
   * no pre-pass and no coordination between chunks; LineIndex turns chunk-local line numbers into
   * exact ones afterwards. Reads are positional (FileChannel.read(buffer, position)) into a
   * per-worker 1 MiB heap array: no mmap, so a file truncated under us fails cleanly (the mmap
   * SIGBUS hazard), and the same parsing loop serves streams.
   *
   * Streams cannot be split by offset, so one reader thread per stream fills 4 MiB blocks,
   * cuts each after its last newline (carrying the tail to the next block) and queues them; the
   * workers parse blocks in parallel. Each stream has a small fixed pool of blocks, so memory is
   * bounded however fast it produces. A line longer than a block is reported (its first bytes
   * as the excerpt) and skipped to the next newline without being buffered.
   *
   * The format is detected per input from its first 64 KiB before any chunk is queued.
   */

  static final int FILE_BUFFER = 1 << 20;
  static final int MAX_CHUNK = 8 << 20;
  static final int MIN_CHUNK = 1 << 20;
  static final int STREAM_BLOCK = 4 << 20;
  private static final int TAIL_READ = 16 * 1024;

  private final LogFormat format;
  private final int threads;
  private final LongAdder progress;
  private final InputStream stdin;
  private final int maxChunk;
  private final long since;
  private final long until;

  /**
   * Creates a reader of the process's standard input and files.
   *
   * @param format the format, or {@code auto}
   * @param threads worker threads (at least 1)
   * @param progress receives the number of input bytes consumed as reading proceeds (compressed
   *     bytes for gzip), or null
   */
  public LogReader(LogFormat format, int threads, LongAdder progress) {
    this(format, threads, progress, null, MAX_CHUNK);
  }

  /**
   * Creates a reader whose {@code -} input is {@code stdin}.
   *
   * @param stdin what {@code -} reads, or null for the process's standard input
   */
  public LogReader(LogFormat format, int threads, LongAdder progress, InputStream stdin) {
    this(format, threads, progress, stdin, MAX_CHUNK);
  }

  /** Creates a reader with a chunk size cap (tests use tiny chunks to stress boundaries). */
  LogReader(LogFormat format, int threads, LongAdder progress, InputStream stdin, int maxChunk) {
    this(format, threads, progress, stdin, maxChunk, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private LogReader(
      LogFormat format,
      int threads,
      LongAdder progress,
      InputStream stdin,
      int maxChunk,
      long since,
      long until) {
    this.format = Objects.requireNonNull(format, "format");
    Checks.requireArgument(threads >= 1 && threads <= 1024, "threads %d out of range", threads);
    Checks.requireArgument(
        maxChunk >= 2 && maxChunk <= MAX_CHUNK, "chunk %d out of range", maxChunk);
    this.threads = threads;
    this.progress = progress == null ? new LongAdder() : progress;
    this.stdin = stdin;
    this.maxChunk = maxChunk;
    Checks.requireArgument(since < until, "empty window [%d, %d)", since, until);
    this.since = since;
    this.until = until;
  }

  /**
   * This reader handing over only the records logged in {@code [since, until)} (epoch ms); the
   * others are parsed and counted per input as outside the window ({@link
   * ReadResult.SourceStats#outsideWindowLines()}), never dropped silently.
   */
  public LogReader withWindow(long since, long until) {
    return new LogReader(format, threads, progress, stdin, maxChunk, since, until);
  }

  /**
   * Reads all inputs in parallel; each worker thread gets a consumer from {@code consumers}. Line
   * keys are raw; resolve them with the returned {@link ReadResult#index()}.
   *
   * @throws InputException naming an input that failed to read
   */
  public ReadResult read(List<InputSource> sources, IntFunction<LineView.Consumer> consumers)
      throws IOException {
    return new Run(sources, threads, false).run(consumers);
  }

  /**
   * Reads one input from {@code content} in order, one worker, with keys that already are {@link
   * LineRefs}: a piece of an input read apart from the rest (a cluster task's share). Its format is
   * detected from {@code sample}, the input's first bytes, when the piece does not start the input,
   * so that every piece is parsed as the whole input would be.
   *
   * @param source the input, with no path: {@code content} is what it holds from where the piece
   *     starts ({@link InputSource#skip()} bytes of it are skipped first)
   * @param sample the input's first bytes (up to 64 KiB), or null to detect from the piece itself
   * @param sampleComplete whether {@code sample} is the whole input
   * @throws InputException naming the input when it failed to read
   */
  public ReadResult readPiece(
      InputSource source,
      InputStream content,
      byte[] sample,
      boolean sampleComplete,
      LineView.Consumer consumer)
      throws IOException {
    Checks.requireArgument(
        source.path() == null, "%s: a piece is read from a stream", source.name());
    LogReader piece = new LogReader(format, 1, progress, content, maxChunk, since, until);
    Run run = piece.new Run(List.of(source), 1, true);
    run.sample = sample;
    run.sampleComplete = sampleComplete;
    return run.run(w -> consumer);
  }

  /**
   * Reads all inputs in order on the calling thread's behalf (one worker), giving the consumer
   * lines in input order with keys that already are {@link LineRefs}.
   *
   * @throws InputException naming an input that failed to read
   */
  public ReadResult readInOrder(List<InputSource> sources, LineView.Consumer consumer)
      throws IOException {
    return new Run(sources, 1, true).run(worker -> consumer);
  }

  /**
   * A reader of one input whose bytes arrive in pieces (follow mode): a pipe fed with {@link
   * Live#feed}, or a file followed like {@code tail -F} with {@link Live#tail}. Line keys are
   * {@link LineRefs} of source 0, numbered from 1.
   *
   * @param lock held while lines are handed to {@code consumer}, so other threads may read what it
   *     holds under the same lock
   */
  public Live live(LineView.Consumer consumer, Object lock) {
    return new Live(new LineAssembler(format, 0, new LineHandler(consumer, since, until)), lock);
  }

  /**
   * One input read as its bytes arrive: complete lines are handed over at once, a partial last line
   * is held until its newline comes. Thread-safe: every method holds the lock it was made with.
   * Used by follow mode.
   */
  public static final class Live {
    private final LineAssembler lines;
    private final Object lock;
    private long bytes;

    private Live(LineAssembler lines, Object lock) {
      this.lines = lines;
      this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Handles every line completed by {@code b[off, off + len)}; holds the rest. */
    public void feed(byte[] b, int off, int len) {
      synchronized (lock) {
        bytes += len;
        lines.feed(b, off, len);
      }
    }

    /** Handles a held partial line as a line of its own (the input ended). */
    public void endOfInput() {
      synchronized (lock) {
        lines.endOfInput();
      }
    }

    /**
     * Follows {@code path} as {@code tail -F} does, feeding this reader: through rotation by rename
     * and copy-truncate, without losing or repeating a line.
     *
     * @param fromStart read what the file holds now first; otherwise start at its end
     * @param notices told what happened to the file (rotated, truncated, waiting for it)
     * @param clock times how long a file renamed away is watched for late writes
     */
    public Tail tail(Path path, boolean fromStart, Consumer<String> notices, Clock clock) {
      return new Tail(new FileTail(path, fromStart, this::feed, notices::accept, clock));
    }

    /**
     * What has been read so far, as the statistics of an input named {@code name}.
     *
     * @param formatName the format's name to show before the first line chose one
     */
    public SourceStats stats(String name, String formatName) {
      synchronized (lock) {
        return new SourceStats(
            name,
            bytes,
            InputSource.Compression.NONE,
            lines.formatName() == null ? formatName : lines.formatName(),
            lines.formatNote() == null ? "no lines yet" : lines.formatNote(),
            lines.lines(),
            lines.parsedLines(),
            lines.malformedLines(),
            lines.outsideWindowLines());
      }
    }

    /** Non-empty lines read so far. */
    public long lines() {
      synchronized (lock) {
        return lines.lines();
      }
    }
  }

  /** A followed file. Not thread-safe: poll and close it from one thread. */
  public static final class Tail implements Closeable {
    private final FileTail tail;

    private Tail(FileTail tail) {
      this.tail = tail;
    }

    /**
     * Reads what is new; never blocks.
     *
     * @return the bytes read (0 when nothing was new)
     * @throws IOException when the file cannot be read
     */
    public long poll() throws IOException {
      return tail.poll();
    }

    /** How often the file was rotated by rename or copy-truncate since following began. */
    public long rotations() {
      return tail.rotations();
    }

    /** Hands over what a file renamed away still held, then closes every file. */
    @Override
    public void close() throws IOException {
      tail.close();
    }
  }

  private static InputException inputError(InputSource source, IOException e) {
    if (e instanceof InputException ie) {
      return ie;
    }
    String what = source.compression() == InputSource.Compression.GZIP ? "gzip input" : "read";
    return new InputException(
        source.name(), source.name() + ": " + what + " failed: " + InputException.reason(e), e);
  }

  /** Units of work handed to workers. */
  private abstract static class Chunk {
    final int source;
    final int index;
    final LineParser parser;

    Chunk(int source, int index, LineParser parser) {
      this.source = source;
      this.index = index;
      this.parser = parser;
    }
  }

  private static final class FileChunk extends Chunk {
    final FileChannel channel;
    final long start;
    final long end;

    FileChunk(int source, int index, LineParser parser, FileChannel channel, long start, long end) {
      super(source, index, parser);
      this.channel = channel;
      this.start = start;
      this.end = end;
    }
  }

  private static final class BlockChunk extends Chunk {
    final byte[] block;
    final int from;
    final int to;
    final BlockingQueue<byte[]> pool;
    final boolean oversized;

    BlockChunk(
        int source,
        int index,
        LineParser parser,
        byte[] block,
        int from,
        int to,
        BlockingQueue<byte[]> pool,
        boolean oversized) {
      super(source, index, parser);
      this.block = block;
      this.from = from;
      this.to = to;
      this.pool = pool;
      this.oversized = oversized;
    }
  }

  /** One read of a set of inputs. */
  private final class Run {
    private final List<InputSource> sources;
    private final int workers;
    private final boolean inOrder;
    private final LineIndex index;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<FileChannel> channels = new ArrayList<>();
    private final String[] formats;
    private final String[] notes;
    private final long[] streamBytes;
    private final long[] consumed;
    private final boolean[] gzipStreams;
    private final Chunk poison = new Chunk(-1, -1, null) {};
    private final long[] numbered;

    /** The first bytes of the (only) input to detect its format from, or null: its own. */
    byte[] sample;

    boolean sampleComplete;

    Run(List<InputSource> sources, int workers, boolean inOrder) {
      Checks.requireArgument(
          sources.size() < (1 << 16), "%d inputs; at most 65535 are supported", sources.size());
      this.sources = List.copyOf(sources);
      this.workers = workers;
      this.inOrder = inOrder;
      this.index = inOrder ? LineIndex.identity() : new LineIndex();
      this.formats = new String[sources.size()];
      this.notes = new String[sources.size()];
      this.streamBytes = new long[sources.size()];
      this.consumed = new long[sources.size()];
      for (int s = 0; s < sources.size(); s++) {
        index.base(s, sources.get(s).firstLine());
      }
      this.gzipStreams = new boolean[sources.size()];
      this.numbered = new long[sources.size()];
    }

    ReadResult run(IntFunction<LineView.Consumer> consumers) throws IOException {
      List<Integer> streams = new ArrayList<>();
      try {
        if (!inOrder) {
          for (int s = 0; s < sources.size(); s++) {
            InputSource source = sources.get(s);
            if (source.seekable()) {
              queueFile(s, source);
            } else {
              streams.add(s);
            }
          }
        }
        List<Worker> ws = new ArrayList<>();
        List<Thread> threadsList = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
          Worker worker = new Worker(new LineHandler(consumers.apply(w), since, until));
          ws.add(worker);
          Thread t = new Thread(worker, "squidlens-parse-" + w);
          t.setDaemon(true);
          threadsList.add(t);
          t.start();
        }
        if (inOrder) {
          // One worker takes chunks in queue order, so queueing the inputs one after the other
          // (a stream's blocks as it is read) hands over every line in input order.
          readInOrder();
        } else {
          readStreams(streams);
        }
        for (int w = 0; w < workers; w++) {
          queue.add(poison);
        }
        for (Thread t : threadsList) {
          joinUninterruptibly(t);
        }
        rethrow();
        if (!inOrder) {
          index.seal();
        }
        List<SourceStats> stats = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
          long lines = 0;
          long parsed = 0;
          long malformed = 0;
          long outside = 0;
          for (Worker w : ws) {
            lines += w.handler.lines(s);
            parsed += w.handler.parsed(s);
            malformed += w.handler.malformed(s);
            outside += w.handler.outside(s);
          }
          InputSource src = sources.get(s);
          numbered[s] = inOrder ? ws.get(0).linesSoFar[s] - src.firstLine() : index.total(s);
          long bytes = src.size() >= 0 ? src.size() : streamBytes[s];
          stats.add(
              new SourceStats(
                  src.name(),
                  bytes,
                  gzipStreams[s] ? InputSource.Compression.GZIP : src.compression(),
                  formats[s] == null ? format.name() : formats[s],
                  notes[s] == null ? "" : notes[s],
                  lines,
                  parsed,
                  malformed,
                  outside));
        }
        return new ReadResult(stats, index, consumed, numbered);
      } finally {
        for (FileChannel ch : channels) {
          try {
            ch.close();
          } catch (IOException e) {
            // Closing a read-only channel cannot lose data; the read result stands.
          }
        }
      }
    }

    private void rethrow() throws IOException {
      Throwable t = failure.get();
      if (t == null) {
        return;
      }
      if (t instanceof IOException io) {
        throw io;
      }
      if (t instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (t instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (t instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(t);
    }

    private void fail(Throwable t) {
      failure.compareAndSet(null, t);
    }

    private void queueFile(int s, InputSource source) throws InputException {
      FileChannel ch;
      try {
        ch = FileChannel.open(source.path(), StandardOpenOption.READ);
      } catch (IOException e) {
        throw new InputException(source.name(), source.name() + ": cannot open: " + e, e);
      }
      channels.add(ch);
      long size = source.size();
      byte[] sample = new byte[(int) Math.min(size, FormatDetector.SAMPLE_BYTES)];
      int n;
      try {
        n = readFully(ch, sample, 0, sample.length, 0);
      } catch (IOException e) {
        throw inputError(source, e);
      }
      FormatDetector.Detection d =
          FormatDetector.detect(format, sample, 0, Math.max(n, 0), n >= size);
      formats[s] = d.parser().formatName();
      notes[s] = d.note();
      long from = Math.min(source.skip(), size);
      long end;
      try {
        end = source.completeLinesOnly() ? lastLineEnd(ch, from, size) : size;
      } catch (IOException e) {
        throw inputError(source, e);
      }
      consumed[s] = end;
      long chunk = inOrder ? maxChunk : chunkSize(end - from);
      int i = 0;
      for (long start = from; start < end; start += chunk) {
        Checks.requireState(i < LineIndex.MAX_CHUNKS, "%s: too large", source.name());
        queue.add(new FileChunk(s, i++, d.parser(), ch, start, Math.min(end, start + chunk)));
      }
      if (i == 0) {
        index.record(s, 0, 0);
      }
    }

    /** Where the last complete line in {@code [from, size)} ends: just after its newline. */
    private long lastLineEnd(FileChannel ch, long from, long size) throws IOException {
      byte[] b = new byte[TAIL_READ];
      long end = size;
      while (end > from) {
        long start = Math.max(from, end - b.length);
        int n = (int) (end - start);
        readFully(ch, b, 0, n, start);
        int nl = ByteScan.lastIndexOf(b, 0, n, (byte) '\n');
        if (nl >= 0) {
          return start + nl + 1;
        }
        end = start;
      }
      return from;
    }

    private long chunkSize(long size) {
      long perWorker = size / ((long) workers * 8);
      return Math.min(maxChunk, Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, perWorker)));
    }

    /** Queues every input in order on this thread; a stream is read as the worker takes it. */
    private void readInOrder() {
      for (int s = 0; s < sources.size() && failure.get() == null; s++) {
        InputSource source = sources.get(s);
        try {
          if (source.seekable()) {
            queueFile(s, source);
          } else {
            readStream(s, source);
          }
        } catch (IOException e) {
          fail(inputError(source, e));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    /** Reads streams on up to {@code workers} reader threads; returns when all are done. */
    private void readStreams(List<Integer> streams) {
      if (streams.isEmpty()) {
        return;
      }
      AtomicInteger next = new AtomicInteger();
      int readers = inOrder ? 1 : Math.min(workers, streams.size());
      List<Thread> ts = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        Thread t =
            new Thread(
                () -> {
                  int k;
                  while (failure.get() == null && (k = next.getAndIncrement()) < streams.size()) {
                    int s = streams.get(k);
                    try {
                      readStream(s, sources.get(s));
                    } catch (IOException e) {
                      fail(inputError(sources.get(s), e));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    } catch (RuntimeException | Error e) {
                      fail(e);
                    }
                  }
                },
                "squidlens-read-" + r);
        t.setDaemon(true);
        ts.add(t);
        t.start();
      }
      for (Thread t : ts) {
        joinUninterruptibly(t);
      }
    }

    private void readStream(int s, InputSource source) throws IOException, InterruptedException {
      Streams.Opened opened = Streams.open(source, progress, stdin);
      gzipStreams[s] = opened.gzip();
      try (InputStream raw = opened.stream()) {
        long skipped = skip(raw, source.skip());
        BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(workers + 2);
        for (int k = 0; k < workers + 2; k++) {
          pool.add(new byte[STREAM_BLOCK]);
        }
        byte[] cur = pool.take();
        int len = 0;
        int chunk = 0;
        boolean skipping = false;
        boolean detected = false;
        LineParser parser = null;
        long total = 0;
        while (true) {
          if (failure.get() != null) {
            return;
          }
          int n = raw.readNBytes(cur, len, cur.length - len);
          total += n;
          boolean eof = len + n < cur.length;
          int limit = len + n;
          int start = 0;
          if (!detected) {
            FormatDetector.Detection d =
                sample != null
                    ? FormatDetector.detect(format, sample, 0, sample.length, sampleComplete)
                    : FormatDetector.detect(
                        format, cur, 0, Math.min(limit, FormatDetector.SAMPLE_BYTES), eof);
            parser = d.parser();
            formats[s] = parser.formatName();
            notes[s] = d.note();
            detected = true;
          }
          if (skipping) {
            int nl = ByteScan.indexOf(cur, 0, limit, (byte) '\n');
            if (nl < 0) {
              len = 0;
              if (eof) {
                break;
              }
              continue;
            }
            start = nl + 1;
            skipping = false;
          }
          int lastNl = ByteScan.lastIndexOf(cur, start, limit, (byte) '\n');
          if (lastNl < 0) {
            if (eof) {
              if (limit > start) {
                queue.add(new BlockChunk(s, chunk++, parser, cur, start, limit, pool, false));
              } else {
                pool.add(cur);
              }
              break;
            }
            if (start > 0) {
              System.arraycopy(cur, start, cur, 0, limit - start);
              len = limit - start;
              continue;
            }
            byte[] head = java.util.Arrays.copyOf(cur, Excerpts.MAX_BYTES);
            queue.add(new BlockChunk(s, chunk++, parser, head, 0, head.length, null, true));
            skipping = true;
            len = 0;
            continue;
          }
          byte[] nextBlock = pool.take();
          int carry = limit - (lastNl + 1);
          System.arraycopy(cur, lastNl + 1, nextBlock, 0, carry);
          queue.add(new BlockChunk(s, chunk++, parser, cur, start, lastNl + 1, pool, false));
          Checks.requireState(chunk < LineIndex.MAX_CHUNKS, "%s: too large", source.name());
          cur = nextBlock;
          len = carry;
          if (eof) {
            if (carry > 0) {
              queue.add(new BlockChunk(s, chunk++, parser, cur, 0, carry, pool, false));
            }
            break;
          }
        }
        if (chunk == 0) {
          index.record(s, 0, 0);
        }
        streamBytes[s] = source.size() >= 0 ? source.size() : total;
        consumed[s] = skipped + total;
      }
    }

    /** Reads and drops up to {@code n} bytes already counted; returns how many there were. */
    private long skip(InputStream in, long n) throws IOException {
      byte[] b = new byte[64 * 1024];
      long left = n;
      while (left > 0) {
        int r = in.read(b, 0, (int) Math.min(b.length, left));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - left;
    }

    /** A worker: takes chunks until the poison pill, parsing each into its own consumer. */
    private final class Worker implements Runnable {
      final LineHandler handler;
      final byte[] buf = new byte[FILE_BUFFER];
      final long[] linesSoFar;

      Worker(LineHandler handler) {
        this.handler = handler;
        this.linesSoFar = new long[sources.size()];
        for (int s = 0; s < sources.size(); s++) {
          linesSoFar[s] = sources.get(s).firstLine();
        }
      }

      @Override
      public void run() {
        try {
          while (true) {
            Chunk c = queue.take();
            if (c == poison) {
              return;
            }
            if (failure.get() != null) {
              release(c);
              continue;
            }
            try {
              if (c instanceof FileChunk fc) {
                file(fc);
              } else {
                block((BlockChunk) c);
              }
            } finally {
              release(c);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (IOException e) {
          fail(inputError(sources.get(currentSource), e));
          drain();
        } catch (RuntimeException | Error e) {
          fail(e);
          drain();
        }
      }

      private int currentSource;

      /** After a failure, keeps returning blocks so stream readers never wait forever. */
      private void drain() {
        try {
          while (true) {
            Chunk c = queue.take();
            if (c == poison) {
              return;
            }
            release(c);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      private void release(Chunk c) {
        if (c instanceof BlockChunk b) {
          if (b.pool != null) {
            b.pool.add(b.block);
          }
        }
      }

      private long firstKey(int source, int chunk) {
        return inOrder
            ? LineRefs.of(source, linesSoFar[source] + 1)
            : LineIndex.key(source, chunk, 0);
      }

      private void done(int source, int chunk, int lines) {
        if (inOrder) {
          linesSoFar[source] += lines;
        } else {
          index.record(source, chunk, lines);
        }
      }

      private void block(BlockChunk c) {
        currentSource = c.source;
        long key = firstKey(c.source, c.index);
        if (c.oversized) {
          handler.tooLong(c.source, c.block, c.from, c.to, key);
          done(c.source, c.index, 1);
          return;
        }
        done(
            c.source, c.index, handler.handleRange(c.parser, c.source, c.block, c.from, c.to, key));
      }

      private void file(FileChunk c) throws IOException {
        currentSource = c.source;
        byte[] b = buf;
        long key = firstKey(c.source, c.index);
        long pos = c.start == 0 ? 0 : c.start - 1;
        long bufPos = pos;
        boolean skipToNewline = c.start != 0;
        boolean oversized = false;
        int len = 0;
        int lines = 0;
        while (true) {
          long wanted = pos < c.end ? c.end - pos : TAIL_READ;
          int want = (int) Math.min(b.length - len, Math.max(wanted, 1));
          int n = readFully(c.channel, b, len, want, pos);
          boolean eof = n < want;
          pos += n;
          progress.add(n);
          int limit = len + n;
          int i = 0;
          if (skipToNewline || oversized) {
            int nl = ByteScan.indexOf(b, 0, limit, (byte) '\n');
            if (nl < 0) {
              len = 0;
              bufPos = pos;
              if (eof) {
                break;
              }
              continue;
            }
            i = nl + 1;
            skipToNewline = false;
            oversized = false;
          }
          long stop = c.end - bufPos;
          boolean reachedEnd = false;
          while (i < limit) {
            if (i >= stop) {
              reachedEnd = true;
              break;
            }
            int nl = ByteScan.indexOf(b, i, limit, (byte) '\n');
            if (nl < 0) {
              break;
            }
            handler.handle(c.parser, c.source, b, i, nl, key + lines);
            lines++;
            i = nl + 1;
          }
          if (reachedEnd || i >= stop) {
            break;
          }
          if (eof) {
            if (i < limit) {
              handler.handle(c.parser, c.source, b, i, limit, key + lines);
              lines++;
            }
            break;
          }
          int carry = limit - i;
          if (carry > LineHandler.MAX_LINE) {
            handler.tooLong(c.source, b, i, limit, key + lines);
            lines++;
            oversized = true;
            len = 0;
            bufPos = pos;
            continue;
          }
          System.arraycopy(b, i, b, 0, carry);
          bufPos += i;
          len = carry;
        }
        done(c.source, c.index, lines);
      }
    }
  }

  /** Reads up to {@code len} bytes at {@code pos}; fewer only at end of file. */
  static int readFully(FileChannel ch, byte[] b, int off, int len, long pos) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(b, off, len);
    int total = 0;
    while (bb.hasRemaining()) {
      int n = ch.read(bb, pos + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
