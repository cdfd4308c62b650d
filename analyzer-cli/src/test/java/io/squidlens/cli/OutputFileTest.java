package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.TestLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --output-file}: the report in a file, whole or not at all, with clear errors. */
final class OutputFileTest {
  @TempDir Path dir;

  private String log() {
    return TestLogs.copyKeepingPath("sample-logs/roks-vpc-before-noproxy/access.log", dir)
        .toString();
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void analyze_outputFile_holdsWhatStdoutWouldShow_andStdoutStaysEmpty() throws IOException {
    String log = log();
    Path f = dir.resolve("report.json");
    MainTest.Run r = MainTest.run("analyze", "-o", "json", "--output-file", f.toString(), log);
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(MainTest.run("analyze", "-o", "json", log).out(), Files.readString(f));
    assertEquals(List.of("report.json", "sample-logs"), files(), "no temporary file is left");
  }

  @Test
  void outputFile_replacesAnExistingFile_withTheUsersPermissions() throws IOException {
    Path f = dir.resolve("report.html");
    Files.writeString(f, "old");
    Path plain = Files.createFile(dir.resolve("plain"));
    MainTest.Run r = MainTest.run("analyze", "-o", "html", "--output-file", f.toString(), log());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(f).startsWith("<!DOCTYPE html>"));
    assertEquals(
        Files.getPosixFilePermissions(plain),
        Files.getPosixFilePermissions(f),
        "a report is not a private temporary file");
  }

  @Test
  void outputFile_dash_isStandardOutput() {
    MainTest.Run r = MainTest.run("analyze", "-o", "csv", "--output-file", "-", log());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("host,"), r.out());
  }

  @Test
  void outputFile_inAMissingDirectory_isOneLineAndExit74() throws IOException {
    Path f = dir.resolve("no/such/dir/report.html");
    MainTest.Run r = MainTest.run("analyze", "-o", "html", "--output-file", f.toString(), log());
    assertEquals(74, r.code(), r.err());
    assertEquals(
        "squidlens: I/O error: --output-file " + f + ": no such directory " + f.getParent() + "\n",
        r.err());
    assertFalse(r.err().contains("Exception"));
  }

  @Test
  void outputFile_thatIsADirectory_isRefused_andTheDirectoryKept() throws IOException {
    Path d = Files.createDirectory(dir.resolve("out"));
    MainTest.Run r = MainTest.run("analyze", "--output-file", d.toString(), log());
    assertEquals(74, r.code(), r.err());
    assertEquals("squidlens: I/O error: --output-file " + d + ": is a directory\n", r.err());
    assertTrue(Files.isDirectory(d));
  }

  @Test
  void diff_outputFile_writesTheComparison() throws IOException {
    String log =
        TestLogs.copyKeepingPath("sample-logs/roks-vpc-rollout/access.log", dir).toString();
    Path f = dir.resolve("diff.html");
    MainTest.Run r =
        MainTest.run(
            "diff",
            "-o",
            "html",
            "--at",
            "2025-11-21T10:42:00Z",
            "--output-file",
            f.toString(),
            log);
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out());
    String html = Files.readString(f);
    assertTrue(html.contains("<h1>squidlens diff</h1>"), html.substring(0, 400));
  }

  @Test
  void html_isOfferedByHelpAndCompletion_andAnUnknownFormatListsIt() {
    assertTrue(MainTest.run("analyze", "--help").out().contains("html"));
    assertTrue(MainTest.run("diff", "--help").out().contains("html"));
    MainTest.Run r = MainTest.run("diff", "-o", "csv", "--at", "2025-11-21T10:42:00Z", log());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("expected text, json, markdown, md or html"), r.err());
  }
}
