package io.squidlens.aggregate;

import io.squidlens.base.ByteScan;
import io.squidlens.net.Destination;
import io.squidlens.parse.LineView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Per-worker table from a line's raw destination key to its running statistics. Not thread-safe.
 */
final class DestinationTable {
  /*
   * Implementation notes.
   *
   * The key is what makes two lines "the same destination as logged": the request kind
   * (CONNECT, http, https, ...), the authority bytes and a separately logged port. It is hashed
   * and compared as raw bytes; normalisation (case, trailing dots, default ports) happens once
   * per entry when the table is turned into a Summary, where entries that normalise alike merge.
   *
   * The peer address is deliberately not part of the key: one host is reached on many addresses
   * (DNS round robin, CDNs), and keying on it multiplies entries by peers. Peers and clients are
   * evidence about an entry, kept as up to PEER_SLOTS / CLIENT_SLOTS distinct 64-bit hashes (the
   * text behind a hash is recorded once, elsewhere). A repeat costs a short hash and a few long
   * compares. Past the slot count the entry keeps the smallest hashes (a bottom-k sample, as in
   * KMV distinct-value sketches), so the listed values do not depend on line order and tables of
   * different threads merge exactly. Two values of one hash would share a slot and be listed as
   * whichever text was recorded first, so the hash must tell short values apart (ByteScan.hash
   * folds each product's halves for that).
   *
   * Layout is chosen for cache misses, which dominate once the table outgrows the caches (100k
   * destinations): the open-addressing array holds the full 64-bit hash and the entry id side by
   * side (one miss per probe, and a mismatch never touches the entry); the key bytes of an entry
   * are contiguous in one arena, prefixed by their length; and every per-entry counter, example,
   * peer and client slot lives in one stride of 32 longs (four adjacent cache lines, which the
   * hardware prefetches together), with the key's lengths, kind and first 56 bytes right after
   * the counters. A hit compares the key there, so it costs about two misses, the slot and the
   * stride; only keys longer than 56 bytes or with a separately logged port read the arena too.
   * (Comparing in the arena cost a miss per line once the reads had pushed it out of cache: the
   * inline key took a 2 GiB read on one thread from 7.9 to 7.3 s on the narrow log and 15.4 to
   * 13.5 s on the wide one, medians of alternated runs; an entry grew from 192 to 256 bytes.)
   *
   * The table refuses new entries past its cap; the caller counts those lines as overflow.
   */

  static final int STRIDE = 32;
  // The key's arena offset sits with the counters: a hit reads both, so they share a line.
  static final int REQUESTS = 0;
  static final int DENIED = 1;
  static final int AUTH = 2;
  static final int BYTES = 3;
  static final int DENIED_BYTES = 4;
  static final int FIRST = 5;
  static final int LAST = 6;
  static final int KEY = 7;
  // The key's lengths and kind, then its first INLINE_BYTES bytes: a hit compares them here,
  // beside the counters, instead of in the arena.
  static final int KEY_HEADER = 8;
  static final int KEY_WORDS = 9;
  static final int INLINE_BYTES = 56;
  static final int FLAGS = 16;
  static final int EXAMPLE = 17;
  static final int EXAMPLES = 3;
  static final int PEER = 20;
  static final int PEER_SLOTS = 4;
  static final int CLIENT = 24;
  static final int CLIENT_SLOTS = 8;

  static final long MORE_CLIENTS = 1;
  static final long MORE_PEERS = 2;

  private static final int INITIAL = 256;

  private final int maxEntries;
  private long[] slots = new long[INITIAL * 4];
  private int size;

  private byte[] arena = new byte[16 * 1024];
  private int arenaUsed;

  long[] entries = new long[INITIAL * STRIDE];

  DestinationTable(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  int size() {
    return size;
  }

  /**
   * Finds or adds the entry for the line's destination.
   *
   * @return the entry's offset in {@link #entries}, or -1 if it is new and the table full
   */
  int find(LineView f) {
    int ps = f.portStart();
    int pe = f.portEnd();
    if (ps >= 0 && pe - ps > 255) {
      ps = -1;
    }
    return find(f.buf(), f.scheme(), f.authStart(), f.authEnd(), ps, pe, -2, f);
  }

  /**
   * Finds or adds an entry by its raw key.
   *
   * @param defaultPort the kind's default port, or -2 to compute it from {@code f} if needed
   */
  int find(byte[] b, int scheme, int as, int ae, int ps, int pe, int defaultPort, LineView f) {
    long h = ByteScan.hash(b, as, ae, scheme);
    if (ps >= 0) {
      h = ByteScan.hash(b, ps, pe, h);
    }
    if (h == 0) {
      h = 1;
    }
    long[] t = slots;
    int mask = (t.length >>> 1) - 1;
    int i = (int) h & mask;
    while (true) {
      long sh = t[i << 1];
      if (sh == 0) {
        break;
      }
      if (sh == h) {
        int base = (int) t[(i << 1) + 1];
        if (matches(base, b, scheme, as, ae, ps, pe)) {
          return base;
        }
      }
      i = (i + 1) & mask;
    }
    if (size >= maxEntries) {
      return -1;
    }
    int dp = defaultPort != -2 ? defaultPort : f.defaultPort();
    int base = add(b, scheme, as, ae, ps, pe, dp);
    t[i << 1] = h;
    t[(i << 1) + 1] = base;
    if (size * 2 > (t.length >>> 1)) {
      rehash();
    }
    return base;
  }

  /**
   * Adds every entry of {@code other} into this table: counters add up, examples and slots merge.
   * Used to combine the tables of parsing threads before anything is materialised.
   *
   * @return for each entry id of {@code other}, the id it has in this table, or -1 when it did not
   *     fit (this table was full)
   */
  int[] absorb(DestinationTable other) {
    int[] map = new int[other.size];
    long[] o = other.entries;
    byte[] oa = other.arena;
    for (int id = 0; id < other.size; id++) {
      int ob = id * STRIDE;
      int off = (int) o[ob + KEY];
      int authLen = ((oa[off] & 0xFF) << 8) | (oa[off + 1] & 0xFF);
      int portLen = oa[off + 2] & 0xFF;
      int scheme = oa[off + 3];
      int k = off + HEADER;
      int d = k + authLen + portLen;
      int dp =
          ((oa[d] & 0xFF) << 24)
              | ((oa[d + 1] & 0xFF) << 16)
              | ((oa[d + 2] & 0xFF) << 8)
              | (oa[d + 3] & 0xFF);
      int base =
          find(
              oa,
              scheme,
              k,
              k + authLen,
              portLen == 0 ? -1 : k + authLen,
              k + authLen + portLen,
              dp,
              null);
      map[id] = base < 0 ? -1 : base / STRIDE;
      if (base < 0) {
        continue;
      }
      long[] e = entries;
      e[base + REQUESTS] += o[ob + REQUESTS];
      e[base + DENIED] += o[ob + DENIED];
      e[base + AUTH] += o[ob + AUTH];
      e[base + BYTES] += o[ob + BYTES];
      e[base + DENIED_BYTES] += o[ob + DENIED_BYTES];
      e[base + FIRST] = Math.min(e[base + FIRST], o[ob + FIRST]);
      e[base + LAST] = Math.max(e[base + LAST], o[ob + LAST]);
      e[base + FLAGS] |= o[ob + FLAGS];
      for (int x = 0; x < EXAMPLES; x++) {
        long key = o[ob + EXAMPLE + x];
        if (key != Long.MAX_VALUE) {
          example(base, key);
        }
      }
      for (int x = 0; x < PEER_SLOTS && o[ob + PEER + x] != 0; x++) {
        peer(base, o[ob + PEER + x]);
      }
      for (int x = 0; x < CLIENT_SLOTS && o[ob + CLIENT + x] != 0; x++) {
        client(base, o[ob + CLIENT + x]);
      }
    }
    return map;
  }

  /** Whether the entry at {@code base} has exactly this key (the hash matched already). */
  boolean matches(int base, byte[] b, int scheme, int as, int ae, int ps, int pe) {
    long[] e = entries;
    int authLen = ae - as;
    int portLen = ps < 0 ? 0 : pe - ps;
    if (e[base + KEY_HEADER] != keyHeader(authLen, portLen, scheme)) {
      return false;
    }
    int inline = Math.min(authLen, INLINE_BYTES);
    int k = 0;
    for (; k + 8 <= inline; k += 8) {
      if (e[base + KEY_WORDS + (k >>> 3)] != ByteScan.readLong(b, as + k)) {
        return false;
      }
    }
    if (k < inline && e[base + KEY_WORDS + (k >>> 3)] != ByteScan.prefix(b, as + k, inline - k)) {
      return false;
    }
    if (authLen <= INLINE_BYTES && portLen == 0) {
      return true;
    }
    int off = (int) e[base + KEY] + HEADER;
    byte[] a = arena;
    return ByteScan.rangeEquals(a, off + inline, b, as + inline, authLen - inline)
        && (ps < 0 || ByteScan.rangeEquals(a, off + authLen, b, ps, portLen));
  }

  private static long keyHeader(int authLen, int portLen, int scheme) {
    return authLen | (long) portLen << 16 | (long) (scheme & 0xFF) << 24;
  }

  /**
   * Key layout in the arena: authority length (2 bytes), port length (1), kind (1), the authority,
   * the separately logged port if any, then the kind's default port (4 bytes).
   */
  private int add(byte[] b, int scheme, int as, int ae, int ps, int pe, int dp) {
    int base = size * STRIDE;
    if (base + STRIDE > entries.length) {
      entries = Arrays.copyOf(entries, entries.length * 2);
    }
    int authLen = ae - as;
    int portLen = ps < 0 ? 0 : pe - ps;
    int need = HEADER + authLen + portLen + 4;
    if (arenaUsed + need > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + need));
    }
    int off = arenaUsed;
    byte[] a = arena;
    a[off] = (byte) (authLen >>> 8);
    a[off + 1] = (byte) authLen;
    a[off + 2] = (byte) portLen;
    a[off + 3] = (byte) scheme;
    int k = off + HEADER;
    System.arraycopy(b, as, a, k, authLen);
    k += authLen;
    if (portLen > 0) {
      System.arraycopy(b, ps, a, k, portLen);
      k += portLen;
    }
    a[k] = (byte) (dp >>> 24);
    a[k + 1] = (byte) (dp >>> 16);
    a[k + 2] = (byte) (dp >>> 8);
    a[k + 3] = (byte) dp;
    arenaUsed = k + 4;
    long[] e = entries;
    e[base + FIRST] = Long.MAX_VALUE;
    e[base + LAST] = Long.MIN_VALUE;
    e[base + EXAMPLE] = Long.MAX_VALUE;
    e[base + EXAMPLE + 1] = Long.MAX_VALUE;
    e[base + EXAMPLE + 2] = Long.MAX_VALUE;
    e[base + KEY] = off;
    e[base + KEY_HEADER] = keyHeader(authLen, portLen, scheme);
    int inline = Math.min(authLen, INLINE_BYTES);
    for (int i = 0; i < inline; i += 8) {
      e[base + KEY_WORDS + (i >>> 3)] = ByteScan.prefix(b, as + i, Math.min(8, inline - i));
    }
    size++;
    return base;
  }

  private static final int HEADER = 4;

  private void rehash() {
    long[] old = slots;
    long[] t = new long[old.length * 2];
    int mask = (t.length >>> 1) - 1;
    for (int i = 0; i < old.length; i += 2) {
      long h = old[i];
      if (h != 0) {
        int j = (int) h & mask;
        while (t[j << 1] != 0) {
          j = (j + 1) & mask;
        }
        t[j << 1] = h;
        t[(j << 1) + 1] = old[i + 1];
      }
    }
    slots = t;
  }

  /** Inserts a line key among the entry's smallest {@link #EXAMPLES} keys. */
  void example(int base, long key) {
    long[] e = entries;
    int first = base + EXAMPLE;
    int last = first + EXAMPLES - 1;
    if (key >= e[last]) {
      return;
    }
    int i = last;
    while (i > first && e[i - 1] > key) {
      e[i] = e[i - 1];
      i--;
    }
    e[i] = key;
  }

  /**
   * Records a client hash in the entry's slots.
   *
   * @return true when the hash is new for this entry (the caller records its text)
   */
  boolean client(int base, long hash) {
    return slot(base, CLIENT, CLIENT_SLOTS, MORE_CLIENTS, hash);
  }

  /**
   * Records a direct peer hash in the entry's slots.
   *
   * @return true when the hash is new for this entry (the caller records its text)
   */
  boolean peer(int base, long hash) {
    return slot(base, PEER, PEER_SLOTS, MORE_PEERS, hash);
  }

  private boolean slot(int base, int first, int n, long flag, long hash) {
    long[] e = entries;
    int start = base + first;
    int end = start + n;
    int max = start;
    for (int i = start; i < end; i++) {
      long v = e[i];
      if (v == hash) {
        return false;
      }
      if (v == 0) {
        e[i] = hash;
        return true;
      }
      if (v > e[max]) {
        max = i;
      }
    }
    // Full: keep the n smallest hashes seen (a bottom-k sample), so which values are listed
    // does not depend on the order lines arrive in, and merging tables stays exact.
    e[base + FLAGS] |= flag;
    if (hash < e[max]) {
      e[max] = hash;
      return true;
    }
    return false;
  }

  /** Whether more distinct clients were seen than the slots hold. */
  boolean moreClients(int base) {
    return (entries[base + FLAGS] & MORE_CLIENTS) != 0;
  }

  /** Whether more distinct peers were seen than the slots hold. */
  boolean morePeers(int base) {
    return (entries[base + FLAGS] & MORE_PEERS) != 0;
  }

  /** Adds the host of the entry at {@code base} to {@code names} (it could not be merged). */
  void addKeyTo(int base, OverflowNames names) {
    int off = (int) entries[base + KEY];
    int authLen = ((arena[off] & 0xFF) << 8) | (arena[off + 1] & 0xFF);
    names.add(arena, off + HEADER, off + HEADER + authLen);
  }

  /** The entry's normalised destination, or null if its authority names no host. */
  Destination destination(int base) {
    int off = (int) entries[base + KEY];
    byte[] a = arena;
    int authLen = ((a[off] & 0xFF) << 8) | (a[off + 1] & 0xFF);
    int portLen = a[off + 2] & 0xFF;
    int k = off + HEADER;
    int d = k + authLen + portLen;
    int defaultPort =
        ((a[d] & 0xFF) << 24)
            | ((a[d + 1] & 0xFF) << 16)
            | ((a[d + 2] & 0xFF) << 8)
            | (a[d + 3] & 0xFF);
    Destination dest =
        Destination.fromAuthority(new String(a, k, authLen, StandardCharsets.UTF_8), defaultPort);
    if (dest != null && portLen > 0) {
      int port = 0;
      for (int i = k + authLen; i < k + authLen + portLen && port <= 65535; i++) {
        int c = a[i] - '0';
        port = c < 0 || c > 9 ? Integer.MAX_VALUE : port * 10 + c;
      }
      if (port <= 65535) {
        dest = Destination.of(dest.host(), port);
      }
    }
    return dest;
  }
}
