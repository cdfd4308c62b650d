package io.squidlens.parse;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading a set of inputs: per-input statistics and the index that resolves line
 * keys. Immutable once returned.
 *
 * @param sources one entry per input, in processing order (rotated sets oldest first)
 * @param index resolves the line keys consumers saw into line references
 */
public record ReadResult(List<SourceStats> sources, LineIndex index) {
  /** Copies the list. */
  public ReadResult {
    sources = List.copyOf(sources);
    Objects.requireNonNull(index, "index");
  }
}
