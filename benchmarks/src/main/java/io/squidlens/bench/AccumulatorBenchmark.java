package io.squidlens.bench;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.base.ByteScan;
import io.squidlens.parse.LogFormat;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-line cost of the hot path on one thread: parsing alone, and parsing plus aggregation into an
 * {@link Accumulator}, over a generated log small enough to stay in cache (so the numbers are CPU
 * cost, not memory bandwidth). Scores are nanoseconds per line.
 *
 * <p>HOW TO RUN: {@code java -jar benchmarks/target/benchmarks.jar AccumulatorBenchmark -f 2}. The
 * difference between the two methods is what aggregation costs per line; {@code destinations} shows
 * how it grows once the table outgrows the caches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AccumulatorBenchmark {
  /** Distinct internet destinations in the generated log. */
  @Param({"3000", "100000"})
  public int destinations;

  private byte[] log;
  private int[] lineStarts;
  private int[] lineEnds;
  private int lines;
  private LogFormat.Parser parser;
  private Accumulator accumulator;
  private int next;

  /** Generates 1 MiB of log and finds its lines once. */
  @Setup(Level.Trial)
  public void setUp() {
    log = LogGenerator.bytes(new LogGenerator.Options(1 << 20, destinations, 42, 100, false));
    lineStarts = new int[log.length / 40];
    lineEnds = new int[log.length / 40];
    int i = 0;
    while (i < log.length) {
      int nl = ByteScan.indexOf(log, i, log.length, (byte) '\n');
      int e = nl < 0 ? log.length : nl;
      lineStarts[lines] = i;
      lineEnds[lines++] = e;
      i = e + 1;
    }
    parser = LogFormat.of("squid").newParser();
  }

  /** A fresh accumulator per iteration, warmed with the whole log so lookups mostly hit. */
  @Setup(Level.Iteration)
  public void freshAccumulator() {
    accumulator = new Accumulator();
    for (int k = 0; k < lines; k++) {
      if (parser.parse(log, lineStarts[k], lineEnds[k])) {
        accumulator.accept(parser.line(), k);
      }
    }
  }

  /** Parses one line (cycling through the log). */
  @Benchmark
  public long parse() {
    int k = next++ % lines;
    return parser.parse(log, lineStarts[k], lineEnds[k]) ? parser.line().authEnd() : -1;
  }

  /** Parses one line and folds it into the accumulator. */
  @Benchmark
  public int parseAndAccumulate() {
    int k = next++ % lines;
    if (parser.parse(log, lineStarts[k], lineEnds[k])) {
      accumulator.accept(parser.line(), k);
      return parser.line().authEnd();
    }
    return -1;
  }
}
