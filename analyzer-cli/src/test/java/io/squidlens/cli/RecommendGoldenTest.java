package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.recommend.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code squidlens recommend}: every target on every sample log under {@code
 * sample-logs/}, stdout and stderr as a user sees them, in {@code
 * src/test/resources/golden/recommend/<sample>/<target>.txt}. Regenerate after an intended change
 * with {@code ./mvnw -q test -pl analyzer-cli -am -Dtest=RecommendGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsquidlens.regenerate=true} and review the diff.
 */
final class RecommendGoldenTest {
  private static final Path SAMPLES = Path.of("..", "sample-logs");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "recommend");
  private static final boolean REGENERATE = Boolean.getBoolean("squidlens.regenerate");
  private static final String PROXY = "http://10.240.0.4:3128";

  static List<String> samples() {
    try (Stream<Path> s = Files.list(SAMPLES)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("access.log")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String sample : samples()) {
      for (Target t : Target.values()) {
        out.add(Arguments.of(sample, t.id()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} --target {1}")
  @MethodSource("cases")
  void recommend_sampleLog_matchesGolden(String sample, String target) throws IOException {
    Path log = SAMPLES.resolve(sample).resolve("access.log");
    MainTest.Run r =
        MainTest.run(
            Context.of(Map.of()),
            "recommend",
            "--target",
            target,
            "--proxy-url",
            PROXY,
            log.toString());
    String actual =
        "$ squidlens recommend --target "
            + target
            + " --proxy-url "
            + PROXY
            + " sample-logs/"
            + sample
            + "/access.log\n"
            + r.out()
            + "--- stderr\n"
            + r.err()
            + "--- exit "
            + r.code()
            + "\n";
    Path golden = GOLDEN.resolve(sample).resolve(target + ".txt");
    if (REGENERATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.isRegularFile(golden),
        golden + " is missing: regenerate (see this class's comment) and review it");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, golden.toString());
  }

  @Test
  void goldenFiles_haveNoOrphans() throws IOException {
    TreeSet<String> expected = new TreeSet<>();
    for (String sample : samples()) {
      for (Target t : Target.values()) {
        expected.add(sample + "/" + t.id() + ".txt");
      }
    }
    TreeSet<String> actual = new TreeSet<>();
    try (Stream<Path> s = Files.walk(GOLDEN)) {
      s.filter(Files::isRegularFile)
          .forEach(p -> actual.add(GOLDEN.relativize(p).toString().replace('\\', '/')));
    }
    if (!REGENERATE) {
      assertEquals(expected, actual, "golden files without a sample and target, or missing");
    }
    assertTrue(expected.size() >= 12, "fewer samples than expected: " + expected);
  }
}
