package io.squidlens.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class CidrTableTest {
  /** The answer a linear scan gives: the value of the longest block containing the address. */
  private static String linear(List<IPAddress> blocks, List<String> values, IPAddress a) {
    String best = null;
    int bestLen = -1;
    for (int i = 0; i < blocks.size(); i++) {
      IPAddress b = blocks.get(i);
      if (Cidrs.contains(b, a) && b.getNetworkPrefixLength() >= bestLen) {
        // Later puts of the same block replace earlier ones, as in the table.
        best = values.get(i);
        bestLen = b.getNetworkPrefixLength();
      }
    }
    return best;
  }

  @Test
  void lookup_agreesWithLinearScan_forRandomBlocksAndAddresses() {
    long seed = 0xC1D2;
    SplittableRandom r = new SplittableRandom(seed);
    for (int round = 0; round < 20; round++) {
      List<IPAddress> blocks = new ArrayList<>();
      List<String> values = new ArrayList<>();
      CidrTable.Builder<String> b = CidrTable.builder();
      for (int i = 0; i < 200; i++) {
        IPAddress block;
        if (r.nextInt(4) == 0) {
          byte[] v6 = new byte[16];
          v6[0] = (byte) 0xfd;
          v6[1] = (byte) r.nextInt(4);
          for (int k = 2; k < 16; k++) {
            v6[k] = (byte) r.nextInt(256);
          }
          block = new IPv6Address(v6, r.nextInt(8, 129)).toPrefixBlock();
        } else {
          // Few distinct top octets so blocks nest and overlap.
          int v4 = (r.nextInt(4) << 30) | (r.nextInt(1 << 16) << 8) | r.nextInt(256);
          block = new IPv4Address(v4, r.nextInt(4, 33)).toPrefixBlock();
        }
        String value = "v" + i;
        blocks.add(block);
        values.add(value);
        b.put(block, value);
      }
      CidrTable<String> t = b.build();
      for (int i = 0; i < 2000; i++) {
        IPAddress a;
        IPAddress near = blocks.get(r.nextInt(blocks.size()));
        if (near.isIPv4()) {
          a = new IPv4Address(near.toIPv4().intValue() ^ (r.nextInt() >>> r.nextInt(32)));
        } else {
          byte[] bytes = near.getBytes();
          bytes[15] ^= (byte) r.nextInt(256);
          a = new IPv6Address(bytes);
        }
        int c = i;
        assertEquals(
            linear(blocks, values, a),
            t.lookup(a),
            () -> "seed " + seed + ", case " + c + ", " + a);
      }
    }
  }

  @Test
  void lookup_ipv4MappedIpv6_matchesTheIpv4Block() {
    CidrTable<String> t = CidrTable.<String>builder().put("10.0.0.0/8", "ten").build();
    assertEquals("ten", t.lookup(Destination.parseLiteral("::ffff:10.1.2.3")));
    assertNull(t.lookup(Destination.parseLiteral("192.0.2.1")));
  }

  @Test
  void put_badCidr_namesTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CidrTable.<String>builder().put("10.0.0/33", "x"));
    assertEquals("not an IP address or CIDR block: '10.0.0/33'", e.getMessage());
  }
}
