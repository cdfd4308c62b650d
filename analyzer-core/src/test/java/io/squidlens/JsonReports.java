package io.squidlens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/** Compares whole JSON reports, showing where two differ first (for tests of every module). */
public final class JsonReports {
  private JsonReports() {}

  /** Equal reports; when not, the first lines that differ, with the lines before them. */
  public static void assertSameReport(JsonNode expected, JsonNode actual) {
    String[] e = expected.toPrettyString().split("\n", -1);
    String[] a = actual.toPrettyString().split("\n", -1);
    for (int i = 0; i < Math.min(e.length, a.length); i++) {
      if (!e[i].equals(a[i])) {
        int from = Math.max(0, i - 12);
        assertEquals(
            String.join("\n", Arrays.copyOfRange(e, from, Math.min(e.length, i + 3))),
            String.join("\n", Arrays.copyOfRange(a, from, Math.min(a.length, i + 3))),
            "line " + (i + 1) + " of the JSON report");
      }
    }
    assertEquals(e.length, a.length, "lines of the JSON report");
  }
}
