package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.AnalyzerOptions;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.recommend.Recommendations.Action;
import io.squidlens.recommend.Recommendations.Egress;
import io.squidlens.recommend.Recommendations.EgressRule;
import io.squidlens.recommend.Recommendations.EgressTarget;
import io.squidlens.recommend.Recommendations.Match;
import io.squidlens.recommend.Recommendations.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random logs mixing private and internet destinations, the egress firewalls never
 * allow a logged internet destination (read both rule by rule and by {@code check
 * --egress-firewall} on the artifact itself), end with the catch-all Deny, parse as YAML in the
 * shape of their CRD, and allow every private destination squidlens did not leave out with a
 * warning; the egress router's lines follow its script's syntax and never deny an internet
 * destination (nor, with --allow-only-seen, allow a private one).
 */
final class EgressPolicyPropertyTest {
  private static final long SEED = 0x5eed_2027L;
  private static final int WORLDS = 80;

  /** The CRD's dnsName pattern (ovn-kubernetes egressfirewall/v1 types.go). */
  private static final Pattern DNS_NAME = Pattern.compile("^([A-Za-z0-9-]+\\.)*[A-Za-z0-9-]+\\.?$");

  /** What egress-http-proxy.sh accepts on a line (IPADDR_REGEX, DOMAIN_REGEX, HOSTNAME_REGEX). */
  private static final Pattern ROUTER_LINE =
      Pattern.compile(
          "^!?([0-9A-Fa-f.:]*[.:][0-9A-Fa-f.:]+(/[0-9]+)?|\\*\\.[A-Za-z0-9][A-Za-z0-9.-]+"
              + "|[A-Za-z0-9][A-Za-z0-9.-]+)$");

  @TempDir Path dir;

  @Test
  void egressRules_neverAllowTheInternet_endWithTheDeny_andAllowEveryPrivateDestination()
      throws Exception {
    Random random = new Random(SEED);
    for (int world = 0; world < WORLDS; world++) {
      ScenarioLogs log = new ScenarioLogs();
      int lines = 5 + random.nextInt(60);
      for (int i = 0; i < lines; i++) {
        boolean priv = random.nextBoolean();
        String authority =
            priv
                ? NoProxyPropertyTest.privateDestination(random)
                : NoProxyPropertyTest.internetDestination(random);
        String peer =
            switch (random.nextInt(5)) {
              case 0 -> null;
              // A public address shared by private names and internet ones: allowing it would let
              // pods reach the internet destination directly.
              case 4 -> "198.51.100." + random.nextInt(4);
              case 1 -> priv ? "fd00:10::" + (1 + random.nextInt(200)) : "2001:db8::1";
              default ->
                  priv
                      ? "10.1.0." + (1 + random.nextInt(200))
                      : "198.51.100." + random.nextInt(255);
            };
        if (random.nextInt(4) == 0) {
          log.denied(authority);
        } else {
          log.tunnel(authority, peer);
        }
      }
      Profile profile = random.nextBoolean() ? Profile.ROKS_VPC : Profile.KUBERNETES;
      boolean onlySeen = random.nextBoolean();
      AnalyzerOptions options =
          AnalyzerOptions.builder()
              .profile(profile.id())
              .threads(1)
              .machineNetworks(List.of("10.240.0.0/24"))
              .proxyUrl(random.nextBoolean() ? "http://10.240.0.4:3128" : null)
              .namespace("team-" + world)
              .allowOnlySeen(onlySeen)
              .build();
      Analysis a = log.analyze(dir, options);
      String w = "world " + world + ": ";
      for (EgressTarget t :
          List.of(EgressTarget.EGRESSFIREWALL, EgressTarget.EGRESSNETWORKPOLICY)) {
        Egress e = a.recommendations().get(t);
        checkFirewall(w + t.id(), a, e, options);
      }
      checkRouter(
          w + "router", a, a.recommendations().get(EgressTarget.EGRESS_ROUTER_PROXY), onlySeen);
    }
  }

  private void checkFirewall(String w, Analysis a, Egress e, AnalyzerOptions options)
      throws Exception {
    List<EgressRule> rules = e.rules();
    int n = rules.size();
    boolean dual = rules.get(n - 1).value().equals("::/0");
    EgressRule deny4 = rules.get(dual ? n - 2 : n - 1);
    assertEquals(Action.DENY, deny4.action(), w);
    assertEquals("0.0.0.0/0", deny4.value(), w);
    for (int i = 0; i < n - (dual ? 2 : 1); i++) {
      assertEquals(Action.ALLOW, rules.get(i).action(), w + ": rule " + (i + 1));
    }
    assertEquals(Selector.CIDR, rules.get(0).selector(), w + ": the proxy comes first");
    String allowedPrivate = String.join("\n", e.warnings()) + "\n" + String.join("\n", e.leftOut());
    for (Verdict v : a.verdicts()) {
      for (int i = 1; i < n; i++) {
        EgressRule r = rules.get(i);
        if (r.action() == Action.ALLOW && v.destinationClass() == TrafficClass.INTERNET) {
          assertNotEquals(
              Match.YES,
              r.matches(v.host(), v.knownAddresses(), -1),
              w + ": rule " + (i + 1) + " " + r.value() + " allows internet " + v.host());
        }
      }
    }

    // The artifact itself, read back as the CRD and through check --egress-firewall.
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(e.artifact());
    boolean ovn = e.target() == EgressTarget.EGRESSFIREWALL;
    assertEquals(
        ovn ? "k8s.ovn.org/v1" : "network.openshift.io/v1", doc.get("apiVersion").asText());
    assertEquals(e.target().kind(), doc.get("kind").asText());
    assertEquals("default", doc.at("/metadata/name").asText());
    assertEquals(options.namespace(), doc.at("/metadata/namespace").asText());
    JsonNode egress = doc.at("/spec/egress");
    assertEquals(n, egress.size(), w);
    for (int i = 0; i < n; i++) {
      JsonNode rule = egress.get(i);
      assertTrue(List.of("type", "to", "ports").containsAll(names(rule)), w + ": " + rule);
      assertEquals(rules.get(i).action().id(), rule.get("type").asText());
      JsonNode to = rule.get("to");
      assertEquals(1, to.size(), w + ": " + rule);
      if (to.has("dnsName")) {
        assertTrue(DNS_NAME.matcher(to.get("dnsName").asText()).matches(), w + ": " + rule);
      } else if (!(i == 0 && options.proxy().httpProxy() == null)) {
        io.squidlens.net.Cidrs.parse(to.get("cidrSelector").asText());
      } else {
        assertEquals(EgressPlans.UNKNOWN_PROXY, to.get("cidrSelector").asText(), w);
      }
      if (rule.has("ports")) {
        assertTrue(ovn, w + ": EgressNetworkPolicy takes no ports: " + rule);
        for (JsonNode p : rule.get("ports")) {
          assertEquals("TCP", p.get("protocol").asText());
          assertTrue(p.get("port").isInt());
        }
      }
    }
    if (options.proxy().httpProxy() == null) {
      return; // the placeholder proxy must be replaced before the file means anything
    }
    Path file = Files.createTempFile(dir, "fw", ".yaml");
    Files.writeString(file, e.artifact(), StandardCharsets.UTF_8);
    Analyzer.FirewallCheck c =
        new Analyzer(options).checkEgressFirewall(file, "--egress-firewall", a);
    assertEquals(Analyzer.FirewallCheck.Outcome.ALLOWED, c.proxy().get(0).outcome(), w);
    for (Analyzer.FirewallCheck.Row row : c.destinations()) {
      if (row.destinationClass() == TrafficClass.INTERNET) {
        assertEquals(
            Analyzer.FirewallCheck.Outcome.BLOCKED, row.outcome(), w + ": internet " + row);
      } else if (row.destinationClass() == TrafficClass.PRIVATE_ENDPOINT
          && !allowedPrivate.contains(row.host())
          && !String.join("\n", a.recommendations().warnings()).contains("'" + row.host() + "'")) {
        assertEquals(Analyzer.FirewallCheck.Outcome.ALLOWED, row.outcome(), w + ": private " + row);
      }
    }
  }

  private static void checkRouter(String w, Analysis a, Egress e, boolean onlySeen) {
    List<String> lines = List.of(e.value().split("\n", -1));
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.equals("*")) {
        assertEquals(lines.size() - 1, i, w + ": '*' must be last");
        assertTrue(!onlySeen, w + ": --allow-only-seen ends without '*'");
      } else {
        assertTrue(ROUTER_LINE.matcher(l).matches(), w + ": " + l);
      }
    }
    assertEquals(!onlySeen, lines.get(lines.size() - 1).equals("*"), w);
    for (Verdict v : a.verdicts()) {
      for (EgressRule r : e.rules()) {
        if (r.matches(v.host(), v.knownAddresses(), -1) != Match.YES) {
          continue;
        }
        if (r.action() == Action.DENY) {
          assertTrue(
              v.destinationClass().bypassesProxy(), w + ": " + r.value() + " denies " + v.host());
        } else if (r.selector() != Selector.ANY) {
          assertEquals(
              TrafficClass.INTERNET,
              v.destinationClass(),
              w + ": " + r.value() + " allows " + v.host());
        }
        break;
      }
    }
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
