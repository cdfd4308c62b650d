package io.squidlens.classify;

/** How a name rule's zone may appear in a NO_PROXY recommendation. */
public enum SuffixPolicy {
  /** Always as {@code .zone} ({@code .svc}, {@code .cluster.local}): a cluster-wide convention. */
  ALWAYS,
  /** As {@code zone,.zone} once two or more hosts under it are seen (known-safe private zones). */
  WHEN_SHARED,
  /** Never as a suffix: exact hosts only. */
  NEVER
}
