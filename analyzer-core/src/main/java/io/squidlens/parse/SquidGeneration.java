package io.squidlens.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Infers which Squid generation wrote a log from version-specific spellings (result codes,
 * hierarchy codes, peer fields). Reported, never required: squidlens reads every generation the
 * same way.
 */
final class SquidGeneration {
  /** {@code NONE_NONE} result codes: Squid 5+. */
  public static final long NONE_NONE = 1;

  /** {@code _CF} (collapsed forwarding) in a result code: Squid 5+. */
  public static final long COLLAPSED = 1 << 1;

  /** {@code TAG_NONE}: Squid 3.4 and 3.5. */
  public static final long TAG_NONE = 1 << 2;

  /** A bare {@code NONE} result code: up to 3.3, or 4.x. */
  public static final long PLAIN_NONE = 1 << 3;

  /** {@code TCP_TUNNEL}: Squid 3.5+. */
  public static final long TUNNEL = 1 << 4;

  /** {@code _IGNORED} or {@code _TIMEDOUT_ABORTED}: Squid 4+. */
  public static final long SUFFIXES_4 = 1 << 5;

  /** {@code error:transaction-end-before-headers}: Squid 4.0.13+. */
  public static final long TRANSACTION_END = 1 << 6;

  /** {@code HIER_} hierarchy codes: Squid 3.2+. */
  public static final long HIER_PREFIX = 1 << 7;

  /** Hierarchy codes without {@code HIER_} ({@code DIRECT/host}): Squid 3.1 and earlier. */
  public static final long LEGACY_HIERARCHY = 1 << 8;

  private SquidGeneration() {}

  /** Signals a result code carries. */
  public static long ofResultCode(String code) {
    long s = 0;
    if (code.startsWith("NONE_NONE")) {
      s |= NONE_NONE;
    }
    if (code.contains("_CF_") || code.endsWith("_CF")) {
      s |= COLLAPSED;
    }
    if (code.startsWith("TAG_NONE")) {
      s |= TAG_NONE;
    }
    if (code.equals("NONE")
        || code.startsWith("NONE_ABORTED")
        || code.startsWith("NONE_TIMEDOUT")) {
      s |= PLAIN_NONE;
    }
    if (code.startsWith("TCP_TUNNEL")) {
      s |= TUNNEL;
    }
    if (code.contains("_IGNORED") || code.contains("_TIMEDOUT_ABORTED")) {
      s |= SUFFIXES_4;
    }
    return s;
  }

  /** Signals a hierarchy code carries. */
  public static long ofHierarchy(String hierarchy) {
    String h = hierarchy.startsWith("TIMEOUT_") ? hierarchy.substring(8) : hierarchy;
    if (h.startsWith("HIER_")) {
      return HIER_PREFIX;
    }
    if (h.equals("DIRECT") || h.equals("NONE")) {
      return LEGACY_HIERARCHY;
    }
    return 0;
  }

  /** Signals an {@code error:} pseudo-URL carries. */
  public static long ofErrorUrl(String url) {
    return url.equals("error:transaction-end-before-headers") ? TRANSACTION_END : 0;
  }

  /** A sentence such as {@code "Squid 5 or later (NONE_NONE result codes)"}. */
  public static String describe(long s) {
    List<String> why = new ArrayList<>();
    String guess;
    if ((s & (NONE_NONE | COLLAPSED)) != 0) {
      guess = "Squid 5 or later";
      add(why, s, NONE_NONE, "NONE_NONE result codes");
      add(why, s, COLLAPSED, "_CF result codes");
    } else if ((s & TAG_NONE) != 0) {
      guess = "Squid 3.4 or 3.5";
      add(why, s, TAG_NONE, "TAG_NONE result codes");
    } else if ((s & LEGACY_HIERARCHY) != 0 && (s & HIER_PREFIX) == 0) {
      guess = "Squid 3.1 or earlier";
      add(why, s, LEGACY_HIERARCHY, "hierarchy codes without HIER_");
    } else if ((s & PLAIN_NONE) != 0 && (s & (SUFFIXES_4 | TRANSACTION_END | TUNNEL)) != 0) {
      guess = "Squid 4";
      add(why, s, PLAIN_NONE, "plain NONE result codes");
      add(why, s, SUFFIXES_4, "_IGNORED or _TIMEDOUT_ABORTED suffixes");
      add(why, s, TRANSACTION_END, "error:transaction-end-before-headers");
      add(why, s, TUNNEL, "TCP_TUNNEL");
    } else if ((s & PLAIN_NONE) != 0 && (s & HIER_PREFIX) != 0) {
      guess = "Squid 3.2 to 4";
      add(why, s, PLAIN_NONE, "plain NONE result codes");
      add(why, s, HIER_PREFIX, "HIER_ hierarchy codes");
    } else if ((s & (TUNNEL | TRANSACTION_END | SUFFIXES_4)) != 0) {
      guess = (s & (TRANSACTION_END | SUFFIXES_4)) != 0 ? "Squid 4 or later" : "Squid 3.5 or later";
      add(why, s, TUNNEL, "TCP_TUNNEL");
      add(why, s, TRANSACTION_END, "error:transaction-end-before-headers");
      add(why, s, SUFFIXES_4, "_IGNORED or _TIMEDOUT_ABORTED suffixes");
    } else if ((s & HIER_PREFIX) != 0) {
      guess = "Squid 3.2 or later";
      add(why, s, HIER_PREFIX, "HIER_ hierarchy codes");
    } else {
      return "unknown (no version-specific codes seen)";
    }
    return guess + " (" + String.join(", ", why) + ")";
  }

  private static void add(List<String> why, long s, long bit, String text) {
    if ((s & bit) != 0) {
      why.add(text);
    }
  }
}
