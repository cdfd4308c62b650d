package io.squidlens.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a deterministic, realistic Squid native log of any size: the traffic mix of an OpenShift
 * on IBM Cloud rollout behind Squid. The same options always give the same bytes.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.squidlens.bench.LogGenerator \
 *     --size 4G --destinations 100000 --seed 42 --out big.log [--gzip]
 * }</pre>
 *
 * <p>Mix (by line): about 52% CONNECT tunnels to internet hosts with public peers; 14% private
 * endpoints reached through Squid (icr.io regions, COS direct, VPC load balancers with 10.x peers,
 * IBM service network); 18% plain HTTP to internet hosts; 10% denied cluster-internal storms
 * ({@code CONNECT 172.20.0.1:2040}, service IPs, {@code .svc} names); 2% denied internet hosts;
 * 1.5% 407 challenges; 1% {@code error:} lines; the rest cache hits. Clients are 200 IPv4 nodes
 * plus IPv6 hosts; 5% of lines carry a user name; about one line in 10,000 is malformed (junk, cut,
 * or two records glued together). Destination popularity is skewed, as in real logs.
 */
public final class LogGenerator {
  /*
   * Implementation notes: every line is built from a SplittableRandom seeded once, so output is
   * a pure function of the options. Destination i is computed from i (no table), so 5 million
   * distinct destinations cost no memory. Popularity is a power law: index = n * u^3 for
   * uniform u puts about half the requests on the first 12% of hosts.
   */

  /** The traffic a log holds. */
  public enum Shape {
    /** An OpenShift rollout behind Squid: the mix in the class comment. */
    MIXED,
    /**
     * A cluster's egress: Zipf-distributed destinations, 200 clients (the nodes), 15% denied
     * cluster-internal storms, 5% plain HTTP with long registry paths, the rest CONNECT tunnels.
     */
    NARROW,
    /**
     * A corporate proxy: uniformly used destinations, about 260,000 clients, 15% plain HTTP with
     * random paths, a few denials and challenges, the rest CONNECT tunnels.
     */
    WIDE;

    /** The shape named {@code mixed}, {@code narrow} or {@code wide}. */
    static Shape of(String name) {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
  }

  /**
   * What to generate.
   *
   * @param bytes approximate size (the last line completes past it)
   * @param destinations distinct internet destinations
   * @param seed random seed
   * @param malformedPerMillion malformed lines per million
   * @param gzip whether to compress
   * @param shape the traffic
   */
  public record Options(
      long bytes, int destinations, long seed, int malformedPerMillion, boolean gzip, Shape shape) {
    /** Checks ranges. */
    public Options {
      if (bytes < 0
          || destinations < 1
          || malformedPerMillion < 0
          || malformedPerMillion > 1_000_000
          || shape == null) {
        throw new IllegalArgumentException("invalid generator options");
      }
    }

    /** The mixed shape. */
    public Options(long bytes, int destinations, long seed, int malformedPerMillion, boolean gzip) {
      this(bytes, destinations, seed, malformedPerMillion, gzip, Shape.MIXED);
    }

    /** Defaults: 3,000 destinations, seed 42, 100 malformed lines per million, plain text. */
    public static Options ofSize(long bytes) {
      return new Options(bytes, 3000, 42, 100, false);
    }
  }

  private static final String[] REGIONS = {
    "us-south", "us-east", "eu-de", "eu-gb", "jp-tok", "au-syd"
  };
  private static final String[] ICR = {
    "icr.io", "us.icr.io", "de.icr.io", "jp.icr.io", "uk.icr.io", "au.icr.io"
  };
  private static final String[] SVC = {
    "image-registry.openshift-image-registry.svc:5000",
    "kubernetes.default.svc:443",
    "thanos-querier.openshift-monitoring.svc:9091",
    "prometheus-k8s.openshift-monitoring.svc.cluster.local:9091"
  };
  private static final String[] USERS = {
    "alice", "bob", "EXAMPLE\\\\carol", "svc-build", "dave@EXAMPLE.COM"
  };

  private final Options options;
  private final SplittableRandom random;
  private final StringBuilder sb = new StringBuilder(512);
  private long time = 1_763_712_000_000L;

  private LogGenerator(Options options) {
    this.options = options;
    this.random = new SplittableRandom(options.seed());
  }

  /** Writes the log to {@code out} (not closed). */
  public static void write(Options options, OutputStream out) throws IOException {
    new LogGenerator(options).run(out);
  }

  /** Writes the log to a file, gzip-compressed if the options say so. */
  public static void write(Options options, Path file) throws IOException {
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      if (options.gzip()) {
        try (GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16)) {
          write(options, gz);
        }
      } else {
        write(options, raw);
      }
    }
  }

  /** Generates {@code bytes} of log in memory (benchmarks). */
  public static byte[] bytes(Options options) {
    java.io.ByteArrayOutputStream out =
        new java.io.ByteArrayOutputStream(
            (int) Math.min(Integer.MAX_VALUE - 16, options.bytes() + 1024));
    try {
      write(options, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void run(OutputStream out) throws IOException {
    byte[] buf = new byte[1 << 16];
    long written = 0;
    while (written < options.bytes()) {
      sb.setLength(0);
      line();
      sb.append('\n');
      int n = sb.length();
      if (buf.length < n * 3) {
        buf = new byte[n * 3];
      }
      int len = encode(sb, buf);
      out.write(buf, 0, len);
      written += len;
    }
    out.flush();
  }

  private static int encode(CharSequence s, byte[] out) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        // Never happens for generated text; kept correct rather than fast.
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, out, 0, b.length);
        return b.length;
      }
      out[i] = (byte) c;
    }
    return n;
  }

  private void line() {
    time += random.nextInt(40);
    if (random.nextInt(1_000_000) < options.malformedPerMillion()) {
      malformed();
      return;
    }
    switch (options.shape()) {
      case NARROW -> narrow();
      case WIDE -> wide();
      default -> mixed();
    }
  }

  private void narrow() {
    int kind = random.nextInt(1000);
    if (kind < 150) {
      clusterInternalStorm();
    } else if (kind < 200) {
      String host = host(zipf());
      record(
          20 + random.nextInt(5000),
          "TCP_MISS/200",
          2000 + random.nextInt(4_000_000),
          "GET",
          "http://"
              + host
              + "/v2/team"
              + random.nextInt(50)
              + "/service-"
              + random.nextInt(400)
              + "/blobs/sha256:"
              + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
              + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
              + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
              + Long.toHexString(random.nextLong() | Long.MIN_VALUE),
          "-",
          "HIER_DIRECT/" + publicPeer(host),
          "application/octet-stream");
    } else if (kind < 280) {
      privateEndpoint();
    } else {
      tunnel(host(zipf()), "-");
    }
  }

  private void wide() {
    int kind = random.nextInt(1000);
    String host = host(random.nextInt(options.destinations()));
    if (kind < 150) {
      StringBuilder path = new StringBuilder();
      int n = 12 + random.nextInt(30);
      for (int i = 0; i < n; i++) {
        path.append((char) ('a' + random.nextInt(26)));
        if (random.nextInt(8) == 0) {
          path.append('/');
        }
      }
      record(
          5 + random.nextInt(2000),
          "TCP_MISS/200",
          300 + random.nextInt(50_000),
          "GET",
          "http://" + host + "/" + path + "?id=" + random.nextInt(1_000_000),
          "-",
          "HIER_DIRECT/" + publicPeer(host),
          "text/html");
    } else if (kind < 170) {
      record(0, "TCP_DENIED/403", 3871, "CONNECT", host + ":443", "-", "HIER_NONE/-", "text/html");
    } else if (kind < 180) {
      record(2, "TCP_DENIED/407", 4102, "CONNECT", host + ":443", "-", "HIER_NONE/-", "text/html");
    } else {
      tunnel(host, "-");
    }
  }

  /** A CONNECT tunnel to {@code host}:443 through a public peer, by {@code user}. */
  private void tunnel(String host, String user) {
    record(
        1 + random.nextInt(30_000),
        "TCP_TUNNEL/200",
        1000 + random.nextInt(200_000),
        "CONNECT",
        host + ":443",
        user,
        "HIER_DIRECT/" + publicPeer(host),
        "-");
  }

  /** A Zipf (s = 1) index below the destination count: the i-th busiest gets 1/(i+1) as much. */
  private int zipf() {
    int n = options.destinations();
    return Math.min(n - 1, (int) Math.pow(n + 1, random.nextDouble()) - 1);
  }

  private void mixed() {
    int kind = random.nextInt(1000);
    if (kind < 520) {
      // Not tunnel(): the user is drawn after the elapsed time and bytes, and mixed logs must
      // stay the bytes they were (benchmarks reuse generated files).
      String host = internetHost();
      record(
          1 + random.nextInt(30_000),
          "TCP_TUNNEL/200",
          1000 + random.nextInt(200_000),
          "CONNECT",
          host + ":443",
          user(),
          "HIER_DIRECT/" + publicPeer(host),
          "-");
    } else if (kind < 660) {
      privateEndpoint();
    } else if (kind < 840) {
      String host = internetHost();
      record(
          5 + random.nextInt(2000),
          "TCP_MISS/200",
          300 + random.nextInt(50_000),
          "GET",
          "http://" + host + "/path/" + random.nextInt(100_000) + ".html",
          user(),
          "HIER_DIRECT/" + publicPeer(host),
          "text/html");
    } else if (kind < 940) {
      clusterInternalStorm();
    } else if (kind < 960) {
      record(
          0,
          "TCP_DENIED/403",
          3871,
          "CONNECT",
          internetHost() + ":443",
          "-",
          "HIER_NONE/-",
          "text/html");
    } else if (kind < 975) {
      record(
          2,
          "TCP_DENIED/407",
          4102,
          "CONNECT",
          internetHost() + ":443",
          "-",
          "HIER_NONE/-",
          "text/html");
    } else if (kind < 985) {
      record(
          0,
          "NONE_NONE/000",
          0,
          "-",
          "error:transaction-end-before-headers",
          "-",
          "HIER_NONE/-",
          "-");
    } else {
      record(
          0,
          "TCP_MEM_HIT/200",
          2210,
          "GET",
          "http://" + internetHost() + "/logo.png",
          "-",
          "HIER_NONE/-",
          "image/png");
    }
  }

  private void privateEndpoint() {
    int k = random.nextInt(4);
    String region = REGIONS[random.nextInt(REGIONS.length)];
    switch (k) {
      case 0 ->
          record(
              300 + random.nextInt(900),
              "TCP_TUNNEL/200",
              4000 + random.nextInt(90_000),
              "CONNECT",
              ICR[random.nextInt(ICR.length)] + ":443",
              "-",
              "HIER_DIRECT/198.51.100." + (200 + random.nextInt(50)),
              "-");
      case 1 ->
          record(
              1000 + random.nextInt(90_000),
              "TCP_TUNNEL/200",
              4000 + random.nextInt(20_000),
              "CONNECT",
              (random.nextBoolean() ? "" : "bucket" + random.nextInt(20) + ".")
                  + "s3.direct."
                  + region
                  + ".cloud-object-storage.appdomain.cloud:443",
              "-",
              "HIER_DIRECT/161.26.85." + (10 + random.nextInt(3)),
              "-");
      case 2 ->
          record(
              10 + random.nextInt(30_000),
              "TCP_TUNNEL/200",
              6000 + random.nextInt(5000),
              "CONNECT",
              "app"
                  + random.nextInt(40)
                  + "-mycluster-0a1b2c3d-0000."
                  + region
                  + ".containers.appdomain.cloud:443",
              "-",
              "HIER_DIRECT/10." + (1 + random.nextInt(3)) + ".0." + (2 + random.nextInt(20)),
              "-");
      default ->
          record(
              500 + random.nextInt(900),
              "TCP_TUNNEL/200",
              9000 + random.nextInt(9000),
              "CONNECT",
              "c"
                  + (100 + random.nextInt(3))
                  + "-e.private."
                  + region
                  + ".containers.cloud.ibm.com:"
                  + (31034 + random.nextInt(2)),
              "-",
              "HIER_DIRECT/166.9.24." + (11 + random.nextInt(3)),
              "-");
    }
  }

  private void clusterInternalStorm() {
    int k = random.nextInt(10);
    String url;
    if (k < 6) {
      url = "172.20.0.1:2040";
    } else if (k < 8) {
      // A handful of ClusterIPs (the API server and a few services), not a scan.
      url = "172.21." + random.nextInt(2) + "." + (1 + random.nextInt(25)) + ":443";
    } else {
      url = SVC[random.nextInt(SVC.length)];
    }
    record(0, "TCP_DENIED/403", 3894, "CONNECT", url, "-", "HIER_NONE/-", "text/html");
  }

  private String internetHost() {
    int n = options.destinations();
    double u = random.nextDouble();
    return host((int) (n * u * u * u));
  }

  /** Destination {@code i}: a name, or for a tenth of them an IPv4 literal (bare IP CONNECTs). */
  private static String host(int i) {
    if (i % 10 == 7) {
      // A tenth of destinations are IPv4 literals (bare IP CONNECTs).
      int h = mix(i);
      return "203.0." + (113 + (h & 1)) + "." + ((h >>> 1) & 0xFF);
    }
    int h = mix(i);
    return "h" + Integer.toString(i, 36) + (h & 0xF) + ".example" + ((h >>> 4) & 7) + ".com";
  }

  private static int mix(int i) {
    int h = i * 0x9E3779B1;
    return h ^ (h >>> 15);
  }

  /** One to three addresses per host, as DNS round robin gives. */
  private String publicPeer(String host) {
    int h = host.hashCode() & 0x7FFFFFFF;
    return "198.51.100." + ((h + random.nextInt(1 + h % 3)) % 250);
  }

  private String user() {
    return random.nextInt(20) == 0 ? USERS[random.nextInt(USERS.length)] : "-";
  }

  private String client() {
    if (options.shape() == Shape.NARROW) {
      int k = random.nextInt(200);
      return "10.240." + (k >> 6) + "." + (10 + (k & 63));
    }
    if (options.shape() == Shape.WIDE) {
      int k = random.nextInt(260_000);
      return "10." + (k >> 16) + "." + ((k >> 8) & 255) + "." + (k & 255);
    }
    if (random.nextInt(25) == 0) {
      return "2001:db8:10::" + Integer.toHexString(1 + random.nextInt(400));
    }
    return "10." + random.nextInt(4) + ".0." + (10 + random.nextInt(200));
  }

  private void record(
      int elapsed,
      String code,
      int bytes,
      String method,
      String url,
      String user,
      String hier,
      String mime) {
    long sec = time / 1000;
    int ms = (int) (time % 1000);
    sb.append(sec).append('.');
    if (ms < 100) {
      sb.append(ms < 10 ? "00" : "0");
    }
    sb.append(ms);
    String el = Integer.toString(elapsed);
    sb.append(' ');
    for (int i = el.length(); i < 6; i++) {
      sb.append(' ');
    }
    sb.append(el)
        .append(' ')
        .append(client())
        .append(' ')
        .append(code)
        .append(' ')
        .append(bytes)
        .append(' ')
        .append(method)
        .append(' ')
        .append(url)
        .append(' ')
        .append(user)
        .append(' ')
        .append(hier)
        .append(' ')
        .append(mime);
  }

  private void malformed() {
    switch (random.nextInt(3)) {
      case 0 -> sb.append("garbage written by a crashing log shipper #").append(random.nextInt());
      case 1 -> {
        record(
            5,
            "TCP_MISS/200",
            10,
            "GET",
            "http://cut.example.com/",
            "-",
            "HIER_DIRECT/198.51.100.9",
            "-");
        sb.setLength(sb.length() / 2);
      }
      default -> {
        record(
            5,
            "TCP_MISS/200",
            10,
            "GET",
            "http://glued.example.com/",
            "-",
            "HIER_DIRECT/198.51.100.9",
            "-");
        sb.append(' ');
        record(
            5,
            "TCP_MISS/200",
            10,
            "GET",
            "http://glued.example.com/",
            "-",
            "HIER_DIRECT/198.51.100.9",
            "-");
      }
    }
  }

  /**
   * Command line: {@code --size 4G --destinations N --seed S --malformed-ppm N --shape narrow
   * --gzip --out FILE}.
   */
  public static void main(String[] args) throws IOException {
    long size = 64L << 20;
    int destinations = 3000;
    long seed = 42;
    int malformed = 100;
    boolean gzip = false;
    Shape shape = Shape.MIXED;
    String out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--size" -> size = parseSize(args[++i]);
        case "--destinations" -> destinations = (int) parseCount(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--malformed-ppm" -> malformed = Integer.parseInt(args[++i]);
        case "--gzip" -> gzip = true;
        case "--shape" -> shape = Shape.of(args[++i]);
        case "--out" -> out = args[++i];
        default -> {
          System.err.println(
              "LogGenerator: unknown argument "
                  + a
                  + "\nusage: --size 4G --destinations 100k --seed 42 --malformed-ppm 100"
                  + " [--shape mixed|narrow|wide] [--gzip] --out FILE");
          System.exit(2);
        }
      }
    }
    if (out == null) {
      System.err.println("LogGenerator: --out FILE is required");
      System.exit(2);
    }
    write(new Options(size, destinations, seed, malformed, gzip, shape), Path.of(out));
  }

  /** Parses a count with decimal suffixes: {@code 100k} is 100,000, {@code 5m} 5,000,000. */
  static long parseCount(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    char last = t.charAt(t.length() - 1);
    long mul = last == 'k' ? 1_000 : last == 'm' ? 1_000_000 : 1;
    return Long.parseLong(mul == 1 ? t : t.substring(0, t.length() - 1)) * mul;
  }

  /** Parses a size with binary suffixes: {@code 4G}, {@code 512M}, {@code 64k}, {@code 1000}. */
  static long parseSize(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    long mul = 1;
    char last = t.charAt(t.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
      mul =
          switch (last) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L << 40;
          };
      t = t.substring(0, t.length() - 1);
    }
    return Long.parseLong(t) * mul;
  }
}
