package io.squidlens.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Requests and first and last times per destination entry and proxy label, as one accumulator
 * counts them when inputs are labelled ({@code --source NAME=PATH}, a directory per proxy). A few
 * labels at most, so a dense array per entry. Not thread-safe.
 */
final class SourceShares {
  private final List<String> labels;
  private final int[] labelOfSource;
  private long[] cells = new long[0];

  /**
   * Shares for inputs labelled {@code sourceLabels} (by source index; null for an unlabelled
   * input).
   */
  SourceShares(List<String> sourceLabels) {
    List<String> distinct = new ArrayList<>();
    labelOfSource = new int[sourceLabels.size()];
    for (int s = 0; s < sourceLabels.size(); s++) {
      String l = sourceLabels.get(s);
      if (l == null) {
        labelOfSource[s] = -1;
        continue;
      }
      int i = distinct.indexOf(l);
      if (i < 0) {
        i = distinct.size();
        distinct.add(l);
      }
      labelOfSource[s] = i;
    }
    labels = List.copyOf(distinct);
  }

  /** Whether any input is labelled. */
  boolean active() {
    return !labels.isEmpty();
  }

  /** Counts a request of entry {@code entry} from input {@code source} at {@code t}. */
  void count(int entry, int source, long t) {
    int l = source < labelOfSource.length ? labelOfSource[source] : -1;
    if (l < 0) {
      return;
    }
    int base = (entry * labels.size() + l) * 3;
    grow(base);
    cells[base]++;
    cells[base + 1] = Math.min(cells[base + 1], t);
    cells[base + 2] = Math.max(cells[base + 2], t);
  }

  /** Adds {@code other}'s shares, whose entries {@code map} takes to this table's (or -1). */
  void absorb(SourceShares other, int[] map) {
    int n = other.labels.size();
    for (int e = 0; e < map.length; e++) {
      if (map[e] < 0) {
        continue;
      }
      for (int l = 0; l < n; l++) {
        int ob = (e * n + l) * 3;
        if (ob + 3 > other.cells.length || other.cells[ob] == 0) {
          continue;
        }
        int mine = labels.indexOf(other.labels.get(l));
        if (mine < 0) {
          continue;
        }
        int base = (map[e] * labels.size() + mine) * 3;
        grow(base);
        cells[base] += other.cells[ob];
        cells[base + 1] = Math.min(cells[base + 1], other.cells[ob + 1]);
        cells[base + 2] = Math.max(cells[base + 2], other.cells[ob + 2]);
      }
    }
  }

  /** Makes room for the cell at {@code base}, new cells with no time seen yet. */
  private void grow(int base) {
    if (base + 3 > cells.length) {
      int old = cells.length;
      cells = Arrays.copyOf(cells, Math.max(base + 3, cells.length * 2));
      for (int i = old; i < cells.length; i += 3) {
        cells[i + 1] = Long.MAX_VALUE;
        cells[i + 2] = Long.MIN_VALUE;
      }
    }
  }

  /** The shares of entry {@code entry}, sorted by label; empty when no input is labelled. */
  List<TrafficStats.Share> of(int entry) {
    if (labels.isEmpty()) {
      return List.of();
    }
    List<TrafficStats.Share> out = new ArrayList<>();
    for (int l = 0; l < labels.size(); l++) {
      int base = (entry * labels.size() + l) * 3;
      if (base + 3 <= cells.length && cells[base] > 0) {
        out.add(
            new TrafficStats.Share(labels.get(l), cells[base], cells[base + 1], cells[base + 2]));
      }
    }
    out.sort(java.util.Comparator.comparing(TrafficStats.Share::name));
    return out;
  }
}
