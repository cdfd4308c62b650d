package io.squidlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TextReportTest {
  @Test
  void text_longHostName_isBrokenOnlyAfterADotWithAMark() {
    String host =
        "console-openshift-console.mycluster-0a1b2c3d4e5f60718293a4b5c6d7e8f9-i000.jp-tok"
            + ".containers.appdomain.cloud";
    StringBuilder sb = new StringBuilder();
    TextReport.wrap(sb, "  ", host);
    List<String> lines = sb.toString().lines().toList();
    assertTrue(lines.size() > 1, sb::toString);
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      assertTrue(l.length() <= 100, l);
      if (i < lines.size() - 1) {
        assertTrue(l.endsWith(".\\"), "a break not after a dot: " + l);
        joined.append(l.strip(), 0, l.strip().length() - 1);
      } else {
        joined.append(l.strip());
      }
    }
    assertEquals(host, joined.toString());
  }
}
