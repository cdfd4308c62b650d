package io.squidlens.classify;

import java.util.HashMap;
import java.util.Map;

/**
 * A trie of domain labels from the top-level label down, mapping zones to {@link NameRule}s; {@code
 * *} in a pattern matches exactly one label. Immutable once filled.
 */
final class NameTrie {
  /*
   * Implementation notes: each node holds exact-label children and at most one wildcard child.
   * A lookup walks the host's labels right to left, following both the exact and the wildcard
   * branch (patterns have few wildcards, so the walk stays narrow), and reports the deepest node
   * whose rule accepts the position: the zone itself (apex) or a name below it. Deeper wins
   * because a more specific zone (s3.direct.<r>.cloud-object-storage.appdomain.cloud) must
   * override a broader one (s3.<r>.cloud-object-storage.appdomain.cloud).
   */

  /** The deepest match: the rule and the zone as it appears in the host. */
  record Match(NameRule rule, String zone, boolean apex) {}

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    Node wildcard;
    NameRule rule;
  }

  private final Node root = new Node();

  /** Adds a rule under its pattern; a later rule for the same pattern replaces the earlier. */
  void put(NameRule rule) {
    String[] labels = rule.pattern().split("\\.", -1);
    Node n = root;
    for (int i = labels.length - 1; i >= 0; i--) {
      String label = labels[i];
      if (label.equals("*")) {
        if (n.wildcard == null) {
          n.wildcard = new Node();
        }
        n = n.wildcard;
      } else {
        n = n.children.computeIfAbsent(label, k -> new Node());
      }
    }
    n.rule = rule;
  }

  /**
   * Whether names matching {@code pattern} ({@code *} for one label) can lie strictly under {@code
   * zone}: the pattern has more labels and its last ones match the zone's.
   */
  static boolean patternUnder(String pattern, String zone) {
    String[] p = pattern.split("\\.", -1);
    String[] z = zone.split("\\.", -1);
    if (p.length <= z.length) {
      return false;
    }
    for (int i = 1; i <= z.length; i++) {
      String a = p[p.length - i];
      if (!a.equals("*") && !a.equals(z[z.length - i])) {
        return false;
      }
    }
    return true;
  }

  /** The deepest rule matching {@code host} (lower case, no trailing dot), or null. */
  Match longest(String host) {
    // Label boundaries instead of split(): a lookup usually stops two labels from the right
    // (most hosts share no zone with a rule), so only those labels become Strings.
    int count = 1;
    for (int i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
      count++;
    }
    int[] starts = new int[count];
    int[] ends = new int[count];
    int k = 0;
    int start = 0;
    for (int i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
      starts[k] = start;
      ends[k++] = i;
      start = i + 1;
    }
    starts[k] = start;
    ends[k] = host.length();
    Labels labels = new Labels(host, starts, ends);
    Best best = new Best();
    walk(root, labels, count - 1, 0, best);
    if (best.rule == null) {
      return null;
    }
    String zone = best.depth == 0 ? "" : host.substring(starts[count - best.depth]);
    return new Match(best.rule, zone, best.depth == count);
  }

  /** A host's labels as positions in the host. */
  private static final class Labels {
    private final String host;
    private final int[] starts;
    private final int[] ends;

    Labels(String host, int[] starts, int[] ends) {
      this.host = host;
      this.starts = starts;
      this.ends = ends;
    }

    int count() {
      return starts.length;
    }

    String label(int i) {
      return host.substring(starts[i], ends[i]);
    }

    boolean empty(int i) {
      return starts[i] == ends[i];
    }
  }

  private static final class Best {
    int depth = -1;
    NameRule rule;
  }

  private static void walk(Node n, Labels labels, int i, int depth, Best best) {
    if (n.rule != null && depth > best.depth) {
      boolean apex = depth == labels.count();
      if (apex ? n.rule.apex() : n.rule.subdomains()) {
        best.depth = depth;
        best.rule = n.rule;
      }
    }
    if (i < 0) {
      return;
    }
    if (!n.children.isEmpty()) {
      Node child = n.children.get(labels.label(i));
      if (child != null) {
        walk(child, labels, i - 1, depth + 1, best);
      }
    }
    if (n.wildcard != null && !labels.empty(i)) {
      walk(n.wildcard, labels, i - 1, depth + 1, best);
    }
  }
}
