package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JSON contract documented in {@code docs/json-schema.md} and the JSON squidlens writes (the
 * golden reports, themselves checked against real output) agree: every key written is documented
 * with a type that admits its values, and every documented key is written by some golden case.
 */
final class JsonSchemaDocTest {
  private static final Path DOC = Path.of("..", "docs", "json-schema.md");
  private static final String DIFF_HEADING = "## `squidlens diff -o json`";
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([a-z ]+) \\|");

  @Test
  void analyzeSection_matchesWhatAnalyzeReportsContain() throws IOException {
    Map<String, String> documented = documented(null);
    assertTrue(documented.size() > 50, "no rows parsed from " + DOC);
    assertAgree(documented, "golden/analyze", Map.of());
  }

  @Test
  void diffSection_matchesWhatDiffReportsContain() throws IOException {
    Map<String, String> documented = documented(DIFF_HEADING);
    assertTrue(documented.size() > 20, "no diff rows parsed from " + DOC);
    assertAgree(
        documented,
        "golden/diff",
        Map.of(
            "fixed", "<list>",
            "stillProxied", "<list>",
            "newAfter", "<list>",
            "before", "<side>",
            "after", "<side>"));
  }

  /**
   * The rows of one section: the report's table before any {@code ##} heading (for {@code null}),
   * or the table under the given heading.
   */
  private static Map<String, String> documented(String heading) throws IOException {
    Map<String, String> documented = new TreeMap<>();
    String section = null;
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        section = line;
      }
      Matcher m = ROW.matcher(line);
      if (m.find() && java.util.Objects.equals(section, heading)) {
        documented.put(m.group(1), m.group(2).strip());
      }
    }
    return documented;
  }

  /**
   * @param top top-level keys the doc writes as a placeholder ({@code fixed} as {@code <list>})
   */
  private static void assertAgree(
      Map<String, String> documented, String goldenRoot, Map<String, String> top)
      throws IOException {
    Map<String, Set<String>> written = new TreeMap<>();
    ObjectMapper mapper = new ObjectMapper();
    for (String behaviour : TestLogs.list(goldenRoot)) {
      JsonNode root =
          mapper.readTree(TestLogs.text(goldenRoot + "/" + behaviour + "/expected.json"));
      walk(root, "", top, written);
    }
    for (Map.Entry<String, Set<String>> w : written.entrySet()) {
      String type = documented.get(w.getKey());
      assertTrue(type != null, "written but not documented in " + DOC + ": " + w.getKey());
      for (String t : w.getValue()) {
        assertTrue(admits(type, t), w.getKey() + " documented as " + type + " but holds " + t);
      }
    }
    Set<String> unused = new TreeSet<>(documented.keySet());
    unused.removeAll(written.keySet());
    assertEquals(Set.of(), unused, "documented but written by no golden case");
  }

  private static boolean admits(String documented, String actual) {
    return switch (documented) {
      case "string or null" -> actual.equals("string") || actual.equals("null");
      case "array of string" -> actual.equals("array") || actual.equals("string");
      case "array of integer" -> actual.equals("array") || actual.equals("integer");
      case "integer or null" -> actual.equals("integer") || actual.equals("null");
      default -> documented.equals(actual);
    };
  }

  /** Records the path and JSON type of every value; array elements of scalars share the path. */
  private static void walk(
      JsonNode n, String path, Map<String, String> top, Map<String, Set<String>> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> f : n.properties()) {
        String key = f.getKey();
        if (path.equals("classes") || path.endsWith("buckets[].requests")) {
          key = "<class>";
        } else if (path.isEmpty() && top.containsKey(key)) {
          key = top.get(key);
        } else if (path.equals("recommendations")
            && io.squidlens.recommend.Recommendations.EgressTarget.find(key) != null) {
          key = "<egress-target>";
        } else if (path.equals("recommendations") && !key.equals("squidAllowlist")) {
          key = "<target>";
        } else if (path.equals("malformedReasons")) {
          key = "<reason>";
        }
        walk(f.getValue(), path.isEmpty() ? key : path + "." + key, top, out);
      }
    } else if (n.isArray()) {
      String p = path + "[]";
      out.computeIfAbsent(p, k -> new TreeSet<>()).add("array");
      for (JsonNode e : n) {
        if (e.isContainerNode()) {
          walk(e, p, top, out);
        } else {
          out.get(p).add(type(e));
        }
      }
    } else {
      out.computeIfAbsent(path, k -> new TreeSet<>()).add(type(n));
    }
  }

  private static String type(JsonNode n) {
    if (n.isNull()) {
      return "null";
    }
    if (n.isIntegralNumber()) {
      return "integer";
    }
    if (n.isBoolean()) {
      return "boolean";
    }
    return n.isTextual() ? "string" : n.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
