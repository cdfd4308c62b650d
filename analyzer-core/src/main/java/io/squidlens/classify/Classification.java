package io.squidlens.classify;

import java.util.List;
import java.util.Objects;

/**
 * Where one destination really goes, why squidlens thinks so, and the chain of evidence. Immutable.
 * Made by the classifier; read by the recommender and the reports.
 *
 * @param destinationClass internet, cluster-internal or private-endpoint (never denied)
 * @param reason the decisive rule in words ({@code "service network 172.21.0.0/16"})
 * @param basis which kind of evidence decided
 * @param range for IP literals in a cluster or provider range: that range, which a recommendation
 *     may use instead of the address; else null
 * @param zone for name rules: the zone as it appears in the host ({@code icr.io}); else null
 * @param policy how {@code zone} may be aggregated ({@link SuffixPolicy#NEVER} without a zone)
 * @param evidence every step taken, in order, for {@code squidlens explain}
 */
public record Classification(
    TrafficClass destinationClass,
    String reason,
    Basis basis,
    String range,
    String zone,
    SuffixPolicy policy,
    List<String> evidence) {

  /** How a name rule's zone may appear in a NO_PROXY recommendation. */
  public enum SuffixPolicy {
    /**
     * Always as {@code .zone} ({@code .svc}, {@code .cluster.local}): a cluster-wide convention.
     */
    ALWAYS,
    /**
     * As {@code zone,.zone} once two or more hosts under it are seen (known-safe private zones).
     */
    WHEN_SHARED,
    /** Never as a suffix: exact hosts only. */
    NEVER
  }

  /** The kind of evidence that decided a classification. */
  public enum Basis {
    /** The destination is an IP literal, matched against address rules. */
    ADDRESS,
    /** A name rule matched the host. */
    NAME,
    /** The peer address Squid logged for a direct connection. */
    PEER,
    /** A hosts file (a worker's /etc/hosts) mapped the name. */
    HOSTS_FILE,
    /** A DNS lookup. */
    DNS,
    /** Nothing pointed to a private destination. */
    DEFAULT
  }

  /** Checks fields and copies the evidence. */
  public Classification {
    Objects.requireNonNull(destinationClass, "destinationClass");
    io.squidlens.base.Checks.requireArgument(
        destinationClass != TrafficClass.DENIED, "denied is not a destination class");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(policy, "policy");
    evidence = List.copyOf(evidence);
  }
}
