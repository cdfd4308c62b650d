package io.squidlens.classify;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import io.squidlens.net.Cidrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A map from CIDR blocks to values answering longest-prefix-match queries. Immutable once built,
 * and then safe to share between threads.
 *
 * <pre>{@code
 * CidrTable<String> t = CidrTable.<String>builder().put("10.0.0.0/8", "rfc1918").build();
 * t.lookup(Destination.parseLiteral("10.1.2.3"));  // "rfc1918"
 * }</pre>
 */
final class CidrTable<V> {
  /*
   * Implementation notes.
   *
   * IPAddress's associative tries (IPv4AddressAssociativeTrie, IPv6AddressAssociativeTrie) are
   * binary tries over address bits whose longestPrefixMatchNode walks at most 32 or 128 levels.
   * They accept only prefix blocks, so every key is widened with toPrefixBlock() first. IPv4 and
   * IPv6 live in separate tries because a trie's keys must share a bit length; an IPv4-mapped
   * IPv6 address (::ffff:a.b.c.d) is looked up as the IPv4 address it embeds, since that is the
   * host a client actually reaches. The tries are documented as safe for concurrent reads while
   * unmodified, and nothing can modify them after build().
   */

  private final IPv4AddressAssociativeTrie<V> v4;
  private final IPv6AddressAssociativeTrie<V> v6;
  private final List<Map.Entry<IPAddress, V>> entries;

  private CidrTable(
      IPv4AddressAssociativeTrie<V> v4,
      IPv6AddressAssociativeTrie<V> v6,
      List<Map.Entry<IPAddress, V>> entries) {
    this.v4 = v4;
    this.v6 = v6;
    this.entries = List.copyOf(entries);
  }

  /** A builder; later puts of the same block replace earlier ones. */
  public static <V> Builder<V> builder() {
    return new Builder<>();
  }

  /** The value of the longest block containing {@code address}, or null. */
  public V lookup(IPAddress address) {
    IPAddress a = Cidrs.unmap(address);
    if (a.isIPv4()) {
      var node = v4.longestPrefixMatchNode(a.toIPv4());
      return node == null ? null : node.getValue();
    }
    var node = v6.longestPrefixMatchNode(a.toIPv6());
    return node == null ? null : node.getValue();
  }

  /** The blocks and values in insertion order. */
  public List<Map.Entry<IPAddress, V>> entries() {
    return entries;
  }

  /** Builds a {@link CidrTable}. Not thread-safe. */
  public static final class Builder<V> {
    private final IPv4AddressAssociativeTrie<V> v4 = new IPv4AddressAssociativeTrie<>();
    private final IPv6AddressAssociativeTrie<V> v6 = new IPv6AddressAssociativeTrie<>();
    private final List<Map.Entry<IPAddress, V>> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Maps a block given as text.
     *
     * @throws IllegalArgumentException naming the value if it is not an address or CIDR
     */
    public Builder<V> put(String cidr, V value) {
      return put(Cidrs.parse(cidr), value);
    }

    /** Maps a block (widened to a prefix block). */
    public Builder<V> put(IPAddress block, V value) {
      IPAddress b = block.isPrefixed() ? block.toPrefixBlock() : block;
      if (b.isIPv4()) {
        v4.put(b.toIPv4(), value);
      } else {
        v6.put(b.toIPv6(), value);
      }
      entries.add(Map.entry(b, value));
      return this;
    }

    /** The table; the builder must not be used afterwards. */
    public CidrTable<V> build() {
      return new CidrTable<>(v4, v6, entries);
    }
  }
}
