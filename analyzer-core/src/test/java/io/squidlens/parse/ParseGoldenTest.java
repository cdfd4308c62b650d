package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.TestLogs;
import io.squidlens.base.LineRefs;
import io.squidlens.report.RecordWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code squidlens parse}: each directory under {@code parse-golden/} names an
 * input on the classpath ({@code input}) and holds the JSON Lines the parser must print ({@code
 * expected.jsonl}) and the malformed-line messages ({@code expected.err}). See {@code
 * parse-golden/README.md}.
 */
final class ParseGoldenTest {
  private static final String ROOT = "parse-golden";
  private static final boolean REGENERATE = Boolean.getBoolean("squidlens.regenerate");

  @TempDir Path dir;

  static Stream<String> cases() {
    return caseDirs().stream().map(p -> p.getFileName().toString());
  }

  private static List<Path> caseDirs() {
    try {
      Path root = Path.of(ParseGoldenTest.class.getClassLoader().getResource(ROOT).toURI());
      List<Path> dirs = new ArrayList<>();
      try (Stream<Path> s = Files.list(root)) {
        s.filter(Files::isDirectory).sorted().forEach(dirs::add);
      }
      return dirs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyCase_hasInputAndBothExpectations_noOrphans() {
    List<Path> dirs = caseDirs();
    assertTrue(dirs.size() >= 2, "no golden cases found");
    for (Path d : dirs) {
      try (Stream<Path> files = Files.list(d)) {
        List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(List.of("expected.err", "expected.jsonl", "input"), names, d.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void parse_matchesGoldenOutput(String name) throws IOException {
    String resource = TestLogs.text(ROOT + "/" + name + "/input").strip();
    Path input = TestLogs.copy(resource, dir);
    StringWriter out = new StringWriter();
    StringBuilder err = new StringBuilder();
    String shown = resource.substring(resource.lastIndexOf('/') + 1);
    try (RecordWriter w = RecordWriter.jsonLines(out)) {
      new LogReader(LogFormat.auto(), 1, null)
          .readInOrder(
              InputSources.resolve(List.of(input.toString())),
              new LineView.Consumer() {
                @Override
                public void accept(LineView f, long ref) {
                  try {
                    w.write(LogRecord.from(f, shown, LineRefs.line(ref)));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }

                @Override
                public void malformed(LineView f, long ref) {
                  err.append(shown)
                      .append(':')
                      .append(LineRefs.line(ref))
                      .append(": malformed line: ")
                      .append(f.problem().message())
                      .append('\n');
                }
              });
    }
    check(name, "expected.jsonl", out.toString());
    check(name, "expected.err", err.toString());
  }

  private static void check(String name, String file, String actual) throws IOException {
    if (REGENERATE) {
      Path src = Path.of("src/test/resources", ROOT, name, file);
      Files.writeString(src, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(TestLogs.text(ROOT + "/" + name + "/" + file), actual, name + "/" + file);
  }
}
