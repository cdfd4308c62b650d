package io.squidlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class MarkdownTest {
  @Test
  void code_fencesLongerThanAnyBacktickRunAndEscapesPipes() {
    assertEquals("`icr.io`", Markdown.code("icr.io"));
    assertEquals("``a`b``", Markdown.code("a`b"));
    assertEquals("`` `x ``", Markdown.code("`x"));
    assertEquals("`a\\|b`", Markdown.code("a|b"));
    assertEquals("`\\x1b[31m`", Markdown.code("\u001b[31m"));
  }

  @Test
  void text_escapesMarkupHtmlAndAutolinks() {
    assertEquals("\\[x\\]\\(http\\://e\\)", Markdown.text("[x](http://e)"));
    assertEquals("\\<script\\>", Markdown.text("<script>"));
    assertEquals("www\\.example.com", Markdown.text("www.example.com"));
    assertEquals("a \\| b", Markdown.text("a | b"));
    assertEquals("service network 172.21.0.0/16", Markdown.text("service network 172.21.0.0/16"));
  }

  @Test
  void fenced_outlastsBackticksInTheBody() {
    assertEquals("````sh\na ``` b\n````\n", Markdown.fenced("sh", "a ``` b"));
    assertEquals("```\nx\n\\x1b\n```\n", Markdown.fenced("", "x\n\u001b"));
  }
}
