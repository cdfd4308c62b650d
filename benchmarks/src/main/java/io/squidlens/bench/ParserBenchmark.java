package io.squidlens.bench;

import io.squidlens.base.ByteScan;
import io.squidlens.parse.LineView;
import io.squidlens.parse.LogFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Single-thread parser throughput over a generated realistic log held in memory: line splitting
 * plus field parsing, nothing else. The {@code lines} and {@code bytes} counters give lines/s and
 * bytes/s.
 *
 * <p>HOW TO RUN: {@code java -jar benchmarks/target/benchmarks.jar ParserBenchmark -f 2 -wi 3 -i 5}
 * (after {@code ./mvnw -B -q package -DskipTests}). Compare the {@code bytes} rate with {@code
 * cat}'s on the same machine, not with absolute numbers from elsewhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParserBenchmark {
  /** Size of the generated log in MiB. */
  @Param({"64"})
  public int megabytes;

  /** Log format: {@code squid} (native) or {@code common}. */
  @Param({"squid"})
  public String format;

  private byte[] log;
  private LogFormat.Parser parser;

  /** Lines and bytes processed, reported by JMH as rates. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Lines parsed (or rejected). */
    public long lines;

    /** Input bytes consumed. */
    public long bytes;

    /** Resets per iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      lines = 0;
      bytes = 0;
    }
  }

  /** Generates the log once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    log = LogGenerator.bytes(LogGenerator.Options.ofSize((long) megabytes << 20));
    parser = LogFormat.of(format).newParser();
  }

  /** Parses every line of the log; returns a value derived from all fields so nothing is elided. */
  @Benchmark
  public long parseAll(Counters c) {
    byte[] b = log;
    LogFormat.Parser p = parser;
    LineView f = p.line();
    long sink = 0;
    int lines = 0;
    int i = 0;
    int n = b.length;
    while (i < n) {
      int nl = ByteScan.indexOf(b, i, n, (byte) '\n');
      int e = nl < 0 ? n : nl;
      if (p.parse(b, i, e)) {
        sink += f.epochMillis() + f.authEnd() + f.peerEnd() + f.status();
      } else {
        sink -= 1;
      }
      lines++;
      i = e + 1;
    }
    c.lines += lines;
    c.bytes += n;
    return sink;
  }
}
