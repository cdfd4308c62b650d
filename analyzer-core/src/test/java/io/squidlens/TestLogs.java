package io.squidlens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Test data from the classpath (the sample-logs module and test resources). */
public final class TestLogs {
  private TestLogs() {}

  /** Copies a classpath resource into {@code dir} and returns the file. */
  public static Path copy(String resource, Path dir) {
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    Path target = dir.resolve(name);
    try (InputStream in = TestLogs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no classpath resource " + resource);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** Reads a classpath resource as UTF-8 text. */
  public static String text(String resource) {
    try (InputStream in = TestLogs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no classpath resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes lines (each followed by a newline) to a new file in {@code dir}. */
  public static Path write(Path dir, String name, List<String> lines) {
    try {
      return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
