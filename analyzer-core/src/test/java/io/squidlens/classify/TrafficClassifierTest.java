package io.squidlens.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.classify.Classification.Basis;
import io.squidlens.dns.HostResolver;
import io.squidlens.net.Destination;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TrafficClassifierTest {
  private static TrafficClassifier classifier(
      Profile profile, ClusterNetworks networks, HostResolver hosts, HostResolver dns) {
    return new TrafficClassifier(
        ClassifierRules.of(
            profile,
            networks.withDefaults(profile),
            List.of("corp.example"),
            List.of("apps.mycluster.example")),
        hosts,
        dns);
  }

  private static final HostResolver NONE = HostResolver.disabled("off");

  private static Classification roks(String hostPort, String... peers) {
    return classifier(Profile.ROKS_VPC, ClusterNetworks.none(), NONE, NONE)
        .classify(Destination.fromAuthority(hostPort, -1), List.of(peers));
  }

  private static void assertClass(TrafficClass expected, String reasonPart, Classification c) {
    assertEquals(expected, c.destinationClass(), c::toString);
    assertTrue(c.reason().contains(reasonPart), () -> c.reason() + " lacks " + reasonPart);
  }

  @Test
  void ipLiterals_matchTheMostSpecificRangeAndSayWhich() {
    assertClass(
        TrafficClass.CLUSTER_INTERNAL,
        "ROKS reserved range 172.20.0.0/16",
        roks("172.20.0.1:2040"));
    assertClass(
        TrafficClass.CLUSTER_INTERNAL, "service network 172.21.0.0/16", roks("172.21.0.1:443"));
    assertClass(
        TrafficClass.CLUSTER_INTERNAL, "pod network 172.17.0.0/18", roks("172.17.1.2:8080"));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT,
        "IBM Cloud service network 161.26.0.0/16",
        roks("161.26.85.12:443"));
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "166.8.0.0/14", roks("166.9.251.49:443"));
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "instance metadata", roks("169.254.169.254:80"));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT, "RFC 1918 private range 10.0.0.0/8", roks("10.1.0.5:443"));
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "RFC 6598", roks("100.64.3.4:443"));
    assertClass(TrafficClass.CLUSTER_INTERNAL, "loopback", roks("127.0.0.1:8080"));
    assertClass(TrafficClass.CLUSTER_INTERNAL, "IPv6 loopback", roks("[::1]:443"));
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "unique local", roks("[fd00::1]:443"));
    assertClass(TrafficClass.INTERNET, "public address", roks("203.0.113.9:443"));
  }

  @Test
  void ipLiteral_inAClusterRange_offersTheRangeForRecommendation() {
    assertEquals("172.20.0.0/16", roks("172.20.0.1:2040").range());
    assertEquals(null, roks("10.1.0.5:443").range());
  }

  @Test
  void names_clusterConventionsAndIbmCatalog() {
    assertClass(
        TrafficClass.CLUSTER_INTERNAL,
        ".svc",
        roks("image-registry.openshift-image-registry.svc:5000"));
    assertClass(TrafficClass.CLUSTER_INTERNAL, ".cluster.local", roks("a.b.svc.cluster.local:443"));
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "Container Registry", roks("icr.io:443"));
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "Container Registry", roks("private.us.icr.io:443"));
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "deprecated", roks("registry.ng.bluemix.net:443"));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT,
        "direct endpoint",
        roks("s3.direct.us-south.cloud-object-storage.appdomain.cloud:443"));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT,
        "direct endpoint",
        roks("bucket.s3.direct.jp-tok.cloud-object-storage.appdomain.cloud:443"));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT,
        "private endpoint",
        roks("s3.private.eu-de.cloud-object-storage.appdomain.cloud:443"));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT,
        "master",
        roks("c100-e.private.jp-tok.containers.cloud.ibm.com:31034"));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT, "VPC API", roks("us-south.private.iaas.cloud.ibm.com:443"));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT,
        "ingress subdomain",
        roks("console.apps.mycluster.example:443"));
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "(privateDomains)", roks("git.corp.example:443"));
  }

  @Test
  void broadZones_areNotPrivateByName() {
    assertClass(
        TrafficClass.INTERNET,
        "public endpoint",
        roks("s3.us-south.cloud-object-storage.appdomain.cloud:443"));
    assertClass(
        TrafficClass.INTERNET,
        "Squid reached it at public address 203.0.113.7",
        roks("0a1b2c3d-us-south.lb.appdomain.cloud:443", "203.0.113.7"));
    assertClass(
        TrafficClass.INTERNET,
        "no evidence",
        roks("someone-else-0000.us-south.containers.appdomain.cloud:443"));
  }

  @Test
  void loggedPrivatePeer_makesAPublicLookingNamePrivate() {
    Classification c =
        roks("app-0000.jp-tok.containers.appdomain.cloud:443", "203.0.113.1", "10.1.0.5");
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "logged peer 10.1.0.5 is in RFC 1918", c);
    assertEquals(Basis.PEER, c.basis());
  }

  @Test
  void loopbackPeer_isNoEvidence_theProxysLoopbackIsNotTheClients() {
    assertClass(TrafficClass.INTERNET, "quay.io", roks("quay.io:443", "127.0.0.12"));
    Classification c = roks("app.example.net:443", "127.0.0.12");
    assertClass(TrafficClass.INTERNET, "no evidence", c);
    assertEquals(Basis.DEFAULT, c.basis());
  }

  @Test
  void icrOutsideIbmProfiles_isJustAName() {
    Classification c =
        classifier(Profile.KUBERNETES, ClusterNetworks.none(), NONE, NONE)
            .classify(Destination.of("icr.io", 443), List.of());
    assertEquals(TrafficClass.INTERNET, c.destinationClass());
  }

  @Test
  void hostsFile_isConsultedAfterPeersAndBeforeDns() {
    HostResolver hosts =
        HostResolver.fixed(Map.of("registry.example.com", List.of("172.20.0.7")), "/etc/hosts");
    HostResolver dns =
        HostResolver.fixed(Map.of("registry.example.com", List.of("203.0.113.5")), "DNS");
    Classification c =
        classifier(Profile.ROKS_VPC, ClusterNetworks.none(), hosts, dns)
            .classify(Destination.of("registry.example.com", 443), List.of());
    assertClass(
        TrafficClass.CLUSTER_INTERNAL, "/etc/hosts maps registry.example.com to 172.20.0.7", c);
    assertEquals(Basis.HOSTS_FILE, c.basis());
  }

  @Test
  void dns_privateAnswer_decidesWhenNothingElseDoes() {
    HostResolver dns = HostResolver.fixed(Map.of("lb.example.com", List.of("10.2.0.9")), "DNS");
    Classification c =
        classifier(Profile.OPENSHIFT, ClusterNetworks.none(), NONE, dns)
            .classify(Destination.of("lb.example.com", 443), List.of());
    assertClass(TrafficClass.PRIVATE_ENDPOINT, "DNS maps lb.example.com to 10.2.0.9", c);
    assertEquals(Basis.DNS, c.basis());
  }

  @Test
  void givenNetworks_overrideProfileDefaults() {
    TrafficClassifier t =
        classifier(
            Profile.ROKS_VPC,
            ClusterNetworks.given(List.of("172.22.0.0/16"), List.of(), List.of("10.0.0.0/16")),
            NONE,
            NONE);
    assertClass(
        TrafficClass.CLUSTER_INTERNAL,
        "service network 172.22.0.0/16",
        t.classify(Destination.of("172.22.0.1", 443), List.of()));
    assertClass(
        TrafficClass.CLUSTER_INTERNAL,
        "machine network 10.0.0.0/16",
        t.classify(Destination.of("10.0.3.4", 10250), List.of()));
    assertClass(
        TrafficClass.PRIVATE_ENDPOINT,
        "RFC 1918",
        t.classify(Destination.of("172.21.0.1", 443), List.of()));
  }

  @Test
  void explain_recordsEveryStepInOrder() {
    Classification c =
        classifier(Profile.KUBERNETES, ClusterNetworks.none(), NONE, NONE)
            .explain(Destination.of("foo.example.com", 443), List.of("198.51.100.1"));
    assertEquals(4, c.evidence().size(), c.evidence()::toString);
    assertTrue(c.evidence().get(0).startsWith("name rules"));
    assertTrue(c.evidence().get(1).startsWith("peer: Squid connected to public address"));
    assertTrue(c.evidence().get(2).startsWith("hosts file"));
    assertEquals(
        List.of(),
        classifier(Profile.KUBERNETES, ClusterNetworks.none(), NONE, NONE)
            .classify(Destination.of("foo.example.com", 443), List.of())
            .evidence());
  }

  @Test
  void badZone_isAUsageErrorNamingIt() {
    io.squidlens.base.BadValueException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.squidlens.base.BadValueException.class,
            () ->
                ClassifierRules.of(
                    Profile.KUBERNETES, ClusterNetworks.none(), List.of("not a zone"), List.of()));
    assertTrue(e.getMessage().contains("'not a zone'"), e.getMessage());
  }
}
