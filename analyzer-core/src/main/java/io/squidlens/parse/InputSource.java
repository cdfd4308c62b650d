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
 * @param label the proxy the input came from ({@code --source NAME=PATH}, or the directory it was
 *     found in), or null
 * @param skip content bytes already counted (decompressed for gzip): reading starts after them
 * @param firstLine lines already counted: the first line read is numbered {@code firstLine + 1}
 * @param completeLinesOnly whether a last line without its newline is left for a later read (a file
 *     still being written), instead of counted as a line of its own
 */
public record InputSource(
    String name,
    Path path,
    long size,
    Compression compression,
    boolean seekable,
    String label,
    long skip,
    long firstLine,
    boolean completeLinesOnly) {

  /** How an input is compressed. */
  public enum Compression {
    NONE,
    GZIP
  }

  /** Checks fields. */
  public InputSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(compression, "compression");
    io.squidlens.base.Checks.requireArgument(
        skip >= 0 && firstLine >= 0, "%s: negative resume point", name);
  }

  /** An input read from its start, unlabelled. */
  InputSource(String name, Path path, long size, Compression compression, boolean seekable) {
    this(name, path, size, compression, seekable, null, 0, 0, false);
  }

  /** This input from the proxy {@code newLabel}. */
  public InputSource withLabel(String newLabel) {
    return new InputSource(
        name, path, size, compression, seekable, newLabel, skip, firstLine, completeLinesOnly);
  }

  /**
   * This input read on from where an earlier read stopped: after {@code contentBytes} bytes and
   * {@code lines} lines, leaving an unfinished last line for a later read.
   */
  public InputSource resumedAt(long contentBytes, long lines) {
    return new InputSource(
        name, path, size, compression, seekable, label, contentBytes, lines, true);
  }

  /** This input read from its start, leaving an unfinished last line for a later read. */
  public InputSource completeLines() {
    return new InputSource(name, path, size, compression, seekable, label, skip, firstLine, true);
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
    return InputSources.resolve(names, List.of());
  }

  /**
   * As {@link #resolve(List)}, with inputs given as {@code NAME=PATH} too (labelled NAME, each a
   * file or a directory), and directories standing for the files in them, labelled with their name.
   *
   * @throws InputException naming the first input that cannot be read
   * @throws io.squidlens.base.BadValueException for a labelled input that is not NAME=PATH
   */
  public static List<InputSource> resolve(List<String> names, List<String> labelled)
      throws InputException {
    return InputSources.resolve(names, labelled);
  }

  /**
   * The inputs with each rotated set ordered oldest first ({@code access.log.2.gz}, {@code
   * access.log.1}, {@code access.log}), as {@link #resolve} orders them; unrelated ones keep their
   * order.
   */
  public static List<InputSource> inRotationOrder(List<InputSource> sources) {
    return InputSources.order(sources);
  }

  /** Standard input, compression detected when reading starts. */
  public static InputSource stdin() {
    return new InputSource("-", null, -1, Compression.NONE, false, null, 0, 0, false);
  }

  /**
   * An input on a file system this process does not open itself (a cluster's: HDFS, object
   * storage), read by whoever hands its bytes to {@link LogReader#readPiece}.
   *
   * @param size its size in bytes
   */
  public static InputSource elsewhere(
      String name, String label, long size, Compression compression, long skip, long firstLine) {
    return new InputSource(name, null, size, compression, false, label, skip, firstLine, false);
  }

  /** Whether this is standard input. */
  public boolean isStdin() {
    return path == null && name.equals("-");
  }
}
