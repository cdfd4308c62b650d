package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.TestLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RecommendCommandTest {
  @TempDir Path dir;

  private String sample() {
    return TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir).toString();
  }

  @Test
  void recommend_valueOnly_printsJustTheList() {
    MainTest.Run r = MainTest.run("recommend", "--target", "crio", "--value-only", sample());
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.out().lines().count(), r.out());
    assertTrue(r.out().startsWith(".cluster.local,.icr.io,"), r.out());
  }

  @Test
  void recommend_unknownTarget_isAUsageErrorListingTheTargets() {
    MainTest.Run r = MainTest.run("recommend", "--target", "podman", sample());
    assertEquals(2, r.code());
    assertTrue(
        r.err().contains("unknown target 'podman': expected cluster, crio, env, java, docker, mtc"),
        r.err());
  }

  @Test
  void recommend_withProxyConfig_takesTheProxyFromIt() throws IOException {
    Path proxy =
        Files.writeString(
            dir.resolve("proxy.yaml"),
            """
            apiVersion: config.openshift.io/v1
            kind: Proxy
            spec:
              httpProxy: http://10.9.9.9:3128
              noProxy: corp.example
            """);
    MainTest.Run r =
        MainTest.run("recommend", "--target", "crio", "--proxy-config", proxy.toString(), sample());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("HTTP_PROXY=http://10.9.9.9:3128\n"), r.out());
  }

  @Test
  void recommend_proxyConfigOfTheWrongKind_namesTheFile() throws IOException {
    Path proxy = Files.writeString(dir.resolve("net.json"), "{\"kind\":\"Network\"}");
    MainTest.Run r =
        MainTest.run(
            "recommend", "--target", "cluster", "--proxy-config", proxy.toString(), sample());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(proxy + ": expected the output of 'oc get proxy/cluster"), r.err());
  }

  @Test
  void recommend_valueTooLongToApply_exits65AndPrintsNothing() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      lines.add(
          String.format(
              Locale.ROOT,
              "1763712000.000 1 10.0.0.1 TCP_DENIED/403 0 CONNECT 10.%d.%d.9:443 - HIER_NONE/- -",
              120 + i / 250,
              i % 250));
    }
    Path log = TestLogs.write(dir, "many.log", lines);
    MainTest.Run r =
        MainTest.run("recommend", "--target", "env", "--profile", "kubernetes", log.toString());
    assertEquals(65, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("squidlens: error: NO_PROXY is "), r.err());
  }

  /** Public COS and another customer's ingress as internet, ICR private, a denial. */
  private Path sharedZonesLog() {
    return TestLogs.write(
        dir,
        "shared.log",
        List.of(
            "1763712000.100 245 10.240.0.14 TCP_TUNNEL/200 8734 CONNECT us.icr.io:443 -"
                + " HIER_DIRECT/10.240.0.41 -",
            "1763712000.200 310 10.240.0.14 TCP_TUNNEL/200 51234 CONNECT"
                + " s3.jp-tok.cloud-object-storage.appdomain.cloud:443 - HIER_DIRECT/52.117.1.2 -",
            "1763712000.400 80 10.240.0.15 TCP_TUNNEL/200 4420 CONNECT"
                + " othercorp-77aa-0000.us-south.containers.appdomain.cloud:443 -"
                + " HIER_DIRECT/169.45.1.2 -",
            "1763712001.002 0 10.240.0.15 TCP_DENIED/403 3890 CONNECT 172.20.0.1:2040 -"
                + " HIER_NONE/- text/html"));
  }

  private Path proxyConfig(String noProxy) throws IOException {
    return Files.writeString(
        dir.resolve("proxy.json"),
        "{\"kind\":\"Proxy\",\"spec\":{\"httpProxy\":\"http://10.0.0.4:3128\",\"noProxy\":\""
            + noProxy
            + "\"}}");
  }

  @Test
  void recommend_unsafeEntryInForce_isLeftOutOfStdoutAndWarnedOnStderr() throws IOException {
    Path proxy = proxyConfig(".cloud-object-storage.appdomain.cloud,.containers.appdomain.cloud");
    MainTest.Run r =
        MainTest.run(
            "recommend",
            "--target",
            "cluster",
            "--proxy-config",
            proxy.toString(),
            sharedZonesLog().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(!r.out().contains("appdomain.cloud,") && !r.out().contains(".containers."), r.out());
    assertTrue(
        r.err().contains("warning: spec.noProxy entry '.containers.appdomain.cloud' left out"),
        r.err());
    assertTrue(
        r.err().contains("othercorp-77aa-0000.us-south.containers.appdomain.cloud"), r.err());
  }

  @Test
  void recommend_keepUnsafe_keepsTheEntryAndTheArtifactSaysSo() {
    MainTest.Run r =
        MainTest.run(
            "recommend",
            "--target",
            "crio",
            "--keep-unsafe",
            "--current-no-proxy",
            "*,.com,0.0.0.0/0,icr.io",
            sharedZonesLog().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("# --keep-unsafe: this value keeps *, .com, 0.0.0.0/0"), r.out());
    assertTrue(r.out().contains("NO_PROXY=*,"), r.out());
    MainTest.Run safe =
        MainTest.run(
            "recommend",
            "--target",
            "crio",
            "--value-only",
            "--current-no-proxy",
            "*,.com,0.0.0.0/0,icr.io",
            sharedZonesLog().toString());
    assertEquals(0, safe.code(), safe.err());
    for (String bad : List.of("*", ".com", "0.0.0.0/0")) {
      assertTrue(!List.of(safe.out().strip().split(",")).contains(bad), safe.out());
    }
  }

  @Test
  void recommend_noRecordInTheInput_printsNothingAndExits65() {
    Path junk = TestLogs.write(dir, "junk.log", List.of("not a log line", "nor this"));
    MainTest.Run r = MainTest.run("recommend", "--target", "crio", junk.toString());
    assertEquals(65, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("no log records in " + junk), r.err());
    MainTest.Run empty =
        MainTest.run(
            "recommend", "--target", "crio", TestLogs.write(dir, "e.log", List.of()).toString());
    assertEquals(65, empty.code(), empty.err());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "--cluster-network, 0.0.0.0/0, default route",
    "--service-network, ::/0, default route",
    "--machine-network, 8.0.0.0/5, wider than any cluster",
    "--machine-network, 100.0.0.0/16, public address space",
    "--ingress-domain, appdomain.cloud, shares",
    "--private-domain, com, not a DNS zone",
    "--private-domain, co.uk, public suffix",
    "--private-domain, cloud.ibm.com, shares"
  })
  void recommend_optionThatWouldExemptTheInternet_isAUsageErrorNamingIt(
      String option, String value, String why) {
    MainTest.Run r =
        MainTest.run("recommend", "--target", "crio", option, value, sharedZonesLog().toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("squidlens: " + option + " " + value + ": "), r.err());
    assertTrue(r.err().contains(why), r.err());
  }

  @Test
  void recommend_networkFromTheConfigFile_isCheckedToo() throws IOException {
    Path config = Files.writeString(dir.resolve("c.yaml"), "clusterNetworks: [0.0.0.0/0]\n");
    MainTest.Run r =
        MainTest.run(
            "recommend",
            "--target",
            "crio",
            "--config",
            config.toString(),
            sharedZonesLog().toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("key 'clusterNetworks'"), r.err());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"http://10.0.0.4:3128\nLD_PRELOAD=/x", "http://$(id):1", "socks5://10.0.0.4:1080"})
  void recommend_proxyUrlThatIsNotOne_isAUsageError(String url) {
    MainTest.Run r =
        MainTest.run(
            "recommend", "--target", "crio", "--proxy-url", url, sharedZonesLog().toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("not a proxy URL"), r.err());
    assertEquals(2, r.err().lines().count(), r.err());
  }

  @Test
  void recommend_tableOverflow_saysIncompleteOnStdoutToo() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add(
          String.format(
              Locale.ROOT,
              "1763712000.000 1 10.0.0.1 TCP_TUNNEL/200 10 CONNECT h%d.example.com:443 -"
                  + " HIER_DIRECT/198.51.100.%d -",
              i,
              i + 1));
    }
    Path log = TestLogs.write(dir, "wide.log", lines);
    MainTest.Run r =
        MainTest.run(
            "recommend",
            "--target",
            "crio",
            "--max-destinations",
            "5",
            "--threads",
            "1",
            log.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("# incomplete: the destination table overflowed"), r.out());
  }
}
