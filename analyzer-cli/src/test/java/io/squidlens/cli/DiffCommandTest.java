package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DiffCommandTest {
  private static final String AT = "2025-11-21T10:42:00Z";

  @TempDir Path dir;

  private String rollout() throws Exception {
    return TestLogs.copy("sample-logs/roks-vpc-rollout/access.log", dir).toString();
  }

  @Test
  void failOnStillProxied_exits65_whenAPrivateDestinationStillReachesTheProxy() throws Exception {
    MainTest.Run r =
        MainTest.run("diff", "--dns", "off", "--fail-on-still-proxied", "--at", AT, rollout());
    assertEquals(65, r.code(), r.err());
    assertTrue(r.out().startsWith("squidlens diff: 11 fixed, 3 still through the proxy"), r.out());
  }

  @Test
  void withoutFailOnStillProxied_exits0_withTheSameVerdict() throws Exception {
    MainTest.Run r = MainTest.run("diff", "--dns", "off", "--at", AT, rollout());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("3 still through the proxy"), r.out());
  }

  @Test
  void failOnStillProxied_exits0_whenNothingPrivateIsLeft() throws Exception {
    // Before the rollout's last minute, after it only internet traffic: the change worked.
    Path log = dir.resolve("fixed.log");
    Files.writeString(
        log,
        "1763721690.500    120 10.0.0.8 TCP_TUNNEL/200 4521 CONNECT icr.io:443 - HIER_DIRECT/"
            + "166.9.0.1 -\n"
            + "1763721750.500    120 10.0.0.8 TCP_TUNNEL/200 4521 CONNECT github.com:443 -"
            + " HIER_DIRECT/140.82.112.3 -\n");
    MainTest.Run r =
        MainTest.run(
            "diff",
            "--dns",
            "off",
            "--profile",
            "roks-vpc",
            "--fail-on-still-proxied",
            "-o",
            "json",
            "--at",
            AT,
            log.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("icr.io", j.get("fixed").get(0).get("host").asText());
    assertEquals(0, j.get("stillProxied").size());
    assertEquals("internet", j.get("newAfter").get(0).get("destinationClass").asText());
  }

  @Test
  void oneInputWithoutAt_isAUsageError() throws Exception {
    MainTest.Run r = MainTest.run("diff", rollout());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("give --at TIME"), r.err());
  }

  @Test
  void badAt_isAUsageErrorNamingTheOption() throws Exception {
    MainTest.Run r = MainTest.run("diff", "--at", "yesterday", rollout());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("squidlens: --at: 'yesterday' is not a time"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void csv_isRefusedAsAFormatDiffDoesNotWrite() throws Exception {
    MainTest.Run r = MainTest.run("diff", "-o", "csv", "--at", AT, rollout());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("csv"), r.err());
  }

  @Test
  void stateFileAgainstLog_comparesYesterdayWithToday() throws Exception {
    String before =
        TestLogs.copy(
                "sample-logs/roks-vpc-before-noproxy/access.log",
                Files.createDirectory(dir.resolve("mon")))
            .toString();
    String after =
        TestLogs.copy(
                "sample-logs/roks-vpc-after-noproxy/access.log",
                Files.createDirectory(dir.resolve("tue")))
            .toString();
    Path state = dir.resolve("mon.state");
    assertEquals(
        0, MainTest.run("analyze", "--dns", "off", "--state", state.toString(), before).code());
    MainTest.Run viaState =
        MainTest.run("diff", "--dns", "off", "-o", "json", state.toString(), after);
    MainTest.Run viaLogs = MainTest.run("diff", "--dns", "off", "-o", "json", before, after);
    assertEquals(0, viaState.code(), viaState.err());
    assertEquals(viaLogs.out(), viaState.out());
  }

  @Test
  void stateFileWithAt_isRefusedSinceItKeepsNoRecords() throws Exception {
    String log = rollout();
    Path state = dir.resolve("s.state");
    assertEquals(
        0, MainTest.run("analyze", "--dns", "off", "--state", state.toString(), log).code());
    MainTest.Run r = MainTest.run("diff", "--at", AT, state.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("a state file keeps no records"), r.err());
  }
}
