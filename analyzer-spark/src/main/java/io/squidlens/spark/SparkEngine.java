package io.squidlens.spark;

import io.squidlens.Analyzer;
import io.squidlens.cli.Engine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code analyze} on Spark: names resolved on Hadoop's file systems, logs read by {@link
 * SparkReader}, the report written to any Hadoop path. Spark starts only once the options are known
 * to be good.
 */
final class SparkEngine implements Engine {
  private final SparkOptions options;
  private JavaSparkContext sc;
  private final boolean owned;

  /** An engine starting its own Spark context from {@code options}. */
  SparkEngine(SparkOptions options) {
    this.options = options;
    this.owned = true;
  }

  /** An engine on a running context (tests, a notebook). */
  SparkEngine(SparkOptions options, JavaSparkContext sc) {
    this.options = options;
    this.sc = sc;
    this.owned = false;
  }

  private JavaSparkContext context() {
    if (sc == null) {
      SparkConf conf = new SparkConf().setAppName("squidlens");
      for (String[] kv : options.settings()) {
        conf.set(kv[0], kv[1]);
      }
      if (options.master != null) {
        conf.setMaster(options.master);
      } else if (!conf.contains("spark.master")) {
        conf.setMaster("local[*]");
      }
      sc = new JavaSparkContext(conf);
      if (conf.get("spark.master").startsWith("local")) {
        // On one machine the report is the output; Spark's progress would bury it.
        sc.setLogLevel("WARN");
      }
    }
    return sc;
  }

  private HadoopFiles files() {
    return new HadoopFiles(context().hadoopConfiguration());
  }

  @Override
  public Analyzer.Inputs inputs(Analyzer analyzer, List<String> names, List<String> labelled)
      throws IOException {
    long partBytes = options.partBytes();
    HadoopFiles files = files();
    List<HadoopFiles.Named> named = files.resolve(names, labelled);
    List<Analyzer.Source> sources = new ArrayList<>(named.size());
    for (HadoopFiles.Named n : named) {
      // A plain log is cut into parts at offsets, so one that is really gzip must be known
      // before: a log of more than one part is asked, smaller ones find out in their task.
      boolean gzip = n.name().endsWith(".gz") || n.name().endsWith(".gzip");
      if (!gzip && n.size() > partBytes) {
        byte[] m = files.magic(n.name(), 2);
        gzip = m.length == 2 && (m[0] & 0xFF) == 0x1F && (m[1] & 0xFF) == 0x8B;
      }
      sources.add(new Analyzer.Source(n.name(), n.label(), n.size(), gzip));
    }
    return analyzer.inputs(sources);
  }

  @Override
  public Analyzer.Reader reader(Analyzer analyzer) {
    return new SparkReader(context(), files(), analyzer.partOptions(), options.partBytes());
  }

  @Override
  public Output create(String file) throws IOException {
    return files().create(file);
  }

  /** Stops the context this engine started. */
  void stop() {
    if (owned && sc != null) {
      sc.stop();
    }
  }
}
