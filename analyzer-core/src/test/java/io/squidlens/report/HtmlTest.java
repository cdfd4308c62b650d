package io.squidlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTML frame without a browser: the policy allows exactly the inlined blocks, and values are
 * encoded for their context (the browser test checks the same in Chromium, where it is installed).
 */
final class HtmlTest {
  private static String page() {
    StringBuilder sb = new StringBuilder();
    Html.open(
        sb,
        "t",
        new Provenance(
            "1.0", List.of("squidlens"), false, Instant.parse("2025-11-21T10:42:00.5Z"), "vm--1>"));
    Html.close(sb);
    return sb.toString();
  }

  private static String sha256(String s) throws Exception {
    return "sha256-"
        + Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void policy_allowsTheInlinedStyleAndScriptByHash_andNothingElse() throws Exception {
    String page = page();
    Matcher style = Pattern.compile("(?s)<style>(.*?)</style>").matcher(page);
    Matcher script = Pattern.compile("(?s)<script>(.*?)</script>").matcher(page);
    assertTrue(style.find() && script.find());
    assertEquals(
        "default-src 'none'; style-src '"
            + sha256(style.group(1))
            + "'; script-src '"
            + sha256(script.group(1))
            + "'; img-src 'none'; base-uri 'none'; form-action 'none'",
        Html.POLICY);
    assertFalse(Html.POLICY.contains("unsafe"));
    assertFalse(page.contains(" style=\""), "a style attribute needs 'unsafe-inline'");
    assertFalse(
        Pattern.compile("<[a-z]+\\s[^>]*\\bon[a-z]+=").matcher(page).find(),
        "no inline event handler");
  }

  @Test
  void runComment_isTheOnlyRunTimeFact_andCannotCloseItselfEarly() {
    String page = page();
    assertTrue(
        page.startsWith("<!DOCTYPE html>\n<!-- run: 2025-11-21T10:42:00Z on vm_1_ -->\n"),
        page.substring(0, 80));
  }

  @Test
  void text_encodesMarkup_andShowsControlCharacters() {
    assertEquals("&lt;img src=x onerror=alert(1)&gt;", Html.text("<img src=x onerror=alert(1)>"));
    assertEquals("a\\x1b[31mb\\u{202e}c", Html.text("a\u001b[31mb\u202ec"));
    // A double-quoted attribute ends only at a quote: OWASP leaves '>' as it is there.
    assertEquals("&#34;>&lt;script>", Html.attr("\"><script>"));
    assertEquals("line &lt;1&gt;\n\nline 3", Html.block("line <1>\n\nline 3"));
    assertEquals("", Html.text(null));
  }

  @Test
  void phrase_turnsBackticksIntoCode_afterEncoding() {
    assertEquals(
        "proxy/cluster <code>spec.noProxy</code> &amp; <code>&lt;x&gt;</code>",
        Html.phrase("proxy/cluster `spec.noProxy` & `<x>`"));
  }

  @Test
  void nice_isAnEvenStepAtOrAboveTheValue() {
    assertEquals(2, HtmlCharts.nice(1));
    assertEquals(2, HtmlCharts.nice(2));
    assertEquals(4, HtmlCharts.nice(3));
    assertEquals(10, HtmlCharts.nice(9));
    assertEquals(20, HtmlCharts.nice(11));
    assertEquals(60, HtmlCharts.nice(41));
    assertEquals(100, HtmlCharts.nice(100));
    assertEquals(200, HtmlCharts.nice(101));
    assertEquals(80_000_000, HtmlCharts.nice(78_278_120));
  }
}
