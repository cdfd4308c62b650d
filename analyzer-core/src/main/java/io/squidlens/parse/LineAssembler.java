package io.squidlens.parse;

import io.squidlens.base.ByteScan;
import io.squidlens.base.LineRefs;
import java.util.Arrays;

/**
 * Turns bytes arriving in arbitrary pieces (a pipe, a growing file) into lines for a {@link
 * LineView.Consumer}: complete lines are handled as they arrive, a partial last line is held until
 * its newline comes, and a line longer than the limit is reported as malformed without being
 * buffered whole. Line keys are {@link LineRefs} of one source, numbered from 1, so {@link
 * LineIndex#identity()} resolves them. Not thread-safe.
 *
 * <pre>{@code
 * LineAssembler lines = new LineAssembler(LogFormat.auto(), 0, accumulator);
 * lines.feed(buffer, 0, n);   // as often as bytes arrive
 * lines.endOfInput();         // the last line needs no newline
 * }</pre>
 */
final class LineAssembler implements LineSink {
  private final LogFormat format;
  private final int source;
  private final LineHandler handler;
  private LineParser parser;
  private String formatNote;
  private byte[] held = new byte[8192];
  private int heldLength;
  private boolean skipping;
  private long nextLine = 1;

  /**
   * Creates an assembler.
   *
   * @param source the source index the line keys carry
   */
  LineAssembler(LogFormat format, int source, LineView.Consumer consumer) {
    this(format, source, new LineHandler(consumer, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** An assembler whose lines go to {@code handler}. */
  LineAssembler(LogFormat format, int source, LineHandler handler) {
    this.format = format;
    this.source = source;
    this.handler = handler;
    if (!format.isAuto()) {
      parser = format.parser();
      formatNote = format.givenNote();
    }
  }

  /** Handles every line completed by {@code b[off, off + len)}; holds the rest. */
  @Override
  public void feed(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    if (skipping) {
      int nl = ByteScan.indexOf(b, i, end, (byte) '\n');
      if (nl < 0) {
        return;
      }
      skipping = false;
      i = nl + 1;
    }
    if (heldLength > 0) {
      int nl = ByteScan.indexOf(b, i, end, (byte) '\n');
      if (nl < 0) {
        hold(b, i, end);
        return;
      }
      hold(b, i, nl);
      if (!skipping) {
        line(held, 0, heldLength);
      }
      heldLength = 0;
      skipping = false;
      i = nl + 1;
    }
    while (i < end) {
      int nl = ByteScan.indexOf(b, i, end, (byte) '\n');
      if (nl < 0) {
        hold(b, i, end);
        return;
      }
      line(b, i, nl);
      i = nl + 1;
    }
  }

  /**
   * Handles the held partial line as a line of its own: at the end of the input, or when a file is
   * left behind (rotated away, truncated) and its last line will never be completed.
   */
  void endOfInput() {
    if (heldLength > 0 && !skipping) {
      line(held, 0, heldLength);
    }
    heldLength = 0;
    skipping = false;
  }

  /** Lines handled so far (non-empty ones). */
  long lines() {
    return handler.lines(source);
  }

  /** Lines parsed as records so far. */
  long parsedLines() {
    return handler.parsed(source);
  }

  /** Records logged outside the window so far. */
  long outsideWindowLines() {
    return handler.outside(source);
  }

  /** Lines reported as malformed so far. */
  long malformedLines() {
    return handler.malformed(source);
  }

  /** The format in use and how it was chosen, or null before the first line. */
  String formatName() {
    return parser == null ? null : parser.formatName();
  }

  /** How the format was chosen, or null before the first line. */
  String formatNote() {
    return formatNote;
  }

  private void hold(byte[] b, int from, int to) {
    int n = to - from;
    if (heldLength + n > LineHandler.MAX_LINE) {
      // Report it once, from what is at hand, and drop bytes until the next newline.
      if (!skipping) {
        byte[] start = Arrays.copyOf(held, heldLength + Math.min(n, 1024));
        System.arraycopy(b, from, start, heldLength, start.length - heldLength);
        choose(start, 0, start.length);
        handler.tooLong(source, start, 0, start.length, LineRefs.of(source, nextLine++));
        skipping = true;
      }
      heldLength = 0;
      return;
    }
    if (heldLength + n > held.length) {
      held = Arrays.copyOf(held, Math.max(held.length * 2, heldLength + n));
    }
    System.arraycopy(b, from, held, heldLength, n);
    heldLength += n;
  }

  /** One physical line; empty ones are skipped but numbered, as in batch reads. */
  private void line(byte[] b, int s, int e) {
    choose(b, s, e);
    handler.handle(parser, source, b, s, e, LineRefs.of(source, nextLine++));
  }

  /** Picks the format from the first line when it is detected, as batch reads do per input. */
  private void choose(byte[] b, int s, int e) {
    if (parser == null) {
      FormatDetector.Detection d = FormatDetector.detect(format, b, s, e, true);
      parser = d.parser();
      formatNote = format.isAuto() ? "auto: chosen from the first line" : d.note();
    }
  }
}
