package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.Analysis;
import io.squidlens.AnalyzerOptions;
import io.squidlens.classify.Profile;
import io.squidlens.recommend.Recommendation.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NoProxyRecommenderTest {
  @TempDir Path dir;

  private static AnalyzerOptions.Builder roks() {
    return AnalyzerOptions.builder().profile(Profile.ROKS_VPC.id()).threads(1);
  }

  private static List<String> values(Recommendation r) {
    return r.noProxy().isEmpty() ? List.of() : List.of(r.noProxy().split(",", -1));
  }

  private static Map<String, Recommendation.Entry> entries(Recommendation r) {
    return r.entries().stream()
        .collect(Collectors.toMap(Recommendation.Entry::value, Function.identity()));
  }

  @Test
  void recommend_oneHostUnderASafeZone_staysAnExactHost() {
    Analysis a = new ScenarioLogs().denied("us.icr.io:443").analyze(dir, roks());
    List<String> cluster = values(a.recommendations().get(Target.CLUSTER));
    assertTrue(cluster.contains("us.icr.io"), cluster::toString);
    assertFalse(cluster.contains(".icr.io"), cluster::toString);
  }

  @Test
  void recommend_twoHostsUnderASafeZone_becomeTheZoneAndItsApex() {
    Analysis a =
        new ScenarioLogs()
            .denied("us.icr.io:443")
            .tunnel("de.icr.io:443", "166.9.24.3")
            .analyze(dir, roks());
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    assertTrue(values(cluster).containsAll(List.of("icr.io", ".icr.io")), cluster::noProxy);
    assertFalse(values(cluster).contains("us.icr.io"), cluster::noProxy);
    Recommendation.Entry zone = entries(cluster).get(".icr.io");
    assertEquals(List.of("de.icr.io", "us.icr.io"), zone.covers());
    assertEquals(2, zone.requests());
    assertEquals(1, zone.deniedRequests());
    assertEquals(Recommendation.Status.NEW, zone.status());
    assertTrue(zone.reason().startsWith("2 hosts under icr.io"), zone.reason());
    assertEquals(2, zone.examples().size());
  }

  @Test
  void recommend_deniedInternetDestination_becomesAllowlistAdviceNeverNoProxy() {
    Analysis a =
        new ScenarioLogs().denied("quay.io:443").denied("172.20.0.1:2040").analyze(dir, roks());
    Recommendations recs = a.recommendations();
    assertEquals(1, recs.squidAllowlist().size());
    assertEquals("acl squidlens_allowed dstdomain quay.io", recs.squidAllowlist().get(0).acl());
    for (Target t : Target.values()) {
      assertFalse(recs.get(t).noProxy().contains("quay.io"), t + ": " + recs.get(t).noProxy());
    }
  }

  @Test
  void recommend_ipInsideAKnownRange_isFoldedIntoTheRange() {
    Analysis a =
        new ScenarioLogs().denied("172.20.0.1:2040").denied("172.21.0.1:443").analyze(dir, roks());
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    assertEquals(Recommendation.Status.NEW, entries(cluster).get("172.20.0.0/16").status());
    Recommendation.Entry service = entries(cluster).get("172.21.0.0/16");
    assertEquals(Recommendation.Status.ADDED_BY_OPENSHIFT, service.status());
    assertEquals("172.21.0.0/16", service.coveredBy());
    assertFalse(values(cluster).contains("172.21.0.0/16"), cluster::noProxy);
    assertTrue(values(a.recommendations().get(Target.CRIO)).contains("172.21.0.0/16"));
  }

  @Test
  void recommend_exactHostWhoseSubdomainIsInternet_isRefusedWithAWarning() {
    // Go's "corp.example.com" would also exempt api.corp.example.com, which is internet.
    Analysis a =
        new ScenarioLogs()
            .tunnel("corp.example.com:443", "10.1.0.5")
            .tunnel("api.corp.example.com:443", "198.51.100.7")
            .analyze(dir, roks());
    for (Target t : List.of(Target.CLUSTER, Target.CRIO, Target.ENV)) {
      assertFalse(
          values(a.recommendations().get(t)).contains("corp.example.com"),
          a.recommendations().get(t)::noProxy);
    }
    assertTrue(
        a.recommendations().warnings().stream()
            .anyMatch(w -> w.contains("'corp.example.com'") && w.contains("api.corp.example.com")),
        a.recommendations().warnings()::toString);
  }

  @Test
  void recommend_withProxyConfig_diffsAgainstTheClusterAndKeepsSpec() throws IOException {
    Path proxy =
        Files.writeString(
            dir.resolve("proxy.json"),
            """
            {"kind": "Proxy",
             "spec": {"httpsProxy": "http://10.240.0.4:3128",
                      "noProxy": "icr.io,corp.example,*.bad.example,Upper.example"},
             "status": {"noProxy": ".cluster.local,.svc,127.0.0.1,172.21.0.0/16,corp.example,icr.io,localhost,upper.example"}}
            """);
    Analysis a =
        new ScenarioLogs()
            .denied("us.icr.io:443")
            .denied("image-registry.openshift-image-registry.svc:5000")
            .denied("172.20.0.1:2040")
            .analyze(dir, roks().proxy(ProxySettings.fromProxyConfig(proxy, "--proxy-config")));
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    Map<String, Recommendation.Entry> e = entries(cluster);
    assertEquals(Recommendation.Status.ALREADY_COVERED, e.get("us.icr.io").status());
    assertEquals("icr.io", e.get("us.icr.io").coveredBy());
    assertEquals(Recommendation.Status.ADDED_BY_OPENSHIFT, e.get(".svc").status());
    assertEquals(Recommendation.Status.NEW, e.get("172.20.0.0/16").status());
    // The patch replaces spec.noProxy: the user's valid entries stay, invalid ones are fixed or go.
    assertEquals("172.20.0.0/16,corp.example,icr.io,upper.example", cluster.noProxy());
    assertEquals(List.of(), NoProxyValidation.openShiftProblems(cluster.noProxy()));
    Map<String, Recommendation.CurrentEntry> current =
        cluster.current().stream()
            .collect(Collectors.toMap(Recommendation.CurrentEntry::value, Function.identity()));
    assertTrue(current.get("corp.example").note().startsWith("no evidence in this log"));
    assertEquals(List.of("us.icr.io"), current.get("icr.io").covers());
    assertFalse(current.get("*.bad.example").kept());
    assertTrue(current.get("Upper.example").note().startsWith("rewritten as 'upper.example'"));
    assertTrue(cluster.artifact().startsWith("oc patch proxy/cluster --type=merge -p '"));
    // The proxy address comes from the file.
    assertTrue(
        a.recommendations()
            .get(Target.CRIO)
            .artifact()
            .contains("HTTPS_PROXY=http://10.240.0.4:3128"));
  }

  @Test
  void recommend_nothingNew_saysSoInsteadOfAPatch() throws IOException {
    Path proxy =
        Files.writeString(
            dir.resolve("proxy.json"),
            "{\"kind\":\"Proxy\",\"spec\":{\"httpProxy\":\"http://p:3128\",\"noProxy\":\"icr.io\"}}");
    Analysis a =
        new ScenarioLogs()
            .denied("us.icr.io:443")
            .analyze(dir, roks().proxy(ProxySettings.fromProxyConfig(proxy, "--proxy-config")));
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    assertTrue(cluster.artifact().startsWith("# nothing to add"), cluster.artifact());
    assertEquals("icr.io", cluster.noProxy());
  }

  @Test
  void recommend_currentNoProxy_isKeptAndCoversWhatItCovers() {
    Analysis a =
        new ScenarioLogs()
            .denied("172.20.0.1:2040")
            .denied("image-registry.openshift-image-registry.svc:5000")
            .analyze(
                dir,
                roks().proxy(ProxySettings.none().withNoProxy("localhost,172.20.0.0/16,.src")));
    Recommendation crio = a.recommendations().get(Target.CRIO);
    Map<String, Recommendation.Entry> e = entries(crio);
    assertEquals(Recommendation.Status.ALREADY_COVERED, e.get("172.20.0.0/16").status());
    assertEquals(Recommendation.Status.BASELINE, e.get(".svc").status());
    assertTrue(values(crio).containsAll(List.of(".src", ".svc", "172.20.0.0/16", "localhost")));
    Recommendation.CurrentEntry typo =
        crio.current().stream().filter(c -> c.value().equals(".src")).findFirst().orElseThrow();
    assertTrue(typo.kept());
    assertTrue(typo.note().startsWith("no evidence in this log"), typo.note());
  }

  @Test
  void recommend_listPastTheExecLimit_isAnErrorNotAValue() {
    ScenarioLogs log = new ScenarioLogs();
    // 12,000 private addresses outside every configured range: one entry each.
    for (int i = 0; i < 12_000; i++) {
      log.denied(String.format(Locale.ROOT, "10.%d.%d.9:443", 120 + i / 250, i % 250));
    }
    Analysis a =
        log.analyze(
            dir,
            AnalyzerOptions.builder()
                .profile(Profile.KUBERNETES.id())
                .serviceNetworks(List.of("10.96.0.0/12"))
                .threads(1));
    Recommendation crio = a.recommendations().get(Target.CRIO);
    assertEquals(1, crio.errors().size(), crio.errors()::toString);
    assertTrue(crio.errors().get(0).contains("E2BIG"), crio.errors().get(0));
  }

  @Test
  void recommend_listPastTheSystemdLineLimit_warns() {
    ScenarioLogs log = new ScenarioLogs();
    for (int i = 0; i < 200; i++) {
      log.denied(String.format(Locale.ROOT, "10.120.%d.9:443", i));
    }
    Analysis a = log.analyze(dir, AnalyzerOptions.builder().profile(Profile.KUBERNETES.id()));
    Recommendation env = a.recommendations().get(Target.ENV);
    assertEquals(List.of(), env.errors());
    assertTrue(
        env.warnings().stream().anyMatch(n -> n.contains("2048 bytes")), env.warnings()::toString);
  }

  @Test
  void recommend_everyTarget_rendersItsArtifact() {
    Analysis a =
        new ScenarioLogs()
            .denied("172.20.0.1:2040")
            .analyze(
                dir,
                roks()
                    .proxy(
                        ProxySettings.none()
                            .withProxyUrl("http://u:p%40ss@10.0.0.4:3128", "--proxy-url")));
    Recommendations r = a.recommendations();
    assertTrue(
        r.get(Target.CRIO).artifact().startsWith("HTTP_PROXY=http://u:p%40ss@10.0.0.4:3128\n"));
    assertTrue(r.get(Target.ENV).artifact().contains("export no_proxy='"));
    assertTrue(
        r.get(Target.JAVA)
            .artifact()
            .startsWith(
                "export JAVA_TOOL_OPTIONS='-Dhttp.proxyHost=10.0.0.4 -Dhttp.proxyPort=3128"),
        r.get(Target.JAVA).artifact());
    assertTrue(r.get(Target.JAVA).noProxy().startsWith("localhost|127.*|[::1]|"));
    assertTrue(r.get(Target.JAVA).noProxy().contains("|172.20.*"));
    // systemd expands % specifiers: the drop-in doubles them.
    assertTrue(
        r.get(Target.DOCKER)
            .artifact()
            .contains("Environment=\"HTTP_PROXY=http://u:p%%40ss@10.0.0.4:3128\""),
        r.get(Target.DOCKER).artifact());
    assertTrue(r.get(Target.DOCKER).artifact().contains("\"noProxy\" : \""));
    assertTrue(
        r.get(Target.MTC)
            .artifact()
            .startsWith(
                "oc patch migrationcontroller migration-controller -n openshift-migration"));
    assertNull(r.get(Target.CLUSTER).errors().isEmpty() ? null : r.get(Target.CLUSTER).errors());
  }
}
