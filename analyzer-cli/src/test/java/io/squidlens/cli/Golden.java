package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.TestLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compares output with a golden file on the classpath, or rewrites it when regenerating. */
final class Golden {
  /** Set with {@code -Dsquidlens.regenerate=true}: golden files are written, not checked. */
  static final boolean REGENERATE = Boolean.getBoolean("squidlens.regenerate");

  private Golden() {}

  /** Checks {@code actual} against classpath resource {@code resource} (under golden/). */
  static void check(String resource, String actual) {
    if (REGENERATE) {
      try {
        Path src = Path.of("src", "test", "resources").resolve(resource);
        Files.createDirectories(src.getParent());
        Files.writeString(src, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertTrue(
        TestLogs.exists(resource),
        resource + " is missing: regenerate (golden/README.md) and review it");
    assertEquals(TestLogs.text(resource), actual, resource);
  }
}
