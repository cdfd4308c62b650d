package io.squidlens.bench;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.parse.InputSource;
import io.squidlens.parse.LogFormat;
import io.squidlens.parse.LogReader;
import io.squidlens.parse.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole per-line path of a batch run on one thread: read a generated log from a file (page
 * cache), split lines, parse, check the time window, aggregate (counters, the timeline, examples,
 * samples). One operation reads the whole file; the score is the time it takes.
 *
 * <p>HOW TO RUN: {@code java -jar benchmarks/target/benchmarks.jar ReadBenchmark -f 2}. {@code
 * window} {@code none} reads everything; {@code half} keeps the second half of the log's time span,
 * so half the records are counted as outside the window and never aggregated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadBenchmark {
  /** Size of the generated log in MiB. */
  @Param({"64"})
  public int megabytes;

  /** Distinct internet destinations in the generated log. */
  @Param({"3000"})
  public int destinations;

  /** {@code none}, or {@code half}: only the later half of the span is inside. */
  @Param({"none", "half"})
  public String window;

  private Path file;
  private LogReader reader;

  /** Writes the log to a temporary file once per trial. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    byte[] log =
        LogGenerator.bytes(
            new LogGenerator.Options((long) megabytes << 20, destinations, 42, 100, false));
    file = Files.createTempFile("squidlens-read-bench", ".log");
    Files.write(file, log);
    LogReader r = new LogReader(LogFormat.of("squid"), 1, null);
    if (window.equals("half")) {
      long first = epochMillis(log, 0);
      int lastStart = lastLineStart(log);
      long last = epochMillis(log, lastStart);
      r = r.withWindow(first + (last - first) / 2, Long.MAX_VALUE);
    }
    reader = r;
  }

  /** Deletes the log. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public long readAndAggregate() throws IOException {
    List<Accumulator> parts = new java.util.ArrayList<>();
    ReadResult r =
        reader.read(
            InputSource.resolve(List.of(file.toString())),
            worker -> {
              Accumulator a = new Accumulator();
              parts.add(a);
              return a;
            });
    return r.sources().get(0).parsedLines() + parts.size();
  }

  private static int lastLineStart(byte[] log) {
    int i = log.length - 2;
    while (i > 0 && log[i] != '\n') {
      i--;
    }
    return i + 1;
  }

  /** The native format's first field, {@code 1763712000.500}, in epoch ms. */
  private static long epochMillis(byte[] log, int start) {
    int end = start;
    while (log[end] != ' ') {
      end++;
    }
    return Math.round(
        Double.parseDouble(
                new String(log, start, end - start, java.nio.charset.StandardCharsets.US_ASCII))
            * 1000);
  }
}
