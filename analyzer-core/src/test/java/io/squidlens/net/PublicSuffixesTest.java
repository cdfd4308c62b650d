package io.squidlens.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PublicSuffixesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "com",
        "uk",
        "co.uk",
        "github.io",
        "herokuapp.com",
        "s3.amazonaws.com",
        "blob.core.windows.net"
      })
  void broadZone_publicSuffixesOfBothSections_areBroad(String zone) {
    assertTrue(PublicSuffixes.isPublicSuffix(zone), zone);
    assertNotNull(PublicSuffixes.broadZone(zone, PublicSuffixes.Seen.none()), zone);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "appdomain.cloud",
        "containers.appdomain.cloud",
        "us-south.containers.appdomain.cloud",
        "lb.appdomain.cloud",
        "cloud-object-storage.appdomain.cloud",
        "cloud.ibm.com",
        "ibm.com",
        "amazonaws.com",
        "cloud"
      })
  void broadZone_sharedProviderZonesAndWhatCoversThem_areBroad(String zone) {
    assertNotNull(PublicSuffixes.broadZone(zone, PublicSuffixes.Seen.none()), zone);
  }

  @Test
  void broadZone_wildcardRule_isFoundByAProbeBelowIt() {
    // The list has "*.ck" but not "ck": every name one label under ck is a public suffix.
    assertFalse(PublicSuffixes.isPublicSuffix("ck"));
    assertNotNull(PublicSuffixes.broadZone("ck", PublicSuffixes.Seen.none()));
  }

  @Test
  void broadZone_aZoneAboveASuffixTheLogShows_isBroad() {
    assertNull(PublicSuffixes.broadZone("core.windows.net", PublicSuffixes.Seen.none()));
    String why =
        PublicSuffixes.broadZone(
            "core.windows.net", PublicSuffixes.Seen.of(List.of("acct.blob.core.windows.net")));
    assertTrue(why != null && why.contains("blob.core.windows.net"), why);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "icr.io",
        "corp.example.com",
        "s3.direct.jp-tok.cloud-object-storage.appdomain.cloud",
        "private.jp-tok.containers.cloud.ibm.com",
        "mycluster-0a1b-0000.jp-tok.containers.appdomain.cloud",
        "svc",
        "cluster.local"
      })
  void broadZone_privateZonesOfOneOwner_areNot(String zone) {
    assertNull(PublicSuffixes.broadZone(zone, PublicSuffixes.Seen.none()), zone);
  }

  @Test
  void hasPublicSuffix_namesOnlyPrivateNetworksResolve_haveNone() {
    assertFalse(PublicSuffixes.hasPublicSuffix("db.corp"));
    assertFalse(PublicSuffixes.hasPublicSuffix("my-service.my-namespace"));
    assertFalse(PublicSuffixes.hasPublicSuffix("ip-10-0-0-1.ec2.internal"));
    assertTrue(PublicSuffixes.hasPublicSuffix("quay.io"));
    assertTrue(PublicSuffixes.hasPublicSuffix("under_score.example.com"));
    assertTrue(PublicSuffixes.hasPublicSuffix("a.b.ck"));
  }
}
