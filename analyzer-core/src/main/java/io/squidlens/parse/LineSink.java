package io.squidlens.parse;

/** Takes bytes holding lines, as they arrive; a {@link FileTail} hands over whole lines only. */
interface LineSink {
  /** Takes {@code b[off, off + len)}. */
  void feed(byte[] b, int off, int len);
}
