package io.squidlens.spark;

import io.squidlens.Analyzer;
import io.squidlens.base.InputException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads logs on Spark: parts cut as Spark cuts files (plain logs at fixed offsets, gzip logs
 * whole), each task reading its parts through the core's byte parser into partial summaries, which
 * are placed once every part's line count is known and combined with {@code treeReduce}. The driver
 * never sees a line.
 */
final class SparkReader implements Analyzer.Reader {
  /*
   * Implementation notes.
   *
   * Two passes over the partial summaries, one over the logs: the first job reads every part and
   * keeps its partial (serialized, memory then disk) while the driver collects the parts' line
   * counts, which no task can know of the parts before its own; the second places each partial
   * after the lines before it and reduces. Partials are small (bounded by the destination cap),
   * so keeping them costs little and no log is read twice.
   *
   * Small logs are grouped into tasks of about one part's bytes, so a thousand small files make
   * a few tasks, not a thousand.
   */

  private final JavaSparkContext sc;
  private final HadoopFiles files;
  private final Analyzer.PartOptions options;
  private final long partBytes;

  SparkReader(
      JavaSparkContext sc, HadoopFiles files, Analyzer.PartOptions options, long partBytes) {
    this.sc = sc;
    this.files = files;
    this.options = options;
    this.partBytes = partBytes;
  }

  /** A part and its place in the run's list of parts. */
  record Indexed(int index, Analyzer.Part part, boolean leading) implements Serializable {}

  /**
   * What a task hands back for one part: its partial, or why it could not be read. Never compared
   * (the array is only carried), so array equality does not matter.
   */
  @SuppressWarnings("ArrayRecordComponent")
  record Result(int part, long numberedLines, long consumed, byte[] partial, String error)
      implements Serializable {}

  @Override
  public Analyzer.Read read(List<Analyzer.Source> logs) throws IOException {
    List<Analyzer.Part> parts = Analyzer.parts(logs, partBytes);
    List<List<Indexed>> tasks = tasks(parts);
    HadoopFiles fs = files;
    Analyzer.PartOptions opts = options;
    List<String> names = new ArrayList<>(logs.stream().map(Analyzer.Source::name).toList());
    JavaRDD<Result> read =
        sc.parallelize(tasks, Math.max(1, tasks.size()))
            .flatMap(task -> readAll(task, fs, opts, names).iterator())
            .persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      List<Result> meta =
          run(
              () ->
                  read.map(r -> new Result(r.part, r.numberedLines, r.consumed, null, r.error))
                      .collect());
      long[] numbered = new long[parts.size()];
      long[] consumed = new long[parts.size()];
      for (Result r : meta) {
        if (r.part < 0) {
          continue;
        }
        if (r.error != null) {
          throw new InputException(parts.get(r.part).source().name(), r.error, null);
        }
        numbered[r.part] = r.numberedLines;
        consumed[r.part] = r.consumed;
      }
      List<Long> n = new ArrayList<>(parts.size());
      List<Long> c = new ArrayList<>(parts.size());
      for (int k = 0; k < parts.size(); k++) {
        n.add(numbered[k]);
        c.add(consumed[k]);
      }
      Analyzer.Placing placing = Analyzer.placing(logs, parts, n, c);
      Broadcast<long[]> before = sc.broadcast(toArray(placing.linesBefore()));
      Broadcast<List<String>> order = sc.broadcast(names);
      byte[] merged =
          run(
              () ->
                  read.filter(r -> r.partial != null)
                      .map(
                          r ->
                              r.part < 0
                                  ? r.partial
                                  : Analyzer.Partial.fromBytes(r.partial)
                                      .placed(before.value()[r.part], order.value())
                                      .toBytes())
                      .treeReduce(
                          (a, b) ->
                              Analyzer.Partial.fromBytes(a)
                                  .merge(Analyzer.Partial.fromBytes(b))
                                  .toBytes(),
                          2));
      before.destroy();
      order.destroy();
      return new Analyzer.Read(Analyzer.Partial.fromBytes(merged), placing.consumed());
    } finally {
      read.unpersist(false);
    }
  }

  private static long[] toArray(List<Long> values) {
    long[] a = new long[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return a;
  }

  /** Groups parts into tasks: a large part alone, small ones together up to a part's bytes. */
  private List<List<Indexed>> tasks(List<Analyzer.Part> parts) {
    long total = 0;
    for (Analyzer.Part p : parts) {
      total += p.end() - p.start();
    }
    // Enough tasks to keep every core busy even when all logs are small.
    long target =
        Math.max(1, Math.min(partBytes, total / Math.max(1, 2L * sc.defaultParallelism())));
    List<List<Indexed>> tasks = new ArrayList<>();
    List<Indexed> current = new ArrayList<>();
    long bytes = 0;
    for (int k = 0; k < parts.size(); k++) {
      Analyzer.Part p = parts.get(k);
      long size = p.end() - p.start();
      if (!current.isEmpty() && bytes + size > target) {
        tasks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      // The first part of a log starts it: its lines need no count of another part.
      boolean leading = k == 0 || parts.get(k - 1).input() != p.input();
      current.add(new Indexed(k, p, leading));
      bytes += size;
    }
    if (!current.isEmpty()) {
      tasks.add(current);
    }
    return tasks;
  }

  /**
   * A task: reads its parts one after the other. A part that starts its log needs no line count of
   * another, so it is placed and merged here with the task's others like it, and only one summary
   * leaves the task for them (part -1); the others wait for the driver's count.
   */
  private static List<Result> readAll(
      List<Indexed> task, HadoopFiles files, Analyzer.PartOptions options, List<String> names) {
    Analyzer analyzer = Analyzer.forParts(options);
    List<Result> out = new ArrayList<>(task.size() + 1);
    Analyzer.Partial leading = null;
    for (Indexed t : task) {
      Analyzer.Part p = t.part();
      int k = t.index();
      try {
        Analyzer.Partial partial = analyzer.readPart(p, files.opener(p.source().name()));
        if (t.leading()) {
          Analyzer.Partial placed = partial.placed(p.source().firstLine(), names);
          leading = leading == null ? placed : leading.merge(placed);
          out.add(new Result(k, partial.numberedLines(), partial.consumed(), null, null));
        } else {
          out.add(
              new Result(k, partial.numberedLines(), partial.consumed(), partial.toBytes(), null));
        }
      } catch (IOException e) {
        // Handed to the driver as the message the command line prints, not as a task failure
        // Spark would retry.
        out.add(new Result(k, 0, -1, null, e.getMessage()));
      }
    }
    if (leading != null) {
      out.add(new Result(-1, 0, -1, leading.toBytes(), null));
    }
    return out;
  }

  @Override
  public List<byte[]> heads(List<Analyzer.Source> logs) throws IOException {
    HadoopFiles fs = files;
    List<Object[]> results =
        run(() ->
                sc.parallelize(
                        logs, Math.max(1, Math.min(logs.size(), 2 * sc.defaultParallelism())))
                    .map(
                        s -> {
                          try {
                            return new Object[] {
                              Analyzer.head(s, fs.opener(s.name()), Analyzer.STATE_HEAD), null
                            };
                          } catch (IOException e) {
                            return new Object[] {null, e.getMessage()};
                          }
                        }))
            .collect();
    List<byte[]> heads = new ArrayList<>(logs.size());
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i)[1] != null) {
        throw new InputException(logs.get(i).name(), (String) results.get(i)[1], null);
      }
      heads.add((byte[]) results.get(i)[0]);
    }
    return heads;
  }

  /** Runs a Spark job, turning its failure into the one line the command line prints. */
  static <T> T run(Job<T> job) throws IOException {
    try {
      return job.run();
    } catch (Exception e) {
      // Scala throws SparkException (checked in Java's eyes) without declaring it.
      if (!(e instanceof SparkException) && !(e.getCause() instanceof SparkException)) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      throw new IOException("a Spark job failed: " + cause, e);
    }
  }

  /** A piece of work that starts Spark jobs. */
  interface Job<T> {
    T run();
  }
}
