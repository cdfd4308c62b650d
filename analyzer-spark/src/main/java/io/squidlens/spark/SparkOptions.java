package io.squidlens.spark;

import io.squidlens.base.BadValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options {@code squidlens-spark} adds to analyze's. */
final class SparkOptions {
  /** Default bytes of a plain log one task reads: HDFS's block size. */
  static final long DEFAULT_PART_BYTES = 128L << 20;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = {
        "Where Spark runs: local[*] (default when spark-submit set none: every core of this"
            + " machine), local[N], spark://HOST:PORT, yarn, k8s://..."
      })
  String master;

  @Option(
      names = "--part-size",
      paramLabel = "SIZE",
      defaultValue = "128m",
      description = {
        "Bytes of a plain log one task reads (default 128m; k, m, g suffixes). Gzip logs are"
            + " read whole, one task each; small logs are read several to a task."
      })
  String partSize;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = {
        "A Spark setting (repeatable), spark.hadoop.* for Hadoop's, such as"
            + " spark.hadoop.fs.s3a.endpoint=https://s3.eu-de.cloud-object-storage.appdomain.cloud."
            + " Keys and secrets belong in the environment (AWS_ACCESS_KEY_ID,"
            + " AWS_SECRET_ACCESS_KEY), not here."
      })
  List<String> conf = new ArrayList<>();

  /** {@code --part-size} in bytes. */
  long partBytes() {
    String s = partSize.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (s.endsWith("k") || s.endsWith("m") || s.endsWith("g")) {
      char c = s.charAt(s.length() - 1);
      unit = c == 'k' ? 1L << 10 : c == 'm' ? 1L << 20 : 1L << 30;
      s = s.substring(0, s.length() - 1);
    }
    long n;
    try {
      n = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new BadValueException("--part-size " + partSize + ": not a size such as 128m", e);
    }
    BadValueException.require(
        n >= 1 && n <= (1L << 40) / unit, "--part-size %s: out of range 1 byte to 1024g", partSize);
    return n * unit;
  }

  /** The {@code --conf} settings as key and value. */
  List<String[]> settings() {
    List<String[]> out = new ArrayList<>();
    for (String c : conf) {
      int eq = c.indexOf('=');
      BadValueException.require(
          eq > 0, "--conf %s: expected KEY=VALUE, such as spark.executor.memory=2g", c);
      out.add(new String[] {c.substring(0, eq).strip(), c.substring(eq + 1)});
    }
    return out;
  }
}
