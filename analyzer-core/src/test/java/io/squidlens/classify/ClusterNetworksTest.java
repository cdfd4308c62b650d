package io.squidlens.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.base.BadValueException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ClusterNetworksTest {
  @TempDir Path dir;

  @Test
  void fromNetworkConfig_prefersStatusOverSpec() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("network.json"),
            "{\"apiVersion\":\"config.openshift.io/v1\",\"kind\":\"Network\","
                + "\"spec\":{\"clusterNetwork\":[{\"cidr\":\"10.128.0.0/14\",\"hostPrefix\":23}],"
                + "\"serviceNetwork\":[\"172.30.0.0/16\"]},"
                + "\"status\":{\"clusterNetwork\":[{\"cidr\":\"10.132.0.0/14\",\"hostPrefix\":23}],"
                + "\"serviceNetwork\":[\"172.31.0.0/16\"],\"networkType\":\"OVNKubernetes\"}}");
    ClusterNetworks n = ClusterNetworks.fromNetworkConfig(f, "--network-config");
    assertEquals(List.of("172.31.0.0/16"), n.serviceNetworks());
    assertEquals(List.of("10.132.0.0/14"), n.clusterNetworks());
  }

  @Test
  void fromNetworkConfig_notNetworkConfig_namesTheFile() throws Exception {
    Path f = Files.writeString(dir.resolve("x.json"), "{\"kind\":\"Proxy\"}");
    BadValueException e =
        assertThrows(
            BadValueException.class,
            () -> ClusterNetworks.fromNetworkConfig(f, "--network-config"));
    assertTrue(e.getMessage().startsWith("--network-config " + f), e.getMessage());
  }

  @Test
  void withDefaults_fillsOnlyWhatIsMissingAndSaysSo() {
    ClusterNetworks n =
        ClusterNetworks.given(List.of("172.22.0.0/16"), List.of(), List.of())
            .withDefaults(Profile.ROKS_VPC);
    assertEquals(List.of("172.22.0.0/16"), n.serviceNetworks());
    assertEquals(List.of("172.17.0.0/18"), n.clusterNetworks());
    assertEquals(
        List.of(
            "pod network 172.17.0.0/18 assumed (roks-vpc default)",
            "machine network unknown (roks-vpc has no default): node addresses are not exempted;"
                + " give the worker subnets"),
        n.assumed());
  }

  @Test
  void given_badCidr_namesWhichList() {
    BadValueException e =
        assertThrows(
            BadValueException.class,
            () -> ClusterNetworks.given(List.of(), List.of("10.0.0.0/40"), List.of()));
    assertTrue(
        e.getMessage().contains("cluster network") && e.getMessage().contains("10.0.0.0/40"),
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0/0, default route",
    "::/0, default route",
    "8.0.0.0/5, wider than any cluster",
    "100.0.0.0/8, public address space",
    "172.15.0.0/16, public address space",
    "2001:db8::/32, public address space"
  })
  void networkProblem_wideOrPublicNetworks_areRefusedWithTheReason(String cidr, String why) {
    String problem = ClusterNetworks.networkProblem(cidr);
    assertTrue(problem != null && problem.contains(why), cidr + ": " + problem);
    assertThrows(
        BadValueException.class, () -> ClusterNetworks.given(List.of(), List.of(cidr), List.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/8",
        "172.21.0.0/16",
        "192.168.10.0/24",
        "100.64.0.0/16",
        "198.18.0.0/15",
        "fd01::/48",
        "fd02::/112"
      })
  void networkProblem_privateNetworksOfClusterSize_areAccepted(String cidr) {
    assertNull(ClusterNetworks.networkProblem(cidr), cidr);
  }
}
