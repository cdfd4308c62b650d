package io.squidlens.net;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class CidrsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"0.0.0.0/0", "::/0", "8.0.0.0/5", "10.0.0.0/7", "52.0.0.0/8", "161.26.0.0/16"})
  void implausibleClusterNetwork_defaultRouteWideOrPublic_isRefused(String cidr) {
    assertNotNull(Cidrs.implausibleClusterNetwork(Cidrs.parse(cidr)), cidr);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "172.30.0.0/16", "192.168.0.0/24", "fd02::/112"})
  void implausibleClusterNetwork_privateOfClusterSize_isAccepted(String cidr) {
    assertNull(Cidrs.implausibleClusterNetwork(Cidrs.parse(cidr)), cidr);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0/0", "::/0", "0.0.0.0/1", "52.0.0.0/10", "2000::/3"})
  void broadBlock_wideBlocks_areBroadWhateverTheLog(String cidr) {
    assertNotNull(Cidrs.broadBlock(Cidrs.parse(cidr)), cidr);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "172.20.0.0/16", "161.26.0.0/16", "203.0.113.0/24"})
  void broadBlock_privateOrNarrow_isNot(String cidr) {
    assertNull(Cidrs.broadBlock(Cidrs.parse(cidr)), cidr);
  }
}
