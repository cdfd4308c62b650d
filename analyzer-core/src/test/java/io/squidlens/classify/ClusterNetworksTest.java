package io.squidlens.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    ClusterNetworks n = ClusterNetworks.fromNetworkConfig(f);
    assertEquals(List.of("172.31.0.0/16"), n.serviceNetworks());
    assertEquals(List.of("10.132.0.0/14"), n.clusterNetworks());
  }

  @Test
  void fromNetworkConfig_notNetworkConfig_namesTheFile() throws Exception {
    Path f = Files.writeString(dir.resolve("x.json"), "{\"kind\":\"Proxy\"}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClusterNetworks.fromNetworkConfig(f));
    assertTrue(e.getMessage().startsWith("--network-config " + f), e.getMessage());
  }

  @Test
  void withDefaults_fillsOnlyWhatIsMissingAndSaysSo() {
    ClusterNetworks n =
        ClusterNetworks.given(List.of("172.22.0.0/16"), List.of(), List.of())
            .withDefaults(Profile.ROKS_VPC);
    assertEquals(List.of("172.22.0.0/16"), n.serviceNetworks());
    assertEquals(List.of("172.17.0.0/18"), n.clusterNetworks());
    assertEquals(List.of("pod network 172.17.0.0/18 assumed (roks-vpc default)"), n.assumed());
  }

  @Test
  void given_badCidr_namesWhichList() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClusterNetworks.given(List.of(), List.of("10.0.0.0/40"), List.of()));
    assertTrue(
        e.getMessage().contains("cluster network") && e.getMessage().contains("10.0.0.0/40"),
        e.getMessage());
  }
}
