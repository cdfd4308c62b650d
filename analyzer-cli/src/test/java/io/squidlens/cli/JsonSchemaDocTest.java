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
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([a-z ]+) \\|");

  @Test
  void jsonSchemaDoc_matchesWhatReportsContain() throws IOException {
    Map<String, String> documented = new TreeMap<>();
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        documented.put(m.group(1), m.group(2).strip());
      }
    }
    assertTrue(documented.size() > 50, "no rows parsed from " + DOC);

    Map<String, Set<String>> written = new TreeMap<>();
    ObjectMapper mapper = new ObjectMapper();
    for (String behaviour : TestLogs.list("golden/analyze")) {
      JsonNode root =
          mapper.readTree(TestLogs.text("golden/analyze/" + behaviour + "/expected.json"));
      walk(root, "", written);
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
      default -> documented.equals(actual);
    };
  }

  /** Records the path and JSON type of every value; array elements of scalars share the path. */
  private static void walk(JsonNode n, String path, Map<String, Set<String>> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> f : n.properties()) {
        String key = f.getKey();
        if (path.equals("classes")) {
          key = "<class>";
        } else if (path.equals("recommendations") && !key.equals("squidAllowlist")) {
          key = "<target>";
        } else if (path.equals("malformedReasons")) {
          key = "<reason>";
        }
        walk(f.getValue(), path.isEmpty() ? key : path + "." + key, out);
      }
    } else if (n.isArray()) {
      String p = path + "[]";
      out.computeIfAbsent(p, k -> new TreeSet<>()).add("array");
      for (JsonNode e : n) {
        if (e.isContainerNode()) {
          walk(e, p, out);
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
