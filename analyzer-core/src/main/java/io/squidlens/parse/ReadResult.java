package io.squidlens.parse;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading a set of inputs: per-input statistics, and the line numbers behind the
 * keys the consumers saw. Immutable once returned. Returned by {@link LogReader} to the analyzer.
 */
public final class ReadResult {
  private final List<SourceStats> sources;
  private final LineIndex index;
  private final long[] consumed;

  private final long[] numbered;

  ReadResult(List<SourceStats> sources, LineIndex index, long[] consumed, long[] numbered) {
    this.sources = List.copyOf(sources);
    this.index = Objects.requireNonNull(index, "index");
    this.consumed = consumed.clone();
    this.numbered = numbered.clone();
  }

  /**
   * How many line numbers input {@code source} used in this read: its lines, empty ones included
   * (which {@link SourceStats#lines()} leaves out). What a later piece of the input is numbered
   * after.
   */
  public long numberedLines(int source) {
    return numbered[source];
  }

  /**
   * How far input {@code source} was read, in content bytes (decompressed for gzip) from its start,
   * skipped bytes included: where a later read would go on.
   */
  public long consumed(int source) {
    return consumed[source];
  }

  /** One entry per input, in processing order (rotated sets oldest first). */
  public List<SourceStats> sources() {
    return sources;
  }

  /**
   * Turns a line key a consumer saw into a {@link io.squidlens.base.LineRefs} reference with an
   * exact 1-based line number.
   */
  public long resolve(long lineKey) {
    return index.resolve(lineKey);
  }

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
   * @param outsideWindowLines of the parsed lines, the records logged outside the time window,
   *     counted here and nowhere else
   */
  public record SourceStats(
      String name,
      long bytes,
      InputSource.Compression compression,
      String format,
      String formatNote,
      long lines,
      long parsedLines,
      long malformedLines,
      long outsideWindowLines) {

    /** Checks that every line is counted exactly once. */
    public SourceStats {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(compression, "compression");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(formatNote, "formatNote");
      io.squidlens.base.Checks.requireArgument(
          lines == parsedLines + malformedLines,
          "%s: %d lines but %d parsed + %d malformed",
          name,
          lines,
          parsedLines,
          malformedLines);
      io.squidlens.base.Checks.requireArgument(
          outsideWindowLines >= 0 && outsideWindowLines <= parsedLines,
          "%s: %d records outside the window of %d parsed",
          name,
          outsideWindowLines,
          parsedLines);
    }

    /** The records inside the window: what the aggregates hold. */
    public long windowLines() {
      return parsedLines - outsideWindowLines;
    }
  }
}
