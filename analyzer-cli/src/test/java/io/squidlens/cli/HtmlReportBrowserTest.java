package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.TestLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * The HTML report in a real browser: Debian's headless Chromium driven through its own
 * chromedriver, with every network request sent to a closed loopback port, so a report that fetched
 * anything would log an error. Each report must open with no console error and no request but its
 * own file, show the numbers {@code -o json} gives, sort, filter, copy, and keep hostile log values
 * as text.
 */
final class HtmlReportBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CLASSES =
      List.of("internet", "cluster-internal", "private-endpoint", "denied");

  private static Chromium chromium;
  private static ChromeDriver browser;

  @TempDir Path dir;

  @BeforeAll
  static void startChromium() {
    if (!Chromium.installed()) {
      String why =
          "chromium and chromium-driver are not installed, so the HTML report's browser tests"
              + " are SKIPPED (apt-get install -y chromium chromium-driver, which .ci/run does,"
              + " enables them)";
      System.err.println("HtmlReportBrowserTest: " + why);
      Assumptions.abort(why);
    }
    chromium = Chromium.start();
    browser = chromium.driver;
  }

  @AfterAll
  static void stopChromium() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @AfterEach
  void plainScreen() {
    browser.executeCdpCommand(
        "Emulation.setEmulatedMedia", Map.of("media", "", "features", List.of()));
    browser.manage().window().setSize(new Dimension(1400, 1000));
  }

  private Path report(String name, String... args) throws IOException {
    MainTest.Run r = MainTest.run(args);
    assertEquals(0, r.code(), r.err());
    Path f = dir.resolve(name);
    Files.writeString(f, r.out(), StandardCharsets.UTF_8);
    return f;
  }

  private static JsonNode json(String... args) throws IOException {
    MainTest.Run r = MainTest.run(args);
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(r.out());
  }

  /** Opens {@code f}, then checks the console held no error and no request left the page. */
  private static void open(Path f) {
    browser.manage().logs().get(LogType.BROWSER);
    browser.manage().logs().get(LogType.PERFORMANCE);
    browser.get(f.toUri().toString());
    assertQuiet(f, List.of(f.toUri().toString()));
  }

  /** No console error or warning, and no request but {@code requests} since the last check. */
  private static void assertQuiet(Path f, List<String> expected) {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        errors.add(e.getMessage());
      }
    }
    assertEquals(List.of(), errors, "console of " + f);
    List<String> requests = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode m = JSON.readTree(e.getMessage()).path("message");
        if (m.path("method").asText().equals("Network.requestWillBeSent")) {
          requests.add(m.path("params").path("request").path("url").asText());
        }
      } catch (IOException ex) {
        throw new AssertionError(ex);
      }
    }
    assertEquals(expected, requests, "requests of " + f);
  }

  private static Object js(String script, Object... args) {
    return browser.executeScript(script, args);
  }

  private static long number(Object o) {
    return ((Number) o).longValue();
  }

  private static List<WebElement> visibleRows() {
    return browser.findElements(By.cssSelector("#destinations tbody tr:not([hidden])"));
  }

  private static String sample(String name) {
    return TestLogs.copyKeepingPath(
            "sample-logs/" + name + "/access.log", Path.of("target", "html-work"))
        .toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "roks-vpc-before-noproxy",
        "roks-vpc-rollout",
        "kubernetes-corporate-proxy",
        "every-oddity"
      })
  void sampleReport_showsWhatJsonSays_withoutConsoleErrorOrRequest(String name) throws IOException {
    String log = sample(name);
    Path html = report(name + ".html", "analyze", "-o", "html", "--dns", "off", log);
    JsonNode j = json("analyze", "-o", "json", "--dns", "off", log);
    open(html);
    assertTrue(Files.size(html) < 5_000_000);
    assertEquals(1L, number(js("return document.scripts.length")));
    assertEquals("", js("return document.getElementById('filters').hidden ? 'hidden' : ''"));

    for (String c : CLASSES) {
      WebElement total =
          browser.findElement(By.cssSelector("#totals .total[data-class='" + c + "']"));
      long requests = j.path("classes").path(c).path("requests").asLong();
      assertEquals(requests, Long.parseLong(total.getAttribute("data-requests")), c);
      assertTrue(total.getText().contains(String.format(Locale.ROOT, "%,d", requests)), c);
    }

    // Timeline: one mark per class and column that holds a request, summing to the class totals.
    JsonNode buckets = j.path("timeline").path("buckets");
    int per = Math.max(1, (buckets.size() + 119) / 120);
    long expectedMarks = 0;
    for (int i = 0; i < buckets.size(); i += per) {
      for (String c : CLASSES) {
        long sum = 0;
        for (int k = i; k < Math.min(buckets.size(), i + per); k++) {
          sum += buckets.get(k).path("requests").path(c).asLong();
        }
        expectedMarks += sum > 0 ? 1 : 0;
      }
    }
    assertEquals(expectedMarks, marks("#chart-timeline").size());
    for (String c : CLASSES) {
      assertEquals(
          j.path("classes").path(c).path("requests").asLong(), sum("#chart-timeline", c), c);
    }
    assertEquals(
        j.path("classes").path("denied").path("requests").asLong(), sum("#chart-denied", "denied"));
    for (WebElement m : marks("#chart-timeline")) {
      assertFalse(m.findElement(By.tagName("title")).getAttribute("textContent").isEmpty());
    }

    // Busiest per class: up to ten bars for each class that has destinations; bytes per class.
    Map<String, Integer> perClass = new LinkedHashMap<>();
    for (JsonNode d : j.path("destinations")) {
      perClass.merge(d.path("class").asText(), 1, Integer::sum);
    }
    for (String c : CLASSES) {
      List<WebElement> bars = marks("#chart-busiest-" + c);
      assertEquals(Math.min(10, perClass.getOrDefault(c, 0)), bars.size(), c);
    }
    for (String c : CLASSES) {
      long bytes = j.path("classes").path(c).path("bytes").asLong();
      assertEquals(bytes, sum("#chart-bytes", c), c);
    }
    assertEquals(
        j.path("destinations").size(),
        browser.findElements(By.cssSelector("#destinations tbody tr")).size());

    // Every target's artifact is the one -o json gives, noProxy value included.
    for (var t : j.path("recommendations").properties()) {
      if (!t.getValue().has("artifact")) {
        continue;
      }
      List<WebElement> pre = browser.findElements(By.id("target-" + t.getKey() + "-artifact"));
      if (t.getKey().equals("cluster") && pre.isEmpty()) {
        assertFalse(j.path("profile").path("name").asText().startsWith("roks"), name);
        continue;
      }
      String shown = pre.get(0).getAttribute("textContent");
      assertEquals(t.getValue().path("artifact").asText(), shown, t.getKey());
      if (t.getValue().has("noProxy")) {
        assertTrue(shown.contains(t.getValue().path("noProxy").asText()), t.getKey());
      }
    }
  }

  private static List<WebElement> marks(String chart) {
    return browser.findElements(By.cssSelector(chart + " rect.mark"));
  }

  private static long sum(String chart, String c) {
    long s = 0;
    for (WebElement m : browser.findElements(By.cssSelector(chart + " rect.mark.c-" + c))) {
      s += Long.parseLong(m.getAttribute("data-v"));
    }
    return s;
  }

  @Test
  void destinationsTable_sortsAndFilters() throws IOException {
    String log = sample("roks-vpc-before-noproxy");
    Path html = report("sort.html", "analyze", "-o", "html", "--dns", "off", log);
    JsonNode j = json("analyze", "-o", "json", "--dns", "off", log);
    open(html);
    int all = j.path("destinations").size();
    assertEquals(all, visibleRows().size());

    header("destination").click();
    List<String> hosts = column(0);
    List<String> sorted = new ArrayList<>(hosts);
    sorted.sort(Comparator.comparing(s -> s.toLowerCase(Locale.ROOT)));
    assertEquals(sorted, hosts);
    assertEquals("ascending", th("destination").getAttribute("aria-sort"));
    header("destination").click();
    List<String> reversed = new ArrayList<>(sorted);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, column(0));

    header("requests").click();
    List<Long> requests = column(2).stream().map(s -> Long.parseLong(s.replace(",", ""))).toList();
    assertTrue(requests.size() > 2);
    for (int i = 1; i < requests.size(); i++) {
      assertTrue(requests.get(i - 1) >= requests.get(i), requests.toString());
    }
    header("requests").click();
    assertEquals("ascending", th("requests").getAttribute("aria-sort"));

    // Sorting works from the keyboard: the header buttons take focus and Enter.
    WebElement bytes = header("bytes");
    bytes.sendKeys(org.openqa.selenium.Keys.ENTER);
    assertEquals("descending", th("bytes").getAttribute("aria-sort"));

    for (String c : CLASSES) {
      new Select(browser.findElement(By.id("f-class"))).selectByVisibleText(c);
      long expected = 0;
      for (JsonNode d : j.path("destinations")) {
        expected +=
            d.path("class").asText().equals(c) || d.path("destinationClass").asText().equals(c)
                ? 1
                : 0;
      }
      assertEquals(expected, visibleRows().size(), c);
    }
    new Select(browser.findElement(By.id("f-class"))).selectByVisibleText("any");
    browser.findElement(By.id("f-host")).sendKeys("quay");
    long quay = 0;
    for (JsonNode d : j.path("destinations")) {
      quay += d.path("host").asText().contains("quay") ? 1 : 0;
    }
    assertTrue(quay >= 2);
    assertEquals(quay, visibleRows().size());
    browser.findElement(By.id("f-host")).clear();
    js("document.getElementById('f-host').dispatchEvent(new Event('input'))");
    browser.findElement(By.id("f-min")).sendKeys("2");
    long busy = 0;
    for (JsonNode d : j.path("destinations")) {
      busy += d.path("requests").asLong() >= 2 ? 1 : 0;
    }
    assertEquals(busy, visibleRows().size());
    assertTrue(
        browser.findElement(By.id("f-status")).getText().contains("of " + busy + " matching"));
    assertQuiet(html, List.of());
  }

  private static WebElement th(String col) {
    return browser.findElement(By.cssSelector("#destinations th[data-col='" + col + "']"));
  }

  private static WebElement header(String col) {
    return th(col).findElement(By.tagName("button"));
  }

  private static List<String> column(int i) {
    List<String> out = new ArrayList<>();
    for (WebElement r : visibleRows()) {
      out.add(r.findElements(By.tagName("td")).get(i).getText());
    }
    return out;
  }

  @Test
  void copyButton_copiesTheArtifact() throws IOException {
    String log = sample("roks-vpc-before-noproxy");
    Path html = report("copy.html", "analyze", "-o", "html", "--dns", "off", log);
    JsonNode j = json("analyze", "-o", "json", "--dns", "off", log);
    open(html);
    for (String target : List.of("crio", "cluster", "egressfirewall")) {
      WebElement b =
          browser.findElement(By.cssSelector("button[data-copy='target-" + target + "-artifact']"));
      b.click();
      String copied =
          (String)
              browser.executeAsyncScript(
                  "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('ERR '"
                      + " + e))");
      assertEquals(j.path("recommendations").path(target).path("artifact").asText(), copied);
      assertEquals("Copied", b.getText());
    }
  }

  @Test
  void hostileLogValues_stayText() throws IOException {
    Path log = TestLogs.copy("golden/html/hostile/access.log", dir);
    Path html = report("hostile.html", "analyze", "-o", "html", "--dns", "off", log.toString());
    open(html);
    assertThrowsNoAlert();
    assertNotEquals("pwned", browser.getTitle());
    assertEquals(0L, number(js("return document.getElementsByTagName('img').length")));
    assertEquals(0L, number(js("return document.getElementsByTagName('b').length")));
    assertEquals(1L, number(js("return document.scripts.length")));
    assertEquals(
        0L, number(js("return document.querySelectorAll('[onerror],[onmouseover]').length")));
    String table = browser.findElement(By.id("destinations")).getText();
    assertTrue(table.contains("<img/src=x/onerror=alert(1)>:443"), table);
    String malformed = browser.findElement(By.id("malformed")).getText();
    assertTrue(malformed.contains("<script>document.title='pwned'</script>"), malformed);
    String svg =
        (String)
            js(
                "return Array.from(document.querySelectorAll('#chart-busiest-denied title'))"
                    + ".map(t => t.textContent).join('\\n')");
    assertTrue(svg.contains("<img/src=x/onerror=alert(1)>:443"), svg);
    assertQuiet(html, List.of());
  }

  private static void assertThrowsNoAlert() {
    try {
      browser.switchTo().alert();
      throw new AssertionError("an alert opened");
    } catch (NoAlertPresentException expected) {
      // no script from the log ran
    }
  }

  @Test
  void redactedReport_namesNoClient() throws IOException {
    String log = sample("roks-vpc-before-noproxy");
    Path html = report("redacted.html", "analyze", "-o", "html", "--dns", "off", "--redact", log);
    String plain =
        Files.readString(report("plain.html", "analyze", "-o", "html", "--dns", "off", log));
    String text = Files.readString(html);
    java.util.Set<String> clients = new java.util.TreeSet<>();
    for (JsonNode d : json("analyze", "-o", "json", "--dns", "off", log).path("destinations")) {
      d.path("clients").forEach(c -> clients.add(c.asText()));
    }
    assertFalse(clients.isEmpty());
    for (String c : clients) {
      assertTrue(plain.contains(c), "the plain report names client " + c);
      assertFalse(text.contains(c), "client " + c + " survived --redact");
    }
    open(html);
    String shown = column(9).toString();
    assertTrue(shown.contains("client-1"), shown);
  }

  @Test
  void diffReport_marksTheChange() throws IOException {
    String log = sample("roks-vpc-rollout");
    Path html =
        report(
            "diff.html", "diff", "-o", "html", "--dns", "off", "--at", "2025-11-21T10:42:00Z", log);
    JsonNode j = json("diff", "-o", "json", "--dns", "off", "--at", "2025-11-21T10:42:00Z", log);
    open(html);
    assertEquals(j.path("verdict").asText(), browser.findElement(By.id("verdict")).getText());
    assertEquals(1, browser.findElements(By.cssSelector("#chart-denied line.marker")).size());
    assertEquals(
        j.path("stillProxied").size(),
        browser.findElements(By.cssSelector("#still-proxied tbody tr")).size());
    assertEquals(
        j.path("fixed").size(), browser.findElements(By.cssSelector("#fixed tbody tr")).size());
  }

  @Test
  void layout_fitsAPhone_darkScheme_andPrint() throws IOException {
    String log = sample("roks-vpc-before-noproxy");
    Path html = report("layout.html", "analyze", "-o", "html", "--dns", "off", log);
    open(html);
    String light = (String) js("return getComputedStyle(document.documentElement).backgroundColor");
    browser.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    String dark = (String) js("return getComputedStyle(document.documentElement).backgroundColor");
    assertNotEquals(light, dark);

    browser.manage().window().setSize(new Dimension(390, 844));
    long overflow =
        number(
            js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"));
    assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a phone");

    browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    assertEquals("none", js("return getComputedStyle(document.getElementById('filters')).display"));
    assertEquals(
        "none", js("return getComputedStyle(document.querySelector('button.copy')).display"));
  }

  @Test
  void tenThousandDestinations_underFiveMegabytes_openUnderTwoSeconds() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String host =
          switch (i % 4) {
            case 0 -> String.format(Locale.ROOT, "api-%05d.example.com", i);
            case 1 -> String.format(Locale.ROOT, "svc-%05d.apps.svc", i);
            case 2 -> String.format(Locale.ROOT, "10.%d.%d.%d", i / 65536, i / 256 % 256, i % 256);
            default -> String.format(Locale.ROOT, "cdn-%05d.example.net", i);
          };
      String code = i % 7 == 0 ? "TCP_DENIED/403" : "TCP_TUNNEL/200";
      for (int k = 0; k <= i % 3; k++) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%d.%03d     12 10.240.%d.%d %s 4100 CONNECT %s:443 - HIER_DIRECT/203.0.113.9 -",
                1763712000 + i / 2,
                k,
                i % 8,
                i % 200,
                code,
                host));
      }
    }
    Path log = TestLogs.write(dir, "wide.log", lines);
    Path html = report("wide.html", "analyze", "-o", "html", "--dns", "off", log.toString());
    long size = Files.size(html);
    assertTrue(size < 5_000_000, "report of 10,000 destinations is " + size + " bytes");
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      open(html);
      best =
          Math.min(
              best,
              number(
                  js(
                      "const t = performance.getEntriesByType('navigation')[0];"
                          + " return Math.round(t.loadEventEnd - t.startTime);")));
    }
    System.err.printf(
        Locale.ROOT,
        "HtmlReportBrowserTest: 10,000 destinations, %,d bytes, loaded in %d ms (best of 3)%n",
        size,
        best);
    assertTrue(best < 2000, "loaded in " + best + " ms");
    assertEquals(10_000, browser.findElements(By.cssSelector("#destinations tbody tr")).size());
    int page =
        Integer.parseInt(browser.findElement(By.id("destinations")).getAttribute("data-page"));
    assertTrue(page >= 100 && page < 10_000, "page of " + page);
    assertEquals(page, visibleRows().size());
    browser.findElement(By.id("f-more")).click();
    assertEquals(2 * page, visibleRows().size());
  }
}
