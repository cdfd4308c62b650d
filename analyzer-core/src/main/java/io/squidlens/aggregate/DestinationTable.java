package io.squidlens.aggregate;

import io.squidlens.net.Destination;
import io.squidlens.parse.ByteScan;
import io.squidlens.parse.LineFields;
import java.util.Arrays;

/**
 * Per-worker table from a line's raw destination key to its running statistics. Not thread-safe.
 */
final class DestinationTable {
  /*
   * Implementation notes.
   *
   * The key is what makes two lines "the same destination as logged": the request kind
   * (CONNECT, http, https, ...), the authority bytes, the hierarchy code, the peer address and
   * a separately logged port. It is hashed and compared as raw bytes; normalisation (case,
   * trailing dots, default ports) happens once per entry when the table is turned into a
   * Summary, where entries that normalise alike merge. So the per-line cost is one hash over
   * roughly 50-90 bytes, one probe and one range comparison, and no String.
   *
   * Statistics are a structure of arrays indexed by entry id: eight longs per entry in one array
   * (one cache line per update), examples and clients apart because they are touched rarely.
   * The table refuses new entries past its cap; the caller counts those lines as overflow.
   */

  static final int STRIDE = 8;
  static final int REQUESTS = 0;
  static final int DENIED = 1;
  static final int AUTH = 2;
  static final int BYTES = 3;
  static final int DENIED_BYTES = 4;
  static final int FIRST = 5;
  static final int LAST = 6;

  static final int EXAMPLES = 3;
  static final int CLIENT_SLOTS = 8;

  /** {@link #clientCount} value meaning "more clients than slots". */
  static final byte CLIENTS_OVERFLOW = CLIENT_SLOTS + 1;

  private static final int PARTS = 4;

  private final int maxEntries;
  private int[] slots = new int[1024];
  private int[] slotHashes = new int[1024];
  private int size;

  private byte[] arena = new byte[16 * 1024];
  private int arenaUsed;
  private int[] keyOffsets = new int[512];
  private int[] keyLengths = new int[512 * PARTS];
  private byte[] schemes = new byte[512];
  private int[] defaultPorts = new int[512];

  long[] stats = new long[512 * STRIDE];
  long[] examples = new long[512 * EXAMPLES];
  int[] clients = new int[512 * CLIENT_SLOTS];
  byte[] clientCount = new byte[512];

  DestinationTable(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  int size() {
    return size;
  }

  /** Finds or adds the entry for the line's destination; -1 if it is new and the table full. */
  int find(LineFields f) {
    byte[] b = f.buf();
    int scheme = f.scheme();
    long h = ByteScan.hash(b, f.authStart(), f.authEnd(), scheme);
    int hs = f.hierStart();
    if (hs >= 0) {
      h = ByteScan.hash(b, hs, f.hierEnd(), h);
    }
    int ps = f.peerStart();
    if (ps >= 0) {
      h = ByteScan.hash(b, ps, f.peerEnd(), h);
    }
    int pts = f.portStart();
    if (pts >= 0) {
      h = ByteScan.hash(b, pts, f.portEnd(), h);
    }
    int hash = (int) h;
    int mask = slots.length - 1;
    int i = hash & mask;
    while (true) {
      int slot = slots[i];
      if (slot == 0) {
        break;
      }
      int id = slot - 1;
      if (slotHashes[i] == hash && matches(id, f, scheme)) {
        return id;
      }
      i = (i + 1) & mask;
    }
    if (size >= maxEntries) {
      return -1;
    }
    int id = add(f, scheme);
    slots[i] = id + 1;
    slotHashes[i] = hash;
    if (size * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  private boolean matches(int id, LineFields f, int scheme) {
    if (schemes[id] != scheme) {
      return false;
    }
    byte[] b = f.buf();
    int off = keyOffsets[id];
    int k = id * PARTS;
    int len = keyLengths[k];
    if (!Arrays.equals(arena, off, off + len, b, f.authStart(), f.authEnd())) {
      return false;
    }
    off += len;
    len = keyLengths[k + 1];
    if (!rangeEquals(off, len, b, f.hierStart(), f.hierEnd())) {
      return false;
    }
    off += len;
    len = keyLengths[k + 2];
    if (!rangeEquals(off, len, b, f.peerStart(), f.peerEnd())) {
      return false;
    }
    off += len;
    return rangeEquals(off, keyLengths[k + 3], b, f.portStart(), f.portEnd());
  }

  private boolean rangeEquals(int off, int len, byte[] b, int s, int e) {
    if (s < 0) {
      return len == 0;
    }
    return Arrays.equals(arena, off, off + len, b, s, e);
  }

  private int add(LineFields f, int scheme) {
    int id = size;
    if (id == schemes.length) {
      grow();
    }
    byte[] b = f.buf();
    int off = arenaUsed;
    keyOffsets[id] = off;
    schemes[id] = (byte) scheme;
    defaultPorts[id] = defaultPort(f, scheme);
    int k = id * PARTS;
    keyLengths[k] = append(b, f.authStart(), f.authEnd());
    keyLengths[k + 1] = append(b, f.hierStart(), f.hierEnd());
    keyLengths[k + 2] = append(b, f.peerStart(), f.peerEnd());
    keyLengths[k + 3] = append(b, f.portStart(), f.portEnd());
    int s = id * STRIDE;
    stats[s + FIRST] = Long.MAX_VALUE;
    stats[s + LAST] = Long.MIN_VALUE;
    Arrays.fill(examples, id * EXAMPLES, id * EXAMPLES + EXAMPLES, Long.MAX_VALUE);
    size++;
    return id;
  }

  private int append(byte[] b, int s, int e) {
    if (s < 0) {
      return 0;
    }
    int len = e - s;
    if (arenaUsed + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
    }
    System.arraycopy(b, s, arena, arenaUsed, len);
    arenaUsed += len;
    return len;
  }

  private void grow() {
    int n = schemes.length * 2;
    keyOffsets = Arrays.copyOf(keyOffsets, n);
    keyLengths = Arrays.copyOf(keyLengths, n * PARTS);
    schemes = Arrays.copyOf(schemes, n);
    defaultPorts = Arrays.copyOf(defaultPorts, n);
    stats = Arrays.copyOf(stats, n * STRIDE);
    examples = Arrays.copyOf(examples, n * EXAMPLES);
    clients = Arrays.copyOf(clients, n * CLIENT_SLOTS);
    clientCount = Arrays.copyOf(clientCount, n);
  }

  private void rehash() {
    int[] newSlots = new int[slots.length * 2];
    int[] newHashes = new int[slots.length * 2];
    int mask = newSlots.length - 1;
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] != 0) {
        int j = slotHashes[i] & mask;
        while (newSlots[j] != 0) {
          j = (j + 1) & mask;
        }
        newSlots[j] = slots[i];
        newHashes[j] = slotHashes[i];
      }
    }
    slots = newSlots;
    slotHashes = newHashes;
  }

  /** Inserts a line key among the entry's smallest {@link #EXAMPLES} keys. */
  void example(int id, long key) {
    int base = id * EXAMPLES;
    long[] ex = examples;
    if (key >= ex[base + EXAMPLES - 1]) {
      return;
    }
    int i = base + EXAMPLES - 1;
    while (i > base && ex[i - 1] > key) {
      ex[i] = ex[i - 1];
      i--;
    }
    ex[i] = key;
  }

  /** Records a client id in the entry's slots (until they overflow). */
  void client(int id, int clientId) {
    int n = clientCount[id];
    if (n == CLIENTS_OVERFLOW) {
      return;
    }
    int base = id * CLIENT_SLOTS;
    for (int i = 0; i < n; i++) {
      if (clients[base + i] == clientId) {
        return;
      }
    }
    if (n == CLIENT_SLOTS) {
      clientCount[id] = CLIENTS_OVERFLOW;
      return;
    }
    clients[base + n] = clientId;
    clientCount[id] = (byte) (n + 1);
  }

  /** Whether the entry still tracks clients (so the caller needs the client's id). */
  boolean wantsClients(int id) {
    return clientCount[id] != CLIENTS_OVERFLOW;
  }

  private static int defaultPort(LineFields f, int scheme) {
    return switch (scheme) {
      case LineFields.SCHEME_HTTP -> 80;
      case LineFields.SCHEME_HTTPS -> 443;
      case LineFields.SCHEME_OTHER -> Destination.defaultPort(f.text(f.urlStart(), f.schemeEnd()));
      default -> -1;
    };
  }

  /** The entry's normalised destination, or null if its authority names no host. */
  Destination destination(int id) {
    Destination d = Destination.fromAuthority(keyPart(id, 0), defaultPorts[id]);
    String port = keyPart(id, 3);
    if (d != null && port != null) {
      int p = parsePort(port);
      if (p >= 0) {
        d = Destination.of(d.host(), p);
      }
    }
    return d;
  }

  private static int parsePort(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= 65535 ? v : -1;
  }

  /** Decodes key part {@code part} (0 authority, 1 hierarchy, 2 peer, 3 port); null if absent. */
  String keyPart(int id, int part) {
    int off = keyOffsets[id];
    int k = id * PARTS;
    for (int p = 0; p < part; p++) {
      off += keyLengths[k + p];
    }
    int len = keyLengths[k + part];
    return len == 0 && part > 0
        ? null
        : new String(arena, off, len, java.nio.charset.StandardCharsets.UTF_8);
  }
}
