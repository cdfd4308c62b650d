package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squidlens.TestLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze --state}, state files given as inputs, and inputs labelled by proxy. */
final class StateAndSourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static JsonNode withoutSources(String report) throws Exception {
    ObjectNode j = (ObjectNode) JSON.readTree(report);
    ObjectNode input = (ObjectNode) j.get("input");
    input.remove("sources");
    input.remove("files");
    return j;
  }

  @Test
  void state_secondRunOverARotatedLog_countsEveryLineOnce() throws Exception {
    Path log = TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir);
    Path state = dir.resolve("squidlens.state");
    MainTest.Run first =
        MainTest.run(
            "analyze", "--dns", "off", "-o", "json", "--state", state.toString(), "" + log);
    assertEquals(0, first.code(), first.err());
    assertTrue(Files.size(state) > 0);

    // squid -k rotate: the file moves to access.log.1 and a new access.log starts.
    Path rotated = dir.resolve("access.log.1");
    Files.move(log, rotated);
    Files.copy(
        TestLogs.copy(
            "sample-logs/roks-vpc-rollout/access.log", Files.createDirectory(dir.resolve("x"))),
        log,
        StandardCopyOption.REPLACE_EXISTING);
    MainTest.Run second =
        MainTest.run(
            "analyze",
            "--dns",
            "off",
            "-o",
            "json",
            "--state",
            state.toString(),
            "" + rotated,
            "" + log);
    assertEquals(0, second.code(), second.err());
    MainTest.Run once =
        MainTest.run("analyze", "--dns", "off", "-o", "json", "" + rotated, "" + log);
    assertEquals(withoutSources(once.out()), withoutSources(second.out()));
    assertEquals(190, JSON.readTree(second.out()).get("input").get("lines").asLong());
  }

  @Test
  void state_damaged_exits65NamingItAndLeavesItAlone() throws Exception {
    Path log = TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir);
    Path state = dir.resolve("squidlens.state");
    Files.write(state, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
    MainTest.Run r = MainTest.run("analyze", "--dns", "off", "--state", "" + state, "" + log);
    assertEquals(65, r.code());
    assertTrue(r.err().startsWith("squidlens: " + state), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals(7, Files.size(state));
  }

  @Test
  void stateFiles_givenAsInputs_reportLikeTheirLogsTogether() throws Exception {
    Path mon =
        TestLogs.copy(
            "sample-logs/roks-vpc-before-noproxy/access.log",
            Files.createDirectory(dir.resolve("mon")));
    Path tue =
        TestLogs.copy(
            "sample-logs/roks-vpc-after-noproxy/access.log",
            Files.createDirectory(dir.resolve("tue")));
    Path monState = dir.resolve("mon.state");
    Path tueState = dir.resolve("tue.state");
    assertEquals(
        0, MainTest.run("analyze", "--dns", "off", "--state", "" + monState, "" + mon).code());
    assertEquals(
        0, MainTest.run("analyze", "--dns", "off", "--state", "" + tueState, "" + tue).code());
    MainTest.Run states =
        MainTest.run("analyze", "--dns", "off", "-o", "json", "" + monState, "" + tueState);
    MainTest.Run logs = MainTest.run("analyze", "--dns", "off", "-o", "json", "" + mon, "" + tue);
    assertEquals(0, states.code(), states.err());
    assertEquals(withoutSources(logs.out()), withoutSources(states.out()));
  }

  @Test
  void logGivenAgainBesideItsState_countedOnceWithAWarning() throws Exception {
    Path log = TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir);
    Path state = dir.resolve("s.state");
    assertEquals(
        0, MainTest.run("analyze", "--dns", "off", "--state", "" + state, "" + log).code());
    MainTest.Run r = MainTest.run("analyze", "--dns", "off", "-o", "json", "" + state, "" + log);
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals(70, j.get("input").get("lines").asLong());
    assertTrue(j.get("warnings").toString().contains("already in a state given"), j.toString());
  }

  @Test
  void sources_labelEachProxy_andBreakDestinationsDownByThem() throws Exception {
    Path a =
        TestLogs.copy(
            "sample-logs/roks-vpc-before-noproxy/access.log",
            Files.createDirectory(dir.resolve("a")));
    Path b =
        TestLogs.copy(
            "sample-logs/roks-vpc-rollout/access.log", Files.createDirectory(dir.resolve("b")));
    MainTest.Run r =
        MainTest.run(
            "analyze",
            "--dns",
            "off",
            "-o",
            "json",
            "--source",
            "zone-1=" + a,
            "--source",
            "zone-2=" + b);
    assertEquals(0, r.code(), r.err());
    JsonNode destinations = JSON.readTree(r.out()).get("destinations");
    assertTrue(destinations.size() > 10, r.out());
    int viaBoth = 0;
    for (JsonNode d : destinations) {
      viaBoth += d.get("sources").size() == 2 ? 1 : 0;
      long sum = 0;
      for (JsonNode s : d.get("sources")) {
        assertTrue(s.get("name").asText().matches("zone-[12]"), s.toString());
        sum += s.get("requests").asLong();
      }
      assertEquals(d.get("requests").asLong(), sum, d.toString());
    }
    // Both samples log quay.io, 172.20.0.1 and more: those are broken down by both proxies.
    assertTrue(viaBoth > 3, r.out());
  }

  @Test
  void directoryPerProxy_labelsByDirectoryName() throws Exception {
    Path proxyA = Files.createDirectory(dir.resolve("proxy-a"));
    TestLogs.copy("sample-logs/roks-vpc-rollout/access.log", proxyA);
    MainTest.Run r = MainTest.run("analyze", "--dns", "off", "" + proxyA);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("via proxy-a"), r.out());
  }

  @Test
  void source_withoutEquals_isAUsageError() {
    MainTest.Run r = MainTest.run("analyze", "--source", "just-a-path.log");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("NAME=PATH"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void sinceAfterUntil_isAUsageError() {
    MainTest.Run r =
        MainTest.run("analyze", "--since", "2025-11-22", "--until", "2025-11-21", "x.log");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--since"), r.err());
  }
}
