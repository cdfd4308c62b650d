package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.squidlens.TestLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The egress targets and {@code check --egress-firewall} through the command line: the artifacts
 * have the shape of the objects in OpenShift's documentation, the router lines follow its syntax,
 * and every bad file or option is one line naming it, never a stack trace.
 */
final class EgressCommandTest {
  private static final String PROXY = "http://10.0.0.4:3128";

  /**
   * The EgressFirewall example of OpenShift's documentation
   * (modules/nw-egress-firewall-object.adoc, "Example EgressFirewall CR", with the namespace and
   * the ports stanza of the same page).
   */
  private static final String OVN_EXAMPLE =
      """
      apiVersion: k8s.ovn.org/v1
      kind: EgressFirewall
      metadata:
        name: default
        namespace: my-app
      spec:
        egress:
        - type: Allow
          to:
            cidrSelector: 1.2.3.0/24
          ports:
          - port: 443
            protocol: TCP
        - type: Allow
          to:
            dnsName: www.example.com
        - type: Deny
          to:
            cidrSelector: 0.0.0.0/0
      """;

  /**
   * The EgressNetworkPolicy example of OpenShift's documentation (the JSON of "Using an egress
   * firewall to limit access to external resources", OpenShift Container Platform 3.11, section
   * 8.6), as oc prints it with the namespace added.
   */
  private static final String SDN_EXAMPLE =
      """
      { "kind": "EgressNetworkPolicy", "apiVersion": "network.openshift.io/v1",
        "metadata": { "name": "default", "namespace": "my-app" },
        "spec": { "egress": [
          { "type": "Allow", "to": { "cidrSelector": "1.2.3.0/24" } },
          { "type": "Allow", "to": { "dnsName": "www.foo.com" } },
          { "type": "Deny", "to": { "cidrSelector": "0.0.0.0/0" } } ] } }
      """;

  @TempDir Path dir;

  private String log() {
    return TestLogs.copy("sample-logs/roks-vpc-before-noproxy/access.log", dir).toString();
  }

  @ParameterizedTest
  @CsvSource({"egressfirewall, ovn", "egressnetworkpolicy, sdn"})
  void recommendedFirewall_hasTheDocumentedExamplesShape_andTheNamespaceGiven(
      String target, String api) throws Exception {
    MainTest.Run r =
        MainTest.run(
            "recommend", "-t", target, "--namespace", "my-app", "--proxy-url", PROXY, log());
    assertEquals(0, r.code(), r.err());
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode ours = yaml.readTree(r.out());
    JsonNode documented = yaml.readTree(api.equals("ovn") ? OVN_EXAMPLE : SDN_EXAMPLE);
    assertEquals(paths(documented), paths(ours));
    assertEquals(documented.get("apiVersion"), ours.get("apiVersion"));
    assertEquals("my-app", ours.at("/metadata/namespace").asText());
    assertFalse(r.err().contains("replace NAMESPACE"), r.err());
  }

  @Test
  void documentedExamples_areReadByCheck() throws Exception {
    for (String doc : List.of(OVN_EXAMPLE, SDN_EXAMPLE)) {
      Path f = Files.writeString(dir.resolve("fw.yaml"), doc, StandardCharsets.UTF_8);
      MainTest.Run r = MainTest.run("check", "--egress-firewall", f.toString(), "-o", "json");
      assertEquals(0, r.code(), r.err());
      JsonNode out = new ObjectMapper().readTree(r.out());
      assertEquals(3, out.at("/firewall/rules").size());
      assertEquals("Deny", out.at("/firewall/rules/2/type").asText());
    }
  }

  @Test
  void recommendedFirewall_checkedAgainstItsOwnLog_allowsTheProxyAndNoInternetDestination()
      throws Exception {
    String log = log();
    MainTest.Run rec = MainTest.run("recommend", "-t", "egressfirewall", "--proxy-url", PROXY, log);
    Path f = Files.writeString(dir.resolve("fw.yaml"), rec.out(), StandardCharsets.UTF_8);
    MainTest.Run r =
        MainTest.run(
            "check", "--egress-firewall", f.toString(), "--proxy-url", PROXY, "-o", "json", log);
    assertEquals(0, r.code(), r.err());
    JsonNode out = new ObjectMapper().readTree(r.out());
    assertEquals("allowed", out.at("/proxy/0/outcome").asText());
    int internet = 0;
    for (JsonNode d : out.get("destinations")) {
      if (d.get("class").asText().equals("internet")) {
        internet++;
        assertEquals("blocked", d.get("outcome").asText(), d.toString());
      } else if (d.get("class").asText().equals("private-endpoint")) {
        assertEquals("allowed", d.get("outcome").asText(), d.toString());
      }
    }
    assertTrue(internet >= 6, "the sample has internet destinations: " + out);
    assertEquals(0, out.get("problems").asInt(), r.out());
  }

  @Test
  void egressRouter_allowOnlySeen_listsDeniesThenTheInternetDestinations_withoutTheStar() {
    MainTest.Run open =
        MainTest.run("recommend", "-t", "egress-router-proxy", "--value-only", log());
    MainTest.Run only =
        MainTest.run(
            "recommend", "-t", "egress-router-proxy", "--allow-only-seen", "--value-only", log());
    assertEquals(0, open.code(), open.err());
    assertEquals(0, only.code(), only.err());
    List<String> a = open.out().lines().toList();
    List<String> b = only.out().lines().toList();
    assertEquals("*", a.get(a.size() - 1));
    assertFalse(b.contains("*"), only.out());
    assertTrue(b.containsAll(List.of("quay.io", "github.com", "registry.redhat.io")), only.out());
    // Squid's allowlist denied Docker Hub every time: the router does not open it either.
    assertFalse(b.contains("registry-1.docker.io"), only.out());
    assertEquals(a.subList(0, a.size() - 1), b.stream().filter(l -> l.startsWith("!")).toList());
    assertTrue(a.contains("!*.icr.io") && a.contains("!172.20.0.0/16"), open.out());
  }

  @Test
  void analyzeJson_holdsEveryEgressTarget_withRulesAndEvidence() throws Exception {
    MainTest.Run r = MainTest.run("analyze", "-o", "json", "--proxy-url", PROXY, log());
    assertEquals(0, r.code(), r.err());
    JsonNode recs = new ObjectMapper().readTree(r.out()).get("recommendations");
    for (String t : List.of("egressfirewall", "egressnetworkpolicy", "egress-router-proxy")) {
      JsonNode e = recs.get(t);
      assertTrue(e.get("rules").size() >= 2, t);
      boolean evidenced = false;
      for (JsonNode rule : e.get("rules")) {
        evidenced |= rule.get("covers").size() > 0 && rule.get("examples").size() > 0;
      }
      assertTrue(evidenced, t + ": no rule carries evidence");
    }
    assertEquals("0.0.0.0/0", lastRule(recs.get("egressfirewall")).get("value").asText());
  }

  private static JsonNode lastRule(JsonNode e) {
    return e.get("rules").get(e.get("rules").size() - 1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{kind: Pod}|kind 'Pod': expected EgressFirewall or EgressNetworkPolicy",
        "{kind: EgressFirewall, spec: {egress: [{type: allow, to: {cidrSelector: 10.0.0.0/8}}]}}"
            + "|spec.egress[0]: type 'allow': expected Allow or Deny",
        "{kind: EgressFirewall, spec: {egress: [{type: Allow, to: {cidrSelector: 10.0.0/8}}]}}"
            + "|spec.egress[0]: cidrSelector '10.0.0/8': not a CIDR block",
        "{kind: EgressFirewall, spec: {egress: [{type: Allow, to: {cidrSelector: 10.0.0.0/8,"
            + " dnsName: a.example}}]}}|spec.egress[0]: 'to' must hold exactly one of",
        "{kind: EgressNetworkPolicy, spec: {egress: [{type: Allow, to: {dnsName: a.example},"
            + " ports: [{port: 443, protocol: TCP}]}]}}|EgressNetworkPolicy takes no ports",
        "{kind: EgressNetworkPolicy, spec: {egress: [{type: Allow, to: {dnsName: '*.a.example'}}]}}"
            + "|EgressNetworkPolicy takes no wildcard names",
        "{kind: EgressFirewall, spec: {egress: []}}|spec.egress holds no rules",
        "'[unclosed'|not JSON or YAML",
      })
  void check_badFirewallFile_isOneLineNamingTheFileAndRule(String content, String message)
      throws Exception {
    Path f = Files.writeString(dir.resolve("fw.yaml"), content, StandardCharsets.UTF_8);
    MainTest.Run r = MainTest.run("check", "--egress-firewall", f.toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    String first = r.err().lines().findFirst().orElse("");
    assertTrue(first.startsWith("squidlens: --egress-firewall " + f), r.err());
    assertTrue(first.contains(message), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void check_missingFirewallFile_isAnInputError() {
    MainTest.Run r =
        MainTest.run("check", "--egress-firewall", dir.resolve("absent.yaml").toString());
    assertEquals(ExitCodes.IO, r.code(), r.err());
    assertTrue(r.err().startsWith("squidlens: --egress-firewall "), r.err());
  }

  @Test
  void check_takesExactlyOneOfNoProxyAndEgressFirewall() throws Exception {
    Path f = Files.writeString(dir.resolve("fw.yaml"), OVN_EXAMPLE, StandardCharsets.UTF_8);
    for (String[] args :
        List.of(
            new String[] {"check"},
            new String[] {"check", "--no-proxy", ".svc", "--egress-firewall", f.toString()})) {
      MainTest.Run r = MainTest.run(args);
      assertEquals(ExitCodes.USAGE, r.code(), r.err());
      assertTrue(r.err().startsWith("squidlens: give one of --no-proxy"), r.err());
    }
  }

  @Test
  void recommend_namespaceThatIsNoProjectName_isRefused() {
    MainTest.Run r =
        MainTest.run("recommend", "-t", "egressfirewall", "--namespace", "My_App", log());
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().startsWith("squidlens: --namespace 'My_App': not a project name"), r.err());
  }

  @Test
  void configFile_setsNamespaceAndAllowOnlySeen() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("squidlens.yaml"), "namespace: team-a\nallowOnlySeen: true\n");
    MainTest.Run fw =
        MainTest.run("recommend", "-t", "egressfirewall", "--config", config.toString(), log());
    assertTrue(fw.out().contains("namespace: team-a"), fw.out());
    MainTest.Run router =
        MainTest.run(
            "recommend",
            "-t",
            "egress-router-proxy",
            "--value-only",
            "--config",
            config.toString(),
            log());
    assertFalse(router.out().lines().toList().contains("*"), router.out());
  }

  /** Every path of a document, array positions collapsed, for comparing shapes. */
  private static java.util.Set<String> paths(JsonNode n) {
    TreeSet<String> out = new TreeSet<>();
    walk(n, "", out);
    return out;
  }

  private static void walk(JsonNode n, String path, java.util.Set<String> out) {
    if (n.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(n.properties());
      for (Map.Entry<String, JsonNode> f : fields) {
        walk(f.getValue(), path + "/" + f.getKey(), out);
      }
    } else if (n.isArray()) {
      for (JsonNode e : n) {
        walk(e, path + "[]", out);
      }
    } else {
      out.add(path);
    }
  }
}
