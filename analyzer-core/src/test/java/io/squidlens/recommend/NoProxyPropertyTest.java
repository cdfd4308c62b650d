package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.squidlens.Analysis;
import io.squidlens.AnalyzerOptions;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.recommend.Recommendation.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random logs mixing private and internet destinations (including names built to trip
 * suffix matching), every recommended list, read back with the semantics of the clients it is for,
 * exempts every private destination squidlens did not refuse with a warning, and no internet
 * destination; and the proxy/cluster value passes OpenShift's validation.
 */
final class NoProxyPropertyTest {
  private static final long SEED = 0x5eed_2026L;
  private static final int WORLDS = 120;

  @TempDir Path dir;

  @Test
  void recommendedLists_coverEveryPrivateDestinationAndNoInternetOne() {
    Random random = new Random(SEED);
    for (int world = 0; world < WORLDS; world++) {
      ScenarioLogs log = new ScenarioLogs();
      int lines = 5 + random.nextInt(60);
      for (int i = 0; i < lines; i++) {
        boolean priv = random.nextBoolean();
        String authority = priv ? privateDestination(random) : internetDestination(random);
        String peer =
            priv ? "10.1.0." + (1 + random.nextInt(200)) : "198.51.100." + random.nextInt(255);
        if (random.nextInt(3) == 0) {
          log.denied(authority);
        } else {
          log.tunnel(authority, peer);
        }
      }
      Profile profile = random.nextBoolean() ? Profile.ROKS_VPC : Profile.KUBERNETES;
      Analysis a =
          log.analyze(
              dir,
              AnalyzerOptions.builder()
                  .profile(profile.id())
                  .threads(1)
                  .machineNetworks(List.of("10.240.0.0/24")));
      check(world, a);
    }
  }

  private static void check(int world, Analysis a) {
    Recommendations recs = a.recommendations();
    String refused = String.join("\n", recs.warnings());
    ClusterNetworks n = a.networks();
    List<String> openShiftAdds =
        new ArrayList<>(List.of("localhost", "127.0.0.1", ".svc", ".cluster.local"));
    openShiftAdds.addAll(n.serviceNetworks());
    openShiftAdds.addAll(n.clusterNetworks());
    openShiftAdds.addAll(n.machineNetworks());
    Recommendation cluster = recs.get(Target.CLUSTER);
    assertEquals(
        List.of(),
        NoProxyValidation.openShiftProblems(cluster.noProxy()),
        () -> "world " + world + ": " + cluster.noProxy());
    String clusterInForce = cluster.noProxy() + "," + String.join(",", openShiftAdds);
    NoProxySemantics go = GoSemantics.INSTANCE;
    checkList(world, a, refused, "cluster", go.compile(clusterInForce), () -> clusterInForce);
    for (Target t : List.of(Target.CRIO, Target.ENV, Target.DOCKER, Target.MTC)) {
      Recommendation r = recs.get(t);
      assertEquals(List.of(), r.errors());
      checkList(world, a, refused, t.id(), go.compile(r.noProxy()), r::noProxy);
    }
    Recommendation java = recs.get(Target.JAVA);
    checkList(
        world, a, refused, "java", ClientSemantics.JAVA.compile(java.noProxy()), java::noProxy);
  }

  private static void checkList(
      int world,
      Analysis a,
      String refused,
      String target,
      NoProxySemantics.Matcher m,
      Supplier<String> list) {
    for (Verdict v : a.verdicts()) {
      String hit = m.route(v.destination()).entry();
      if (v.destinationClass() == TrafficClass.INTERNET) {
        assertNull(
            hit,
            () ->
                String.format(
                    Locale.ROOT,
                    "world %d, %s: internet %s exempted by %s in %s",
                    world,
                    target,
                    v.host(),
                    hit,
                    list.get()));
      } else if (hit == null && !refused.contains("'" + v.host() + "'")) {
        fail(
            String.format(
                Locale.ROOT,
                "world %d, %s: %s %s (%s) not exempted by %s%nwarnings: %s",
                world,
                target,
                v.destinationClass().id(),
                v.host(),
                v.reason(),
                list.get(),
                refused));
      }
    }
  }

  /**
   * Property: whatever lists are in force (spec.noProxy of proxy/cluster, --current-no-proxy),
   * holding entries that exempt the log's internet destinations, broad ones and harmless ones, no
   * printed value exempts an internet destination of the log, read as the target's clients read it,
   * unless --keep-unsafe kept the entry that does, and then that entry is marked unsafe.
   */
  @Test
  void listsInForce_neverMakeAPrintedValueExemptTheInternet_unlessKeptOnPurpose()
      throws java.io.IOException {
    Random random = new Random(SEED + 1);
    for (int world = 0; world < WORLDS; world++) {
      ScenarioLogs log = new ScenarioLogs();
      List<String> hosts = new ArrayList<>();
      int lines = 5 + random.nextInt(40);
      for (int i = 0; i < lines; i++) {
        boolean priv = random.nextBoolean();
        String authority = priv ? privateDestination(random) : internetDestination(random);
        hosts.add(authority.substring(0, authority.lastIndexOf(':')));
        String peer =
            priv ? "10.1.0." + (1 + random.nextInt(200)) : "198.51.100." + random.nextInt(255);
        log.tunnel(authority, peer);
      }
      List<String> spec = inForce(random, hosts);
      List<String> current = inForce(random, hosts);
      boolean keep = random.nextInt(4) == 0;
      java.nio.file.Path proxy =
          java.nio.file.Files.writeString(
              dir.resolve("proxy" + world + ".json"),
              "{\"kind\":\"Proxy\",\"spec\":{\"httpProxy\":\"http://10.0.0.4:3128\","
                  + "\"noProxy\":\""
                  + String.join(",", spec)
                  + "\"}}");
      Analysis a =
          log.analyze(
              dir,
              AnalyzerOptions.builder()
                  .profile(random.nextBoolean() ? "roks-vpc" : "kubernetes")
                  .threads(1)
                  .keepUnsafe(keep)
                  .proxy(
                      ProxySettings.fromProxyConfig(proxy, "--proxy-config")
                          .withNoProxy(String.join(",", current))));
      for (Target t : Target.values()) {
        Recommendation r = a.recommendations().get(t);
        java.util.Set<String> keptUnsafe = new java.util.HashSet<>();
        for (Recommendation.CurrentEntry c : r.current()) {
          if (c.unsafe() && c.kept()) {
            keptUnsafe.add(c.value().toLowerCase(Locale.ROOT));
          }
        }
        List<NoProxySemantics> readers =
            switch (t) {
              case JAVA -> List.of(ClientSemantics.JAVA);
              case ENV, DOCKER ->
                  NoProxySemantics.all().stream().filter(c -> c != ClientSemantics.JAVA).toList();
              default -> List.of(GoSemantics.INSTANCE);
            };
        for (NoProxySemantics reader : readers) {
          NoProxySemantics.Matcher m = reader.compile(r.noProxy());
          for (Verdict v : a.verdicts()) {
            if (v.destinationClass() != TrafficClass.INTERNET) {
              continue;
            }
            String hit = m.route(v.destination()).entry();
            if (hit == null || hit.startsWith("<")) {
              continue;
            }
            int w = world;
            // Java's list is a translation: a kept entry shows up as the patterns it became.
            java.util.Set<String> allowed =
                t == Target.JAVA
                    ? new java.util.HashSet<>(
                        JavaNonProxyHosts.translate(keptUnsafe, List.of()).patterns())
                    : keptUnsafe;
            assertTrue(
                keep && allowed.contains(hit.toLowerCase(Locale.ROOT)),
                () ->
                    String.format(
                        Locale.ROOT,
                        "world %d, %s (%s): internet %s exempted by %s in %s (keep %s, kept %s)",
                        w,
                        t.id(),
                        reader.client(),
                        v.host(),
                        hit,
                        r.noProxy(),
                        keep,
                        keptUnsafe));
          }
        }
      }
    }
  }

  /** A list in force: harmless entries, entries exempting logged hosts, broad ones. */
  private static List<String> inForce(Random r, List<String> hosts) {
    List<String> out = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String h = hosts.get(r.nextInt(hosts.size()));
      String parent = h.indexOf('.') > 0 ? h.substring(h.indexOf('.') + 1) : h;
      out.add(
          switch (r.nextInt(12)) {
            case 0 -> h;
            case 1 -> "." + parent;
            case 2 -> parent;
            case 3 -> pick(r, "*", ".com", "0.0.0.0/0", "co.uk", ".appdomain.cloud", "io");
            case 4 -> pick(r, "203.0.113.0/24", "198.51.100.0/24", "203.0.113.5");
            case 5 -> "*." + parent;
            case 6 -> h + ":443";
            case 7 -> h.toUpperCase(Locale.ROOT);
            default -> pick(r, "icr.io", ".svc", "172.20.0.0/16", "localhost", "corp.example.com");
          });
    }
    return out;
  }

  private static final String[] REGIONS = {"us-south", "jp-tok", "eu-de"};

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  static String privateDestination(Random r) {
    String region = pick(r, REGIONS);
    int n = r.nextInt(6);
    return switch (r.nextInt(13)) {
      case 11 -> "build.corp" + n + ".example.com:443"; // private by its logged peer
      case 0 -> pick(r, "icr.io", "us.icr.io", "de.icr.io", "private.jp.icr.io") + ":443";
      case 1 -> "s3.direct." + region + ".cloud-object-storage.appdomain.cloud:443";
      case 2 -> "bucket" + n + ".s3.direct." + region + ".cloud-object-storage.appdomain.cloud:443";
      case 3 -> "svc" + n + ".ns" + n + ".svc:443";
      case 4 -> "api" + n + ".ns.svc.cluster.local:8443";
      case 5 -> "c10" + n + ".private." + region + ".containers.cloud.ibm.com:3" + n + "034";
      case 6 -> "172.20.0." + (1 + n) + ":2040";
      case 7 -> "172.21." + n + ".1:443";
      case 8 -> "161.26.0." + (10 + n) + ":443";
      case 9 -> "169.254.169.254:80";
      case 10 -> "10.240.0." + (5 + n) + ":6443";
      default -> "192.168." + n + ".20:443";
    };
  }

  static String internetDestination(Random r) {
    String region = pick(r, REGIONS);
    int n = r.nextInt(6);
    return switch (r.nextInt(11)) {
      case 9 -> "cdn.build.corp" + n + ".example.com:443"; // under a private host
      case 0 -> pick(r, "quay.io", "cdn0" + n + ".quay.io", "github.com") + ":443";
      case 1 -> "registry-1.docker.io:443";
      case 2 -> "icr.io.evil" + n + ".example.com:443"; // a private name as a prefix
      case 3 -> "xicr.io:443"; // a private name as a raw suffix
      case 4 -> "s3." + region + ".cloud-object-storage.appdomain.cloud:443"; // public COS
      case 5 -> "svc" + n + ".example.org:443";
      case 6 -> "203.0.113." + (1 + n) + ":443";
      case 7 -> "www.example" + n + ".com:443";
      case 8 -> "mirror.openshift.com:443";
      default -> "api.openshift.com:443";
    };
  }
}
