package io.squidlens.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.classify.Profile.Observation;
import io.squidlens.net.Destination;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ProfileDetectorTest {
  private static Observation o(String authority, String... peers) {
    return new Observation(Destination.fromAuthority(authority, -1), List.of(peers));
  }

  @Test
  void detect_roksNodeLocalApiAndCosDirect_isRoksVpc() {
    Profile.Choice c =
        ProfileDetector.detect(
            List.of(
                o("172.20.0.1:2040"),
                o("s3.direct.us-south.cloud-object-storage.appdomain.cloud:443")));
    assertEquals(Profile.ROKS_VPC, c.profile());
    assertTrue(c.reason().contains("172.20.0.1:2040"), c.reason());
  }

  @Test
  void detect_cosPrivateEndpoint_isRoksClassic() {
    assertEquals(
        Profile.ROKS_CLASSIC,
        ProfileDetector.detect(
                List.of(
                    o("icr.io:443"),
                    o("s3.private.us-south.cloud-object-storage.appdomain.cloud:443")))
            .profile());
  }

  @Test
  void detect_ibmServiceNetworkPeer_isIbm() {
    assertEquals(
        Profile.ROKS_VPC,
        ProfileDetector.detect(List.of(o("storage.example.com:443", "161.26.0.10"))).profile());
  }

  @Test
  void detect_openshiftInternalRegistry_isOpenShift() {
    assertEquals(
        Profile.OPENSHIFT,
        ProfileDetector.detect(
                List.of(o("image-registry.openshift-image-registry.svc:5000"), o("quay.io:443")))
            .profile());
  }

  @Test
  void detect_nothingSpecial_isKubernetesAndSaysWhy() {
    Profile.Choice c =
        ProfileDetector.detect(List.of(o("kubernetes.default.svc:443"), o("github.com:443")));
    assertEquals(Profile.KUBERNETES, c.profile());
    assertTrue(c.reason().contains("no OpenShift or IBM Cloud signals"), c.reason());
  }
}
