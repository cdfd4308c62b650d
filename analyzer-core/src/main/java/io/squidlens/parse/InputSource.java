package io.squidlens.parse;

import io.squidlens.base.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One input: a file (plain or gzip) or standard input. Immutable. Made by {@link #resolve} for the
 * analyzer and the readers.
 *
 * @param name the name as the user gave it ({@code -} for standard input)
 * @param path the file, or null for standard input
 * @param size the size in bytes on disk, or -1 when unknown (streams)
 * @param compression how the bytes are compressed, detected from magic bytes
 * @param seekable whether positional reads work (plain regular files), enabling parallel chunks
 */
public record InputSource(
    String name, Path path, long size, Compression compression, boolean seekable) {

  /** How an input is compressed. */
  public enum Compression {
    NONE,
    GZIP
  }

  /** Checks fields. */
  public InputSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(compression, "compression");
  }

  /**
   * Checks every named input and orders rotated sets oldest first ({@code access.log.2.gz}, {@code
   * access.log.1}, {@code access.log}; logrotate's {@code -YYYYMMDD} names by date). Unrelated
   * files keep the order given. No name, or {@code -}, means standard input.
   *
   * @throws InputException naming the first input that is missing, unreadable, a directory,
   *     compressed in a way squidlens cannot read, or given twice
   */
  public static List<InputSource> resolve(List<String> names) throws InputException {
    return InputSources.resolve(names);
  }

  /** Standard input, compression detected when reading starts. */
  public static InputSource stdin() {
    return new InputSource("-", null, -1, Compression.NONE, false);
  }

  /** Whether this is standard input. */
  public boolean isStdin() {
    return path == null;
  }
}
