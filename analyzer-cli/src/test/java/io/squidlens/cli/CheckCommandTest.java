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
}
