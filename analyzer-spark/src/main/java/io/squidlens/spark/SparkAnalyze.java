package io.squidlens.spark;

import io.squidlens.cli.Main;
import java.io.PrintWriter;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code squidlens analyze} as a Spark application: {@code spark-submit --class
 * io.squidlens.spark.SparkAnalyze squidlens-spark.jar [OPTIONS] PATH...}, or {@code
 * ./squidlens-spark} on one machine. The same options, report and exit codes as {@code squidlens
 * analyze}, on logs in HDFS or object storage.
 */
public final class SparkAnalyze {
  static final String COMMAND = "squidlens-spark";

  private static final String[] DESCRIPTION = {
    "squidlens analyze on Apache Spark: reads Squid access logs from any Hadoop file system"
        + " (file://, hdfs://, s3a://: IBM Cloud Object Storage, S3, MinIO) in parallel tasks and"
        + " reports, on this side, exactly what 'squidlens analyze' reports: where each request"
        + " went, why, and the noProxy / NO_PROXY values to apply.",
    "",
    "Examples:",
    "  squidlens-spark sample-logs/roks-vpc-rollout/access.log",
    "  squidlens-spark --master local[2] -o json /var/log/squid/",
    "  squidlens-spark -o html --output-file s3a://reports/egress.html 's3a://squid-logs/*/access.log*'",
    "  spark-submit --class io.squidlens.spark.SparkAnalyze squidlens-spark.jar -o json hdfs:///squid/",
    ""
  };

  private SparkAnalyze() {}

  /** Runs and exits with analyze's exit code. */
  public static void main(String[] args) {
    SparkOptions options = new SparkOptions();
    SparkEngine engine = new SparkEngine(options);
    int code;
    try {
      code = run(engine, options, Main.stdout(), Main.stderr(), args);
    } finally {
      engine.stop();
    }
    System.exit(code);
  }

  /** Runs on a running Spark context; the entry point for tests. */
  static int run(JavaSparkContext sc, PrintWriter out, PrintWriter err, String... args) {
    SparkOptions options = new SparkOptions();
    return run(new SparkEngine(options, sc), options, out, err, args);
  }

  private static int run(
      SparkEngine engine, SparkOptions options, PrintWriter out, PrintWriter err, String[] args) {
    return Main.analyze(COMMAND, engine, options, DESCRIPTION, out, err, args);
  }
}
