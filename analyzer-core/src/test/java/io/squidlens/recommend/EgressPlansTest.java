package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.Analysis;
import io.squidlens.AnalyzerOptions;
import io.squidlens.recommend.Recommendations.Action;
import io.squidlens.recommend.Recommendations.Egress;
import io.squidlens.recommend.Recommendations.EgressRule;
import io.squidlens.recommend.Recommendations.EgressTarget;
import io.squidlens.recommend.Recommendations.Selector;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The egress targets' rules for logs built to reach each API's limits. */
final class EgressPlansTest {
  @TempDir Path dir;

  private static AnalyzerOptions.Builder options() {
    return AnalyzerOptions.builder()
        .profile("kubernetes")
        .threads(1)
        .machineNetworks(List.of("10.240.0.0/24"))
        .proxyUrl("http://10.240.0.4:3128");
  }

  private static String values(Egress e) {
    StringBuilder sb = new StringBuilder();
    for (EgressRule r : e.rules()) {
      sb.append(r.action().id()).append(' ').append(r.value()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void networkPolicy_overItsThousandRules_keepsTheBusiest_listsTheRest_firewallKeepsAll() {
    ScenarioLogs log = new ScenarioLogs();
    for (int i = 0; i < 1_200; i++) {
      log.tunnel("192.168." + (i / 250) + "." + (1 + i % 250) + ":443", null);
    }
    for (int i = 0; i < 5; i++) {
      log.tunnel("192.168.4.250:443", null); // the busiest, last in address order
    }
    Analysis a = log.analyze(dir, options());
    Egress sdn = a.recommendations().get(EgressTarget.EGRESSNETWORKPOLICY);
    assertEquals(EgressPlans.SDN_MAX_RULES, sdn.rules().size());
    assertEquals(
        1_201 - (EgressPlans.SDN_MAX_RULES - 2), sdn.leftOut().size(), sdn.leftOut().toString());
    assertTrue(sdn.leftOut().get(0).contains("over the 1,000-rule limit"), sdn.leftOut().get(0));
    assertTrue(
        sdn.artifact().contains("# left out: 192.168."), "the artifact says what is missing");
    assertTrue(values(sdn).contains("Allow 192.168.4.250/32\n"), "the busiest is kept");
    assertTrue(sdn.warnings().stream().anyMatch(w -> w.contains("left out (the busiest kept)")));
    assertEquals("Deny 0.0.0.0/0", lastRule(sdn));

    Egress ovn = a.recommendations().get(EgressTarget.EGRESSFIREWALL);
    assertEquals(1_201 + 2, ovn.rules().size());
    assertEquals(List.of(), ovn.leftOut());
  }

  private static String lastRule(Egress e) {
    EgressRule r = e.rules().get(e.rules().size() - 1);
    return r.action().id() + " " + r.value();
  }

  @Test
  void zone_isWrittenAsItsLoggedHosts_neverAsAWildcard() {
    ScenarioLogs log =
        new ScenarioLogs()
            .tunnel("db.corp.internal:5432", "10.20.0.7")
            .tunnel("us.icr.io:443", null)
            .tunnel("de.icr.io:443", null)
            .tunnel("quay.io:443", "198.51.100.9");
    Analysis a = log.analyze(dir, AnalyzerOptions.builder().profile("roks-vpc").threads(1));
    for (EgressTarget t : List.of(EgressTarget.EGRESSFIREWALL, EgressTarget.EGRESSNETWORKPOLICY)) {
      Egress e = a.recommendations().get(t);
      String v = values(e);
      assertTrue(v.contains("Allow us.icr.io\n") && v.contains("Allow de.icr.io\n"), v);
      assertFalse(e.artifact().contains("*"), e.artifact());
      assertTrue(v.contains("Allow 10.20.0.7/32\n"), "the peer Squid reached: " + v);
      assertFalse(v.contains("quay.io") || v.contains("198.51.100.9"), v);
    }
    Egress router = a.recommendations().get(EgressTarget.EGRESS_ROUTER_PROXY);
    assertTrue(router.value().contains("!*.icr.io"), router.value());
  }

  @Test
  void proxyByName_isADnsNameRule_portlessProxy_hasNoPort_unknownProxy_isThePlaceholder() {
    ScenarioLogs log = new ScenarioLogs().tunnel("10.20.0.7:443", null);
    Analysis named = log.analyze(dir, options().proxyUrl("http://proxy.corp.example:8080"));
    Egress ovn = named.recommendations().get(EgressTarget.EGRESSFIREWALL);
    EgressRule first = ovn.rules().get(0);
    assertEquals(Selector.DNS_NAME, first.selector());
    assertEquals("proxy.corp.example", first.value());
    assertEquals(List.of(8080), first.ports());
    assertTrue(ovn.warnings().stream().anyMatch(w -> w.contains("the proxy is named")));

    Analysis portless = log.analyze(dir, options().proxyUrl("http://10.240.0.4"));
    Egress open = portless.recommendations().get(EgressTarget.EGRESSFIREWALL);
    assertEquals(List.of(), open.rules().get(0).ports(), "no port given, none guessed");
    assertTrue(open.notes().stream().anyMatch(n -> n.contains("gives no port")));

    Analysis unknown = log.analyze(dir, options().proxyUrl(null));
    Egress sdn = unknown.recommendations().get(EgressTarget.EGRESSNETWORKPOLICY);
    assertEquals(EgressPlans.UNKNOWN_PROXY, sdn.rules().get(0).value());
    assertEquals(List.of(), sdn.rules().get(0).ports(), "SDN has no ports");
    assertTrue(sdn.notes().stream().anyMatch(n -> n.startsWith("proxy address unknown")));
  }

  @Test
  void ipv6InTheLog_addsTheIpv6DenyLast_ipv4Only_doesNot() {
    Analysis v4 = new ScenarioLogs().tunnel("10.20.0.7:443", null).analyze(dir, options());
    Analysis v6 =
        new ScenarioLogs()
            .tunnel("10.20.0.7:443", null)
            .tunnel("[fd00:10::7]:443", null)
            .analyze(dir, options());
    assertEquals("Deny 0.0.0.0/0", lastRule(v4.recommendations().get(EgressTarget.EGRESSFIREWALL)));
    Egress e = v6.recommendations().get(EgressTarget.EGRESSFIREWALL);
    assertEquals("Deny ::/0", lastRule(e));
    EgressRule before = e.rules().get(e.rules().size() - 2);
    assertEquals(Action.DENY, before.action());
    assertEquals("0.0.0.0/0", before.value());
    assertTrue(values(e).contains("Allow fd00:10::7/128\n"), values(e));
  }

  @Test
  void clusterInternal_getsNoFirewallRule_butIsDeniedThroughTheRouter() {
    Analysis a =
        new ScenarioLogs()
            .tunnel("api.ns.svc.cluster.local:443", null)
            .tunnel("10.96.0.1:443", null)
            .analyze(dir, options());
    Egress ovn = a.recommendations().get(EgressTarget.EGRESSFIREWALL);
    assertEquals(2, ovn.rules().size(), values(ovn)); // the proxy and the closing Deny
    assertTrue(ovn.notes().stream().anyMatch(n -> n.startsWith("cluster-internal destinations")));
    Egress router = a.recommendations().get(EgressTarget.EGRESS_ROUTER_PROXY);
    assertTrue(router.value().contains("!*.cluster.local"), router.value());
  }

  @Test
  void egressRules_areMadeOnFirstUse_once() {
    java.util.concurrent.atomic.AtomicInteger made =
        new java.util.concurrent.atomic.AtomicInteger();
    Recommendations r =
        new Recommendations(
            java.util.Map.of(),
            () -> {
              made.incrementAndGet();
              return java.util.Map.of();
            },
            List.of(),
            List.of());
    assertEquals(0, made.get(), "a report that never reads them never makes them");
    r.egress();
    r.egress();
    assertEquals(1, made.get());
  }

  @Test
  void grouped_writesWhatPercentCommaDWritesInTheRootLocale() {
    long[] values = {
      0,
      1,
      -1,
      999,
      1000,
      -1000,
      12_345,
      999_999,
      1_000_000,
      1_234_567_890L,
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    for (long v : values) {
      assertEquals(String.format(java.util.Locale.ROOT, "%,d", v), EgressPlans.grouped(v));
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 10_000; i++) {
      long v = random.nextLong() >> random.nextInt(64);
      assertEquals(String.format(java.util.Locale.ROOT, "%,d", v), EgressPlans.grouped(v));
    }
  }
}
