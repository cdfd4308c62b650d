package io.squidlens.cli;

import io.squidlens.base.SmallFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Option;

/** {@code --output-file}: the report into a file instead of standard output. */
final class OutputFile {
  @Option(
      names = "--output-file",
      paramLabel = "FILE",
      description = {
        "Write the report to FILE instead of standard output ('-': standard output). FILE is"
            + " replaced only once the whole report is written, so a reader never sees half of"
            + " one, and an existing FILE survives a failed run."
      })
  String file;

  /** What writes the report. */
  interface Body {
    void writeTo(Writer out) throws IOException;
  }

  /** Whether the report goes to standard output (where colour and a terminal may apply). */
  boolean toStdout() {
    return file == null || file.equals("-");
  }

  /**
   * Runs {@code body} on standard output, or on a temporary file beside FILE that then replaces
   * FILE.
   *
   * @throws IOException naming FILE when it cannot be written
   */
  void write(PrintWriter stdout, Body body) throws IOException {
    write(stdout, null, body);
  }

  /**
   * Opens a file elsewhere (a cluster's file system), replaced whole once the writer closes; null
   * for a file this machine writes itself.
   */
  interface Creator {
    Engine.Output create(String file) throws IOException;
  }

  /**
   * As {@link #write(PrintWriter, Body)}, FILE created by {@code elsewhere} when not null.
   *
   * @throws IOException naming FILE when it cannot be written
   */
  void write(PrintWriter stdout, Creator elsewhere, Body body) throws IOException {
    if (toStdout()) {
      body.writeTo(stdout);
      stdout.flush();
      return;
    }
    Engine.Output remote;
    try {
      remote = elsewhere == null ? null : elsewhere.create(file);
    } catch (IOException e) {
      throw new IOException("--output-file " + file + ": " + SmallFiles.reason(e), e);
    }
    if (remote != null) {
      try {
        body.writeTo(remote);
      } catch (IOException e) {
        remote.abort();
        throw new IOException("--output-file " + file + ": " + SmallFiles.reason(e), e);
      } catch (RuntimeException e) {
        remote.abort();
        throw e;
      }
      try {
        remote.close();
      } catch (IOException e) {
        throw new IOException("--output-file " + file + ": " + SmallFiles.reason(e), e);
      }
      return;
    }
    Path target = Path.of(file).toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new IOException("--output-file " + file + ": is a directory");
    }
    Path dir = target.getParent();
    Path tmp =
        dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      // Created as a plain new file (not a temporary one, which is private) so the report gets
      // the permissions of any file the user creates.
      Files.deleteIfExists(tmp);
      Files.createFile(tmp);
    } catch (NoSuchFileException e) {
      throw new IOException("--output-file " + file + ": no such directory " + dir, e);
    } catch (AccessDeniedException e) {
      throw new IOException("--output-file " + file + ": permission denied in " + dir, e);
    } catch (IOException e) {
      throw new IOException("--output-file " + file + ": " + e.getMessage(), e);
    }
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.writeTo(w);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new IOException("--output-file " + file + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
