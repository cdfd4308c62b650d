package io.squidlens.bench;

import io.squidlens.classify.Classification;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClassifier;
import io.squidlens.dns.HostResolver;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of classifying one distinct destination, which squidlens pays once per destination
 * (never per line): the name rules (a suffix trie of labels) for host names, the CIDR tries for IP
 * literals, and the logged-peer check. Each invocation classifies a batch of distinct destinations
 * with a fresh classifier, so its per-destination cache never answers; scores are nanoseconds per
 * destination.
 *
 * <p>HOW TO RUN: {@code java -jar benchmarks/target/benchmarks.jar ClassifierBenchmark -f 2}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClassifierBenchmark {
  private static final int BATCH = 4096;

  /** Which destinations: host names (trie), IP literals (CIDR tries), or names with a peer. */
  @Param({"names", "ip-literals", "names-with-peer"})
  public String kind;

  private ClassifierRules rules;
  private final List<Destination> destinations = new ArrayList<>(BATCH);
  private final List<List<String>> peers = new ArrayList<>(BATCH);

  /** Builds ROKS rules and a batch of realistic, distinct destinations. */
  @Setup(Level.Trial)
  public void setUp() {
    rules =
        ClassifierRules.of(
            Profile.ROKS_VPC,
            ClusterNetworks.none().withDefaults(Profile.ROKS_VPC),
            List.of("corp.example.com"),
            List.of("apps.mycluster.example.com"));
    SplittableRandom r = new SplittableRandom(42);
    String[] zones = {
      "example.com",
      "icr.io",
      "s3.direct.us-south.cloud-object-storage.appdomain.cloud",
      "openshift-monitoring.svc",
      "cdn.example.net",
      "private.us-south.containers.cloud.ibm.com",
      "lb.appdomain.cloud"
    };
    for (int i = 0; i < BATCH; i++) {
      Destination d;
      if (kind.equals("ip-literals")) {
        int a = r.nextInt(4);
        String ip =
            switch (a) {
              case 0 -> "172.20.0." + r.nextInt(256);
              case 1 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + ".9";
              case 2 -> "161.26." + r.nextInt(256) + ".1";
              default -> "203.0.113." + r.nextInt(256);
            };
        d = Destination.of(ip, 443);
      } else {
        String host = String.format(Locale.ROOT, "h%d.%s", i, zones[r.nextInt(zones.length)]);
        d = Destination.of(host, 443);
      }
      destinations.add(d);
      peers.add(
          kind.equals("names-with-peer")
              ? List.of(r.nextBoolean() ? "198.51.100." + r.nextInt(256) : "10.1.0.5")
              : List.of());
    }
  }

  /** Classifies the batch with a fresh classifier (cold cache). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void classify(Blackhole bh) {
    TrafficClassifier c =
        new TrafficClassifier(rules, HostResolver.disabled("off"), HostResolver.disabled("off"));
    for (int i = 0; i < BATCH; i++) {
      Classification k = c.classify(destinations.get(i), peers.get(i));
      bh.consume(k);
    }
  }
}
