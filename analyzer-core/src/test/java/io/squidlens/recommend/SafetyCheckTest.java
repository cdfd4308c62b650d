package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.Analysis;
import io.squidlens.AnalyzerOptions;
import io.squidlens.base.BadValueException;
import io.squidlens.base.Option;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.recommend.Recommendation.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What may be printed for a user to paste: nothing in force that exempts the internet, nothing
 * broad by its shape, nothing under a destination the table could not track, no log text that
 * changes a file or an ACL.
 */
final class SafetyCheckTest {
  @TempDir Path dir;

  private static AnalyzerOptions.Builder roks() {
    // Spelled as the command line does, so the messages under test read as users see them.
    return AnalyzerOptions.builder()
        .profile(Profile.ROKS_VPC.id())
        .threads(1)
        .names(o -> o == Option.KEEP_UNSAFE ? "--keep-unsafe" : o.key());
  }

  private static List<String> values(Recommendation r) {
    return r.noProxy().isEmpty() ? List.of() : List.of(r.noProxy().split(",", -1));
  }

  private static Map<String, Recommendation.CurrentEntry> current(Recommendation r) {
    return r.current().stream()
        .collect(Collectors.toMap(Recommendation.CurrentEntry::value, c -> c));
  }

  /** Public COS and another customer's ingress as internet; ICR and a denial as private. */
  private static ScenarioLogs sharedZonesLog() {
    return new ScenarioLogs()
        .tunnel("us.icr.io:443", "10.240.0.41")
        .tunnel("s3.jp-tok.cloud-object-storage.appdomain.cloud:443", "52.117.1.2")
        .tunnel("othercorp-77aa-0000.us-south.containers.appdomain.cloud:443", "169.45.1.2")
        .denied("172.20.0.1:2040");
  }

  private Path proxyConfig(String noProxy) throws IOException {
    return Files.writeString(
        dir.resolve("proxy.json"),
        "{\"kind\":\"Proxy\",\"spec\":{\"httpProxy\":\"http://10.0.0.4:3128\",\"noProxy\":\""
            + noProxy
            + "\"}}");
  }

  @Test
  void specEntryExemptingTheInternet_isLeftOutMarkedAndWarned() throws IOException {
    ProxySettings p =
        ProxySettings.fromProxyConfig(
            proxyConfig(".cloud-object-storage.appdomain.cloud,.containers.appdomain.cloud"),
            "--proxy-config");
    Analysis a = sharedZonesLog().analyze(dir, roks().proxy(p));
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    assertFalse(cluster.noProxy().contains("appdomain.cloud,"), cluster.noProxy());
    assertTrue(values(cluster).stream().noneMatch(v -> v.endsWith("containers.appdomain.cloud")));
    assertTrue(
        values(cluster).stream().noneMatch(v -> v.equals(".cloud-object-storage.appdomain.cloud")));
    Recommendation.CurrentEntry cos = current(cluster).get(".cloud-object-storage.appdomain.cloud");
    assertTrue(cos.unsafe() && !cos.kept(), cos::toString);
    assertEquals(
        List.of(new Recommendation.Exempted("s3.jp-tok.cloud-object-storage.appdomain.cloud", 1)),
        cos.exemptsInternet());
    assertTrue(
        cluster.warnings().stream()
            .anyMatch(
                w ->
                    w.contains("'.containers.appdomain.cloud' left out")
                        && w.contains("--keep-unsafe")),
        cluster.warnings()::toString);
    assertTrue(cluster.artifact().startsWith("oc patch"), cluster.artifact());
  }

  @Test
  void keepUnsafe_keepsTheEntryAndTheArtifactSaysSo() throws IOException {
    ProxySettings p =
        ProxySettings.fromProxyConfig(proxyConfig(".containers.appdomain.cloud"), "--proxy-config");
    Analysis a = sharedZonesLog().analyze(dir, roks().proxy(p).keepUnsafe(true));
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    assertTrue(values(cluster).contains(".containers.appdomain.cloud"), cluster.noProxy());
    Recommendation.CurrentEntry e = current(cluster).get(".containers.appdomain.cloud");
    assertTrue(e.unsafe() && e.kept(), e::toString);
    assertTrue(
        cluster.artifact().startsWith("# --keep-unsafe: this value keeps .containers."),
        cluster.artifact());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"*", ".com", "0.0.0.0/0", "::/0", "co.uk", ".github.io", ".appdomain.cloud"})
  void currentNoProxy_broadByShape_isLeftOutOfEveryCompleteList(String entry) {
    Analysis a =
        new ScenarioLogs()
            .denied("172.20.0.1:2040")
            .analyze(dir, roks().proxy(ProxySettings.none().withNoProxy(entry + ",icr.io")));
    for (Target t : List.of(Target.CRIO, Target.ENV, Target.DOCKER, Target.MTC)) {
      Recommendation r = a.recommendations().get(t);
      assertFalse(values(r).contains(entry), t + ": " + r.noProxy());
      assertTrue(values(r).contains("icr.io"), t + ": " + r.noProxy());
      assertTrue(current(r).get(entry).unsafe(), t + ": " + entry);
    }
    assertFalse(a.recommendations().get(Target.CRIO).artifact().contains("=" + entry + ","));
  }

  @Test
  void starInSpec_isDroppedAndCoverageJudgedWithoutIt() throws IOException {
    ProxySettings p = ProxySettings.fromProxyConfig(proxyConfig("*"), "--proxy-config");
    Analysis a =
        new ScenarioLogs()
            .denied("172.20.0.1:2040")
            .tunnel("us.icr.io:443", "10.240.0.41")
            .tunnel("de.icr.io:443", "10.240.0.42")
            .analyze(dir, roks().proxy(p));
    Recommendation cluster = a.recommendations().get(Target.CLUSTER);
    assertTrue(
        values(cluster).containsAll(List.of(".icr.io", "icr.io", "172.20.0.0/16")),
        cluster.noProxy());
    assertFalse(values(cluster).contains("*"), cluster.noProxy());
    assertTrue(current(cluster).get("*").unsafe());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "co.uk:443",
        "github.io:443",
        "uk:443",
        "herokuapp.com:443",
        "s3.amazonaws.com:443",
        "blob.core.windows.net:443",
        "us-south.containers.appdomain.cloud:443"
      })
  void privatePeerForAPublicSuffix_neverPutsItInAValue(String authority) {
    Analysis a = new ScenarioLogs().tunnel(authority, "10.240.0.77").analyze(dir, roks());
    String host = authority.substring(0, authority.indexOf(':'));
    for (Target t : Target.values()) {
      Recommendation r = a.recommendations().get(t);
      assertFalse(values(r).contains(host), t + ": " + r.noProxy());
      assertFalse(values(r).contains("." + host), t + ": " + r.noProxy());
    }
    assertTrue(
        a.recommendations().warnings().stream().anyMatch(w -> w.contains("'" + host + "'")),
        a.recommendations().warnings()::toString);
  }

  @Test
  void allowlist_onlyValidHostNamesAndAddresses() {
    Analysis a =
        new ScenarioLogs()
            .denied(".com:443")
            .denied("\"/etc/squid/x\":443")
            .denied("-i:443")
            .denied("all:443")
            .denied("*:443")
            .denied("com:443")
            .denied("quay.io:443")
            .denied("203.0.113.9:443")
            .analyze(dir, roks());
    List<String> acls =
        a.recommendations().squidAllowlist().stream()
            .map(Recommendations.AllowlistAdvice::acl)
            .toList();
    assertEquals(
        List.of("acl squidlens_allowed dst 203.0.113.9", "acl squidlens_allowed dstdomain quay.io"),
        acls.stream().sorted().toList());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.4:3128\nLD_PRELOAD=/x",
        "http://$(id):1",
        "ftp://10.0.0.4:21",
        "http://10.0.0.4:3128/path",
        "http://10.0.0.4:99999",
        "http://user'x@10.0.0.4:3128",
        "10.0.0.4:3128"
      })
  void proxyUrl_anythingButAnHttpProxyUrl_isRefused(String url) {
    BadValueException e =
        assertThrows(
            BadValueException.class, () -> ProxySettings.none().withProxyUrl(url, "--proxy-url"));
    assertTrue(e.getMessage().startsWith("--proxy-url '"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void proxyConfig_injectedHttpProxy_isRefusedNamingTheField() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("bad.json"),
            "{\"kind\":\"Proxy\",\"spec\":{\"httpProxy\":\"http://10.0.0.4:3128\\nLD_PRELOAD=/x\"}}");
    BadValueException e =
        assertThrows(
            BadValueException.class, () -> ProxySettings.fromProxyConfig(f, "--proxy-config"));
    assertTrue(e.getMessage().contains("spec.httpProxy"), e.getMessage());
  }

  @Test
  void artifacts_neverCarryASecondLineFromAValue() {
    assertEquals("a.example.com", Artifacts.environmentFileValue("a.example.com"));
    assertEquals("\"a\\nLD_PRELOAD=/x\"", Artifacts.environmentFileValue("a\nLD_PRELOAD=/x"));
    String crio = Artifacts.crio("http://p:1", "http://p:1", "a\nb");
    assertEquals(3, crio.lines().count(), crio);
    String docker = Artifacts.docker("http://p:1", "http://p:1", "a\nb");
    assertTrue(docker.lines().noneMatch(l -> l.equals("b\"")), docker);
  }

  @Test
  void currentEntryThatCannotGoIntoAFile_isDropped() {
    Analysis a =
        new ScenarioLogs()
            .denied("172.20.0.1:2040")
            .analyze(dir, roks().proxy(ProxySettings.none().withNoProxy("ok.example.com,a$b")));
    Recommendation crio = a.recommendations().get(Target.CRIO);
    assertFalse(crio.noProxy().contains("$"), crio.noProxy());
    assertFalse(current(crio).get("a$b").kept());
  }

  @Test
  void overflow_entryCoveringAnUntrackedDestination_isNotRecommended() {
    ScenarioLogs log = new ScenarioLogs().tunnel("corp.example.com:443", "10.1.0.5");
    for (int i = 0; i < 5; i++) {
      log.tunnel("filler" + i + ".example.net:443", "198.51.100." + (i + 1));
    }
    log.tunnel("www.corp.example.com:443", "198.51.100.99");
    Analysis a = log.analyze(dir, roks().maxDestinations(6));
    assertTrue(a.summary().overflow().happened());
    for (Target t : Target.values()) {
      Recommendation r = a.recommendations().get(t);
      assertFalse(values(r).contains("corp.example.com"), t + ": " + r.noProxy());
      assertTrue(r.incomplete(), t.id());
      assertTrue(
          r.artifact().contains("# incomplete: the destination table overflowed"), r.artifact());
    }
    assertTrue(
        a.recommendations().warnings().stream()
            .anyMatch(w -> w.contains("'corp.example.com'") && w.contains("overflowed")),
        a.recommendations().warnings()::toString);
  }

  @Test
  void overflow_underAZoneTheRulesMakePrivate_doesNotBlockIt() {
    ScenarioLogs log =
        new ScenarioLogs().denied("image-registry.openshift-image-registry.svc:5000");
    for (int i = 0; i < 5; i++) {
      log.tunnel("filler" + i + ".example.net:443", "198.51.100." + (i + 1));
    }
    log.denied("other.ns.svc:5000");
    Analysis a = log.analyze(dir, roks().maxDestinations(6));
    assertTrue(values(a.recommendations().get(Target.CRIO)).contains(".svc"));
  }

  @Test
  void noPublicSuffix_makesANamePrivateWhateverItsPeer() {
    Analysis a =
        new ScenarioLogs()
            .tunnel("my-service.my-namespace:8443", "198.51.100.3")
            .tunnel("db.corp:5432", "198.51.100.4")
            .analyze(
                dir,
                AnalyzerOptions.builder()
                    .profile(Profile.KUBERNETES.id())
                    .machineNetworks(List.of("192.168.0.0/24"))
                    .threads(1));
    Map<String, Verdict> byHost =
        a.verdicts().stream().collect(Collectors.toMap(Verdict::host, v -> v));
    assertEquals(
        TrafficClass.CLUSTER_INTERNAL, byHost.get("my-service.my-namespace").destinationClass());
    assertEquals(TrafficClass.PRIVATE_ENDPOINT, byHost.get("db.corp").destinationClass());
    assertNotNull(byHost.get("db.corp").reason());
    assertTrue(
        byHost.get("db.corp").reason().contains("no public suffix"), byHost.get("db.corp")::reason);
  }
}
