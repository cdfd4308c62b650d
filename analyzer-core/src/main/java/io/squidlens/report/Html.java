package io.squidlens.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * The frame of an HTML report and the one way values reach it: every value goes through the OWASP
 * Java Encoder for its context (element content or a quoted attribute), never through hand-written
 * escaping. The page's own style sheet and script are inlined and allowed by their SHA-256 in a
 * {@code Content-Security-Policy} the page declares, so it opens from a mail attachment, offline,
 * and no injected markup could run or fetch anything. Stateless.
 */
final class Html {
  /*
   * Implementation notes. The policy is 'none' for everything but the two inlined blocks, which
   * are allowed by hash rather than nonce: a nonce must differ per response to mean anything, and
   * a report must be byte-identical for equal input. Hashes are of the exact bytes between the
   * tags, so the blocks are written verbatim. Charts are inline SVG whose look comes from the style
   * sheet's classes: style attributes would need 'unsafe-inline'.
   */

  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");

  /** The page's policy: nothing may load or run but the two blocks the report itself inlines. */
  static final String POLICY =
      "default-src 'none'; style-src '"
          + sha256(CSS)
          + "'; script-src '"
          + sha256(JS)
          + "'; img-src 'none'; base-uri 'none'; form-action 'none'";

  private static final Pattern CODE = Pattern.compile("`([^`]*)`");
  private static final Pattern MACHINE = Pattern.compile("[^A-Za-z0-9._-]");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ISO_INSTANT.withLocale(Locale.ROOT);

  private Html() {}

  /**
   * {@code s} as element content; null is empty. Control characters, line separators and
   * bidirectional overrides are first made visible (as backslash escapes) as in every other format,
   * since a browser would otherwise hide them or let them reorder what is read.
   */
  static String text(String s) {
    return s == null ? "" : Encode.forHtmlContent(Escapes.terminal(s));
  }

  /** As {@link #text}, for text of several lines (an artifact): the line breaks stay. */
  static String block(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 64);
    String[] lines = s.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      sb.append(i == 0 ? "" : "\n").append(text(lines[i]));
    }
    return sb.toString();
  }

  /** {@code s} inside a double-quoted attribute value, made visible as by {@link #text}. */
  static String attr(String s) {
    return s == null ? "" : Encode.forHtmlAttribute(Escapes.terminal(s));
  }

  /** {@code s} as inline code. */
  static String code(String s) {
    return "<code>" + text(s) + "</code>";
  }

  /**
   * One of the report's own fixed phrases with Markdown-style {@code `code`} spans, as HTML: the
   * Markdown report's headings, shared rather than written twice. Never for values from a log.
   */
  static String phrase(String fixed) {
    Matcher m = CODE.matcher(text(fixed));
    return m.replaceAll(r -> "<code>" + Matcher.quoteReplacement(r.group(1)) + "</code>");
  }

  /** An id made of letters, digits and dashes from a fixed name (a target's id). */
  static String id(String prefix, String name) {
    return prefix + "-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /**
   * Opens the document: the run comment (the only place where the time and machine of the run may
   * appear), the head with the policy, the style sheet, and the body.
   */
  static void open(StringBuilder sb, String title, Provenance how) {
    sb.append("<!DOCTYPE html>\n");
    if (how.ranAt() != null || how.ranOn() != null) {
      sb.append("<!-- run:");
      if (how.ranAt() != null) {
        sb.append(' ').append(SECONDS.format(how.ranAt().truncatedTo(ChronoUnit.SECONDS)));
      }
      if (how.ranOn() != null) {
        // A machine name is not from the log, but a comment must never hold "--" or ">".
        sb.append(" on ").append(MACHINE.matcher(how.ranOn()).replaceAll("_").replace("--", "_"));
      }
      sb.append(" -->\n");
    }
    sb.append("<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(attr(POLICY))
        .append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
        .append("<meta name=\"generator\" content=\"squidlens ")
        .append(attr(how.version()))
        .append("\">\n<title>")
        .append(text(title))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
  }

  /** Closes the document, the script last so the page is complete before it runs. */
  static void close(StringBuilder sb) {
    sb.append("<script>").append(JS).append("</script>\n</body>\n</html>\n");
  }

  private static String resource(String name) {
    try (InputStream in = Html.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
