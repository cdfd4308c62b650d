package io.squidlens.parse;

import java.util.Objects;

/**
 * What reading one input found. Immutable.
 *
 * @param name the input as given ({@code -} for standard input)
 * @param bytes bytes on disk (compressed size for gzip), or bytes read for streams
 * @param compression how the input was compressed
 * @param format the log format used ({@code squid}, {@code common}, ...)
 * @param formatNote how the format was chosen ({@code "auto: 50 of 50 sampled lines"})
 * @param lines non-empty lines read
 * @param parsedLines lines parsed as records
 * @param malformedLines lines that were not records
 */
public record SourceStats(
    String name,
    long bytes,
    InputSource.Compression compression,
    String format,
    String formatNote,
    long lines,
    long parsedLines,
    long malformedLines) {

  /** Checks that every line is counted exactly once. */
  public SourceStats {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(formatNote, "formatNote");
    io.squidlens.net.Checks.requireArgument(
        lines == parsedLines + malformedLines,
        "%s: %d lines but %d parsed + %d malformed",
        name,
        lines,
        parsedLines,
        malformedLines);
  }
}
