package io.squidlens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

  /** Copies a classpath resource to {@code dir/<resource path>}, keeping its directories. */
  public static Path copyKeepingPath(String resource, Path dir) {
    Path target = dir.resolve(resource);
    try (InputStream in = TestLogs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no classpath resource " + resource);
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** Whether a classpath resource exists. */
  public static boolean exists(String resource) {
    return TestLogs.class.getClassLoader().getResource(resource) != null;
  }

  /**
   * The names directly under a classpath directory, sorted, whether it lies in a directory or in a
   * jar (the reactor puts modules' jars on the test classpath once they are packaged).
   */
  public static List<String> list(String directory) {
    URL url = TestLogs.class.getClassLoader().getResource(directory);
    if (url == null) {
      throw new IllegalArgumentException("no classpath directory " + directory);
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          return names(fs.provider().getPath(uri));
        }
      }
      return names(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The names of the bundled sample logs (the directories of {@code sample-logs} with an
   * access.log).
   */
  public static List<String> sampleLogs() {
    return list("sample-logs").stream()
        .filter(s -> exists("sample-logs/" + s + "/access.log"))
        .toList();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString().replace("/", "")).sorted().toList();
    }
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
