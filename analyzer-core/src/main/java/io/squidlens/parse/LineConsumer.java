package io.squidlens.parse;

/**
 * Receives parsed and malformed lines from a reader. Each worker thread gets its own consumer, so
 * implementations need not be thread-safe.
 *
 * <p>{@code lineKey} identifies the line: in batch reads it is a raw key that {@link
 * LineIndex#resolve} turns into a {@link LineRefs line reference} once all chunks are read; in
 * sequential reads it already is one.
 */
public interface LineConsumer {

  /** A record; {@code fields} is only valid during the call. */
  void accept(LineFields fields, long lineKey);

  /**
   * A line that is not a record; {@link LineFields#problem()} says why and {@link
   * LineFields#lineStart()}..{@link LineFields#lineEnd()} spans (the start of) its bytes.
   */
  void malformed(LineFields fields, long lineKey);
}
