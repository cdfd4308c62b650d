package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExplainCommandTest {
  @TempDir Path dir;

  @Test
  void explain_nodeLocalApi_givesRangeAndEvidence() {
    MainTest.Run r = MainTest.run("explain", "--profile", "roks-vpc", "172.20.0.1:2040");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("class:   cluster-internal"), r.out());
    assertTrue(r.out().contains("NO_PROXY entry that exempts it: 172.20.0.0/16"), r.out());
  }

  @Test
  void explain_withLog_usesLoggedPeersAndDetectedProfile() throws Exception {
    String log = TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir).toString();
    MainTest.Run r =
        MainTest.run(
            "explain",
            "-o",
            "json",
            "console-openshift-console.mycluster-0a1b2c3d4e5f60718293a4b5c6d7e8f9-i000.jp-tok.containers.appdomain.cloud:443",
            log);
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("private-endpoint", j.get("destinationClass").asText());
    assertEquals("peer", j.get("basis").asText());
    assertEquals("roks-vpc", j.get("profile").asText());
    assertEquals(1, j.get("requests").asInt());
  }

  @Test
  void explain_hostsFileAndDns_areConsultedInThatOrder() throws Exception {
    Path hosts = Files.write(dir.resolve("hosts"), List.of("172.20.0.3 jp.registry.example"));
    Context dns =
        io.squidlens.cli.Context.of(Map.of())
            .withDns(Map.of("lb.example.com", List.of("10.3.0.9")), "test DNS");
    MainTest.Run viaHosts =
        MainTest.run(
            dns,
            "explain",
            "--profile",
            "openshift",
            "--hosts",
            hosts.toString(),
            "jp.registry.example");
    assertTrue(
        viaHosts.out().contains(hosts + " maps jp.registry.example to 172.20.0.3"), viaHosts.out());
    MainTest.Run viaDns =
        MainTest.run(dns, "explain", "--profile", "openshift", "lb.example.com:443");
    assertTrue(viaDns.out().contains("test DNS maps lb.example.com to 10.3.0.9"), viaDns.out());
  }

  @Test
  void explain_configFileWithNetworks_appliesThem() throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("squidlens.yaml"),
            "profile: openshift\nserviceNetworks: [172.29.0.0/16]\n");
    MainTest.Run r = MainTest.run("explain", "--config", cfg.toString(), "172.29.1.1:443");
    assertTrue(r.out().contains("service network 172.29.0.0/16"), r.out());
    MainTest.Run flagWins =
        MainTest.run(
            "explain",
            "--config",
            cfg.toString(),
            "--service-network",
            "172.28.0.0/16",
            "172.29.1.1:443");
    assertTrue(flagWins.out().contains("RFC 1918 private range 172.16.0.0/12"), flagWins.out());
  }

  @Test
  void explain_networkConfig_readsOcOutput() throws Exception {
    Path net =
        Files.writeString(
            dir.resolve("network.json"),
            "{\"kind\":\"Network\",\"status\":{\"serviceNetwork\":[\"172.30.0.0/16\"],"
                + "\"clusterNetwork\":[{\"cidr\":\"10.128.0.0/14\",\"hostPrefix\":23}]}}");
    MainTest.Run r =
        MainTest.run(
            "explain",
            "--profile",
            "openshift",
            "--network-config",
            net.toString(),
            "10.129.3.4:8080");
    assertTrue(r.out().contains("pod network 10.128.0.0/14"), r.out());
  }

  @Test
  void explain_badInputs_areUsageOrInputErrors() throws Exception {
    assertEquals(2, MainTest.run("explain", "--peer", "nope", "x.example.com").code());
    MainTest.Run missingHosts =
        MainTest.run("explain", "--hosts", dir.resolve("nope").toString(), "x.example.com");
    assertEquals(74, missingHosts.code());
    assertTrue(missingHosts.err().contains("no such file"), missingHosts.err());
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "profle: roks\n");
    MainTest.Run badConfig = MainTest.run("explain", "--config", bad.toString(), "x.example.com");
    assertEquals(2, badConfig.code());
    assertTrue(badConfig.err().contains("unknown key 'profle'"), badConfig.err());
  }
}
