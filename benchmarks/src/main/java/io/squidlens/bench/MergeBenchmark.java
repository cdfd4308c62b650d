package io.squidlens.bench;

import io.squidlens.Analyzer;
import io.squidlens.AnalyzerOptions;
import io.squidlens.aggregate.Summary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Merging two partial summaries, as threads, rotated files or machines combine theirs: the merge is
 * associative and commutative, so its cost bounds how well the work spreads. Two summaries of
 * different logs with overlapping destinations are merged; the score is milliseconds per merge.
 *
 * <p>HOW TO RUN: {@code java -jar benchmarks/target/benchmarks.jar MergeBenchmark -f 2}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MergeBenchmark {
  /** Distinct internet destinations in each generated log. */
  @Param({"3000", "100000"})
  public int destinations;

  private Summary a;
  private Summary b;

  /** Reads two 32 MiB logs (different seeds) into summaries once. */
  @Setup(Level.Trial)
  public void setUp() {
    a = summarise(42);
    b = summarise(43);
  }

  private Summary summarise(long seed) {
    byte[] log =
        LogGenerator.bytes(new LogGenerator.Options(32L << 20, destinations, seed, 100, false));
    try {
      Analyzer analyzer =
          new Analyzer(
              AnalyzerOptions.builder().threads(1).stdin(new ByteArrayInputStream(log)).build());
      return analyzer.read(analyzer.inputs(List.of("-")), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One merge of the two summaries. */
  @Benchmark
  public Summary merge() {
    return a.merge(b);
  }
}
