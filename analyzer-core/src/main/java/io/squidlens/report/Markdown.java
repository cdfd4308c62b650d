package io.squidlens.report;

import java.util.Arrays;

/**
 * Makes text from a log safe inside Markdown (CommonMark and GitHub's extensions): it can neither
 * break a table, start a link or an autolink, nor inject HTML. Control characters are escaped
 * visibly first, as everywhere. Stateless.
 */
final class Markdown {
  private Markdown() {}

  /**
   * {@code s} as a code span, which renders literally and is never autolinked: the fence is one
   * backtick longer than the longest run inside, and table pipes are escaped (GitHub splits cells
   * on them even inside code).
   */
  static String code(String s) {
    String t = Escapes.terminal(s).replace("|", "\\|");
    String fence = "`".repeat(longestBacktickRun(t) + 1);
    String pad = t.startsWith("`") || t.endsWith("`") || t.isEmpty() ? " " : "";
    return fence + pad + t + pad + fence;
  }

  /**
   * {@code s} as inline text: every character Markdown or HTML could act on is backslash-escaped,
   * and so are the dot of {@code www.} and the colon of {@code ://}, which would otherwise start an
   * autolink.
   */
  static String text(String s) {
    String t = Escapes.terminal(s);
    StringBuilder sb = new StringBuilder(t.length() + 8);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean active =
          "\\`*_[](){}<>#+-!|~&@".indexOf(c) >= 0
              || (c == '.' && i >= 3 && t.regionMatches(true, i - 3, "www", 0, 3))
              || (c == ':' && t.startsWith("//", i + 1));
      if (active) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** A fenced code block holding {@code body} verbatim, fenced longer than any backtick run. */
  static String fenced(String info, String body) {
    String t =
        String.join("\n", Arrays.stream(body.split("\n", -1)).map(Escapes::terminal).toList());
    String fence = "`".repeat(Math.max(2, longestBacktickRun(t)) + 1);
    return fence + info + "\n" + t + "\n" + fence + "\n";
  }

  private static int longestBacktickRun(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
