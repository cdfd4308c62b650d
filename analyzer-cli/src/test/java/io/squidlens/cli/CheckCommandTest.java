package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CheckCommandTest {
  @TempDir Path dir;

  private String sample() {
    return TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir).toString();
  }

  @Test
  void check_withoutLogs_explainsEachEntryPerClient() {
    MainTest.Run r = MainTest.run("check", "--no-proxy", ".icr.io,*.svc", "--client", "go,java");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("go: subdomains only"), r.out());
    assertTrue(r.out().contains("java: nothing (ignored)"), r.out());
    assertTrue(r.out().contains("dead for java"), r.out());
    assertTrue(r.out().contains("go, java: subdomains only"), r.out());
  }

  @Test
  void check_json_routesEachLoggedDestinationPerClient() throws Exception {
    MainTest.Run r =
        MainTest.run(
            "check",
            "--no-proxy",
            "172.21.0.0/16,quay.io",
            "--client",
            "all",
            "-o",
            "json",
            sample());
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertEquals(7, root.path("clients").size());
    JsonNode service = null;
    JsonNode quay = null;
    for (JsonNode d : root.path("destinations")) {
      if (d.path("destination").asText().equals("172.21.0.1:443")) {
        service = d;
      }
      if (d.path("destination").asText().equals("quay.io:443")) {
        quay = d;
      }
    }
    assertEquals("direct", service.path("clients").path("go").path("route").asText());
    assertEquals("172.21.0.0/16", service.path("clients").path("go").path("entry").asText());
    assertEquals("proxy", service.path("clients").path("python").path("route").asText());
    assertTrue(service.path("problem").asText().contains("still sent to the proxy by python"));
    assertTrue(quay.path("problem").asText().startsWith("internet destination sent direct by"));
  }

  @Test
  void check_unknownClient_isAUsageError() {
    MainTest.Run r = MainTest.run("check", "--no-proxy", "a", "--client", "lynx");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown client 'lynx'"), r.err());
  }

  @Test
  void check_givesEachEntryOpenShiftsVerdictAndMarksOnlyRealProblems() throws Exception {
    MainTest.Run r =
        MainTest.run(
            "check",
            "--no-proxy",
            "*.svc,ICR.IO,foo.example.com:443,10.0.0.0/33,.svc",
            "-o",
            "json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    java.util.Map<String, JsonNode> byValue = new java.util.HashMap<>();
    for (JsonNode e : root.path("entries")) {
      byValue.put(e.path("value").asText(), e);
    }
    for (String rejected :
        java.util.List.of("*.svc", "ICR.IO", "foo.example.com:443", "10.0.0.0/33")) {
      assertTrue(!byValue.get(rejected).path("openShiftAccepts").asBoolean(), rejected);
      assertTrue(byValue.get(rejected).has("openShiftRejects"), rejected);
    }
    assertTrue(byValue.get(".svc").path("openShiftAccepts").asBoolean());
    assertTrue(
        !byValue.get(".svc").path("problem").asBoolean(), "clients disagreeing is no problem");
    MainTest.Run text = MainTest.run("check", "--no-proxy", ".svc,10.0.0.0/33", "--client", "go");
    assertTrue(text.out().contains("\n  .svc\n"), text.out());
    assertTrue(text.out().contains("\n! 10.0.0.0/33\n"), text.out());
  }

  @Test
  void check_entryExemptingALoggedInternetHost_isFlaggedUnsafe() throws Exception {
    MainTest.Run r =
        MainTest.run(
            "check", "--no-proxy", ".io,172.21.0.0/16", "--client", "go", "-o", "json", sample());
    assertEquals(0, r.code(), r.err());
    JsonNode io = new ObjectMapper().readTree(r.out()).path("entries").get(0);
    assertEquals(".io", io.path("value").asText());
    assertTrue(io.path("unsafe").asBoolean(), io::toString);
    assertTrue(io.path("problem").asBoolean(), io::toString);
    MainTest.Run text = MainTest.run("check", "--no-proxy", ".io", "--client", "go", sample());
    assertTrue(text.out().contains("UNSAFE:"), text.out());
  }

  @Test
  void check_longDestinationNames_areNeverCutToTheSameText() {
    String a = "very-long-host-name-number-one.with.many.labels.example.com";
    String b = "very-long-host-name-number-one.with.many.labels.example.org";
    java.nio.file.Path log =
        TestLogs.write(
            dir,
            "long.log",
            java.util.List.of(
                "1763712000.000 1 10.0.0.1 TCP_TUNNEL/200 10 CONNECT "
                    + a
                    + ":443 - HIER_DIRECT/198.51.100.1 -",
                "1763712000.000 1 10.0.0.1 TCP_TUNNEL/200 10 CONNECT "
                    + b
                    + ":443 - HIER_DIRECT/198.51.100.2 -"));
    MainTest.Run r =
        MainTest.run("check", "--no-proxy", "localhost", "--client", "go", log.toString());
    assertTrue(r.out().contains(a + ":443"), r.out());
    assertTrue(r.out().contains(b + ":443"), r.out());
  }
}
