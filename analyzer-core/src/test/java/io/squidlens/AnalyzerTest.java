package io.squidlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.parse.InputSource;
import io.squidlens.recommend.Recommendation.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AnalyzerTest {
  @TempDir Path dir;

  private Analysis analyzeSample(int threads) throws Exception {
    Path log = TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir);
    Analyzer analyzer = new Analyzer(AnalyzerOptions.builder().threads(threads).build());
    return analyzer.analyze(
        new Analyzer.Inputs(InputSource.resolve(List.of(log.toString()))), null);
  }

  @Test
  void analyze_roksSample_detectsRoksVpcAndCountsEveryLine() throws Exception {
    Analysis a = analyzeSample(2);
    assertEquals(Profile.ROKS_VPC, a.profile());
    assertEquals(70, a.summary().lines());
    assertEquals(70, a.summary().parsedLines());
    assertEquals(0, a.summary().malformedLines());
    assertEquals(46, a.totals(TrafficClass.DENIED).requests());
  }

  @Test
  void analyze_roksSample_classifiesWithReasons() throws Exception {
    Map<String, Verdict> v =
        analyzeSample(1).verdicts().stream()
            .collect(Collectors.toMap(Verdict::host, Function.identity()));
    assertEquals(TrafficClass.DENIED, v.get("172.20.0.1").trafficClass());
    assertEquals(TrafficClass.CLUSTER_INTERNAL, v.get("172.20.0.1").destinationClass());
    assertTrue(v.get("172.20.0.1").reason().contains("172.20.0.0/16"));
    assertEquals(
        TrafficClass.CLUSTER_INTERNAL,
        v.get("image-registry.openshift-image-registry.svc").destinationClass());
    assertEquals(
        TrafficClass.PRIVATE_ENDPOINT,
        v.get("s3.direct.jp-tok.cloud-object-storage.appdomain.cloud").destinationClass());
    assertEquals(TrafficClass.INTERNET, v.get("quay.io").destinationClass());
    assertEquals(TrafficClass.DENIED, v.get("registry-1.docker.io").trafficClass());
    assertEquals(TrafficClass.INTERNET, v.get("registry-1.docker.io").destinationClass());
  }

  @Test
  void analyze_roksSample_recommendsPrivateDestinationsOnly() throws Exception {
    Analysis a = analyzeSample(2);
    List<String> cluster = List.of(a.recommendations().get(Target.CLUSTER).noProxy().split(","));
    assertTrue(cluster.contains("172.20.0.0/16"), cluster::toString);
    assertTrue(cluster.contains("icr.io") && cluster.contains(".icr.io"), cluster::toString);
    assertFalse(cluster.contains(".svc"), "OpenShift adds .svc itself: " + cluster);
    for (String internet : List.of("quay.io", "github.com", "registry-1.docker.io")) {
      assertFalse(cluster.contains(internet), internet);
    }
    List<String> crio = List.of(a.recommendations().get(Target.CRIO).noProxy().split(","));
    assertTrue(crio.containsAll(List.of("localhost", "127.0.0.1", ".svc", "172.20.0.0/16")));
  }

  @Test
  void analyze_threadCount_doesNotChangeTheResult() throws Exception {
    Analysis one = analyzeSample(1);
    Analysis two = analyzeSample(2);
    assertEquals(one.verdicts(), two.verdicts());
    assertEquals(one.recommendations(), two.recommendations());
  }
}
