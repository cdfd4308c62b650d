package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.base.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class InputSourcesTest {
  @TempDir Path dir;

  private String file(String name) throws IOException {
    Path p = dir.resolve(name);
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
        out.write("x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
    } else {
      Files.writeString(p, "x\n");
    }
    return p.toString();
  }

  private static List<String> names(List<InputSource> sources) {
    return sources.stream().map(s -> Path.of(s.name()).getFileName().toString()).toList();
  }

  @Test
  void resolve_numberedRotation_oldestFirstInAnyGivenOrder() throws IOException {
    List<InputSource> s =
        InputSources.resolve(
            List.of(
                file("access.log"),
                file("access.log.2.gz"),
                file("access.log.1"),
                file("access.log.10.gz")));
    assertEquals(
        List.of("access.log.10.gz", "access.log.2.gz", "access.log.1", "access.log"), names(s));
  }

  @Test
  void resolve_dateextRotation_oldestFirst() throws IOException {
    List<InputSource> s =
        InputSources.resolve(
            List.of(
                file("access.log-20251121.gz"), file("access.log"), file("access.log-20251119")));
    assertEquals(List.of("access.log-20251119", "access.log-20251121.gz", "access.log"), names(s));
  }

  @Test
  void resolve_unrelatedFiles_keepGivenOrder() throws IOException {
    List<InputSource> s = InputSources.resolve(List.of(file("b.log"), file("a.log")));
    assertEquals(List.of("b.log", "a.log"), names(s));
  }

  @Test
  void resolve_gzipDetectedByMagic_notName() throws IOException {
    Path renamed = dir.resolve("no-extension");
    Files.move(Path.of(file("x.gz")), renamed);
    InputSource s = InputSources.resolve(List.of(renamed.toString())).get(0);
    assertEquals(InputSource.Compression.GZIP, s.compression());
    assertEquals(false, s.seekable());
  }

  @Test
  void resolve_nothing_meansStdin() throws IOException {
    assertTrue(InputSources.resolve(List.of()).get(0).isStdin());
    assertTrue(InputSources.resolve(List.of("-")).get(0).isStdin());
  }

  @Test
  void resolve_missingFile_namesIt() {
    String missing = dir.resolve("gone.log").toString();
    InputException e =
        assertThrows(InputException.class, () -> InputSources.resolve(List.of(missing)));
    assertEquals(missing, e.input());
    assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());
  }

  @Test
  void resolve_emptyDirectory_refusedNamingIt() {
    InputException e =
        assertThrows(InputException.class, () -> InputSources.resolve(List.of(dir.toString())));
    assertTrue(e.getMessage().contains("a directory without a log file in it"), e.getMessage());
  }

  @Test
  void resolve_directoryPerProxy_expandsToItsFilesLabelledWithItsName() throws IOException {
    Path a = Files.createDirectory(dir.resolve("proxy-a"));
    Files.writeString(a.resolve("access.log"), "x\n");
    Files.writeString(a.resolve("access.log.1"), "x\n");
    Files.writeString(a.resolve(".hidden"), "x\n");
    Path b = dir.resolve("b.log");
    Files.writeString(b, "x\n");
    List<InputSource> s = InputSources.resolve(List.of(a.toString()), List.of("zone-2=" + b));
    assertEquals(List.of("access.log.1", "access.log", "b.log"), names(s));
    assertEquals(
        List.of("proxy-a", "proxy-a", "zone-2"), s.stream().map(InputSource::label).toList());
  }

  @Test
  void resolve_labelWithoutPath_isAUsageError() {
    assertThrows(
        io.squidlens.base.BadValueException.class,
        () -> InputSources.resolve(List.of(), List.of("proxy-a=")));
  }

  @Test
  void resolve_bzip2_refusedWithAPipeToUseInstead() throws IOException {
    Path bz = dir.resolve("access.log.3.bz2");
    Files.write(bz, new byte[] {'B', 'Z', 'h', '9', 1, 2});
    InputException e =
        assertThrows(InputException.class, () -> InputSources.resolve(List.of(bz.toString())));
    assertTrue(e.getMessage().contains("bzcat"), e.getMessage());
  }

  @Test
  void resolve_sameFileTwice_refused() throws IOException {
    String f = file("access.log");
    assertThrows(InputException.class, () -> InputSources.resolve(List.of(f, f)));
  }
}
