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
}
