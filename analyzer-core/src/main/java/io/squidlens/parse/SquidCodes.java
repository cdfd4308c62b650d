package io.squidlens.parse;

import io.squidlens.base.ByteScan;
import io.squidlens.base.ByteScan.ByteInterner;
import java.util.Arrays;
import java.util.Set;

/**
 * What the result and hierarchy codes of one reader's lines mean: each distinct {@code code/status}
 * gets a small id and its flags (denied, authentication challenge, peer query) once, each distinct
 * hierarchy code whether it means a direct connection. One per {@link LineFields}; not thread-safe.
 */
final class SquidCodes {
  /*
   * Implementation notes.
   *
   * A log repeats a handful of codes, so a direct-mapped cache of the last tokens of up to 16
   * bytes (two word compares and the status) answers almost every line without hashing, with the
   * code's flags read from the same id; a miss
   * interns the token, and the first sight of a token decodes it with ResultCode.parse. Past the
   * interner's cap (a log made of random codes) a line's flags are decoded from its text, without
   * an id: such lines all share the id UNTRACKED, whose text is "(other)".
   */

  static final byte DENIED = 1;
  static final byte AUTH = 2;
  static final byte PEER_QUERY = 4;

  /** The id of lines whose code could not be tracked (the table was full). */
  static final int UNTRACKED = LineView.UNTRACKED_CODE;

  private static final int MAX_CODES = 4096;
  private static final int CACHE = 256;
  private static final byte[] HIER_DIRECT = {'H', 'I', 'E', 'R', '_', 'D', 'I', 'R', 'E', 'C', 'T'};
  private static final long HIER_DIRECT_0 = ByteScan.prefix(HIER_DIRECT, 0, 8);
  private static final long HIER_DIRECT_1 = ByteScan.prefix(HIER_DIRECT, 8, 3);

  private static final Set<String> DIRECT_HIERARCHIES =
      Set.of(
          "HIER_DIRECT",
          "DIRECT",
          "CLOSEST_DIRECT",
          "ORIGINAL_DST",
          "SOURCE_FASTEST",
          "NO_PARENT_DIRECT");

  private final ByteInterner codes = new ByteInterner(MAX_CODES);
  private final ByteInterner hierarchies = new ByteInterner(1024);
  private byte[] codeFlags = new byte[64];
  private long[] codeSignals = new long[64];
  private byte[] directHierarchy = new byte[16];

  private final long[] cache0 = new long[CACHE];
  private final long[] cache1 = new long[CACHE];
  private final int[] cacheShape = new int[CACHE];
  private final int[] cacheId = new int[CACHE];

  SquidCodes() {
    // Id 0 is the untracked code.
    codes.intern(new byte[0], 0, 0, Integer.MIN_VALUE);
  }

  /**
   * The flags of the code {@link #id} last looked up ({@link #DENIED}, {@link #AUTH}, {@link
   * #PEER_QUERY}), so a line's id and flags cost one lookup.
   */
  int lastFlags;

  /** The id of {@code b[s, e)} with {@code status}; {@code s < 0} when the format has no code. */
  int id(byte[] b, int s, int e, int status) {
    if (s < 0) {
      s = 0;
      e = 0;
    }
    int len = e - s;
    if (len <= 16) {
      long w0 = ByteScan.prefix(b, s, Math.min(len, 8));
      long w1 = len > 8 ? ByteScan.prefix(b, s + 8, len - 8) : 0;
      int shape = (len << 16) | (status & 0xFFFF);
      int slot = (int) (((w0 + w1 * 31 + shape) * 0x9E3779B97F4A7C15L) >>> 56);
      int cached = cacheId[slot];
      if (cacheShape[slot] == shape && cache0[slot] == w0 && cache1[slot] == w1 && cached != 0) {
        lastFlags = codeFlags[cached];
        return cached;
      }
      int id = intern(b, s, e, status);
      if (id != UNTRACKED) {
        cacheShape[slot] = shape;
        cache0[slot] = w0;
        cache1[slot] = w1;
        cacheId[slot] = id;
      }
      lastFlags = flags(id, b, s, e, status);
      return id;
    }
    int id = intern(b, s, e, status);
    lastFlags = flags(id, b, s, e, status);
    return id;
  }

  private int intern(byte[] b, int s, int e, int status) {
    int known = codes.size();
    int id = codes.intern(b, s, e, status);
    if (id < 0) {
      return UNTRACKED;
    }
    if (id >= codeFlags.length) {
      codeFlags = Arrays.copyOf(codeFlags, codeFlags.length * 2);
      codeSignals = Arrays.copyOf(codeSignals, codeSignals.length * 2);
    }
    if (codes.size() > known) {
      String text = e > s ? codes.text(id) : "";
      codeFlags[id] = flagsOf(text, status);
      codeSignals[id] = e > s ? SquidGeneration.ofResultCode(text) : 0;
    }
    return id;
  }

  /** The flags of a line: from its id, or decoded from its text when untracked. */
  private int flags(int id, byte[] b, int s, int e, int status) {
    if (id != UNTRACKED) {
      return codeFlags[id];
    }
    return flagsOf(
        s < 0 ? "" : new String(b, s, e - s, java.nio.charset.StandardCharsets.UTF_8), status);
  }

  long signals(int id) {
    return codeSignals[id];
  }

  /** The code text of an id, {@code -} for a format without codes, {@code (other)} untracked. */
  String text(int id) {
    if (id == UNTRACKED) {
      return "(other)";
    }
    String t = codes.text(id);
    return t.isEmpty() ? "-" : t;
  }

  /** The status of an id, or -1. */
  int status(int id) {
    return id == UNTRACKED ? -1 : codes.tag(id);
  }

  private static byte flagsOf(String code, int status) {
    if (code.isEmpty()) {
      return status == 407 ? AUTH : 0;
    }
    ResultCode rc = ResultCode.parse(code);
    byte flags = 0;
    if (rc.outcome() == ResultCode.Outcome.PEER_QUERY) {
      flags |= PEER_QUERY;
    }
    if (ResultCode.isAuthChallenge(rc.outcome(), status)) {
      flags |= AUTH;
    } else if (rc.isPolicyDenial(status)) {
      flags |= DENIED;
    }
    return flags;
  }

  /** Whether the hierarchy code {@code b[hs, he)} means Squid connected to the peer directly. */
  boolean direct(byte[] b, int hs, int he) {
    if (hs < 0) {
      // A format without %Sh: a logged server address (%<a) is the server's.
      return true;
    }
    if (he - hs == HIER_DIRECT.length
        && ByteScan.prefix(b, hs, 8) == HIER_DIRECT_0
        && ByteScan.prefix(b, hs + 8, 3) == HIER_DIRECT_1) {
      return true;
    }
    int known = hierarchies.size();
    int id = hierarchies.intern(b, hs, he, 0);
    if (id < 0) {
      return DIRECT_HIERARCHIES.contains(
          stripTimeout(new String(b, hs, he - hs, java.nio.charset.StandardCharsets.UTF_8)));
    }
    if (id >= directHierarchy.length) {
      directHierarchy = Arrays.copyOf(directHierarchy, directHierarchy.length * 2);
    }
    if (hierarchies.size() > known) {
      directHierarchy[id] =
          (byte) (DIRECT_HIERARCHIES.contains(stripTimeout(hierarchies.text(id))) ? 1 : 0);
    }
    return directHierarchy[id] != 0;
  }

  private static String stripTimeout(String hierarchy) {
    return hierarchy.startsWith("TIMEOUT_") ? hierarchy.substring("TIMEOUT_".length()) : hierarchy;
  }
}
