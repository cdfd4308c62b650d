package io.squidlens.parse;

import io.squidlens.base.ByteScan;
import io.squidlens.base.Checks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A parser compiled from a Squid {@code logformat} string, used for {@code common}, {@code
 * combined} and custom formats.
 */
final class FormatParser implements LineParser {
  /*
   * Implementation notes.
   *
   * A format compiles to alternating literals and fields (cf.data.pre grammar:
   * "% [encoding] [-] [[0]width] [{arg}] formatcode [{arg}]"). Two fields with no literal between
   * them cannot be told apart in the output, so compile rejects them. Matching runs left to
   * right: a literal must appear where expected (a run of spaces matches one or more spaces, as
   * padding widens columns); a field extends to the first occurrence of the literal after it
   * (lazy), skipping backslash-escaped quotes when that literal starts with a quote; the last
   * field extends to the end of the line. Codes that squidlens does not use are matched and
   * ignored, so any valid format parses.
   */

  enum Role {
    IGNORE,
    TS_SECONDS,
    TS_MILLIS,
    TS_START,
    TIME_TEXT,
    ELAPSED,
    CLIENT,
    CODE,
    STATUS,
    BYTES,
    METHOD,
    URL,
    HOST,
    PORT,
    USER,
    USER_FALLBACK,
    HIERARCHY,
    PEER,
    MIME,
    SNI
  }

  /** One compiled element: a literal (role null) or a field. Immutable. */
  static final class Element {
    private final byte[] literal;
    private final Role role;
    private final String code;
    private final boolean quoted;
    private final StrftimePattern time;

    Element(byte[] literal, Role role, String code, boolean quoted, StrftimePattern time) {
      this.literal = literal;
      this.role = role;
      this.code = code;
      this.quoted = quoted;
      this.time = time;
    }

    byte[] literal() {
      return literal;
    }

    Role role() {
      return role;
    }

    String code() {
      return code;
    }

    boolean quoted() {
      return quoted;
    }

    StrftimePattern time() {
      return time;
    }

    boolean isLiteral() {
      return role == null;
    }

    boolean isSpaces() {
      if (literal == null || literal.length == 0) {
        return false;
      }
      for (byte c : literal) {
        if (c != ' ') {
          return false;
        }
      }
      return true;
    }
  }

  private static final String[] KNOWN_CODES = {
    // time
    "ts",
    "tu",
    "tl",
    "tg",
    "tr",
    "tS",
    "dt",
    "<pt",
    "<tt",
    "busy_time",
    // client
    ">a",
    ">A",
    ">p",
    ">eui",
    ">la",
    ">lp",
    "la",
    "lp",
    ">qos",
    ">nfmark",
    // server
    "<a",
    "<A",
    "<p",
    "<la",
    "<lp",
    "<qos",
    "<nfmark",
    // request
    "rm",
    ">rm",
    "<rm",
    "ru",
    ">ru",
    "<ru",
    ">rs",
    "<rs",
    ">rd",
    "<rd",
    ">rP",
    "<rP",
    "rp",
    ">rp",
    "<rp",
    "rv",
    ">rv",
    "<rv",
    ">h",
    ">ha",
    // reply
    ">Hs",
    "<Hs",
    "Hs",
    "<h",
    "mt",
    // sizes
    "st",
    ">st",
    "<st",
    ">sh",
    "<sh",
    "<sH",
    "<sS",
    "<bs",
    // squid
    "Ss",
    "Sh",
    "request_attempts",
    "err_code",
    "err_detail",
    "sn",
    "master_xaction",
    "note",
    "byte",
    // users and ACLs
    "un",
    "ul",
    "ue",
    "et",
    "ea",
    "credentials",
    "ui",
    // other
    ">handshake",
    // legacy aliases (src/format/Token.cc)
    ">v",
    "oa",
    "rG"
  };

  private static final String[] NAMESPACES = {
    "ssl::", "icap::", "adapt::", "proxy_protocol::", "transport::", "tls::"
  };

  private final String name;
  private final Element[] elements;

  private FormatParser(String name, List<Element> elements) {
    this.name = name;
    this.elements = elements.toArray(new Element[0]);
  }

  /**
   * Compiles a Squid logformat string.
   *
   * @throws IllegalArgumentException naming the offending code or position
   */
  static FormatParser compile(String name, String format) {
    List<Element> out = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    int n = format.length();
    boolean hasUser = false;
    while (i < n) {
      char c = format.charAt(i);
      if (c != '%') {
        literal.append(c);
        i++;
        continue;
      }
      if (i + 1 < n && format.charAt(i + 1) == '%') {
        literal.append('%');
        i += 2;
        continue;
      }
      int codeAt = i;
      i++;
      boolean quoted = false;
      if (i < n && "\"[#/'".indexOf(format.charAt(i)) >= 0) {
        quoted = format.charAt(i) == '"';
        i++;
      }
      if (i < n && format.charAt(i) == '-') {
        i++;
      }
      while (i < n && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
        i++;
      }
      String arg = null;
      if (i < n && format.charAt(i) == '{') {
        int close = format.indexOf('}', i);
        Checks.requireArgument(close > 0, "unclosed '{' at column %d of log format", i + 1);
        arg = format.substring(i + 1, close);
        i = close + 1;
      }
      if (format.startsWith("http::", i)) {
        i += "http::".length();
      }
      String code = matchCode(format, i);
      Checks.requireArgument(
          code != null,
          "unknown logformat code at column %d: %s",
          codeAt + 1,
          format.substring(codeAt, Math.min(n, codeAt + 12)));
      i += code.length();
      if (arg == null && i < n && format.charAt(i) == '{') {
        int close = format.indexOf('}', i);
        Checks.requireArgument(close > 0, "unclosed '{' at column %d of log format", i + 1);
        arg = format.substring(i + 1, close);
        i = close + 1;
      }
      if (literal.length() > 0) {
        out.add(literal(literal.toString()));
        literal.setLength(0);
      } else if (!out.isEmpty() && !out.get(out.size() - 1).isLiteral()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "log format fields %%%s and %%%s at column %d have nothing between them, so"
                    + " their values cannot be told apart",
                out.get(out.size() - 1).code(),
                code,
                codeAt + 1));
      }
      Role role = roleOf(code);
      hasUser |= role == Role.USER;
      StrftimePattern time = null;
      if (role == Role.TIME_TEXT) {
        time = StrftimePattern.compile(arg == null ? StrftimePattern.SQUID_DEFAULT : arg);
      }
      out.add(new Element(null, role, code, quoted, time));
    }
    if (literal.length() > 0) {
      out.add(literal(literal.toString()));
    }
    boolean anyDestination = false;
    for (int k = 0; k < out.size(); k++) {
      Element e = out.get(k);
      if (e.role() == Role.USER_FALLBACK) {
        out.set(
            k, new Element(null, hasUser ? Role.IGNORE : Role.USER, e.code(), e.quoted(), null));
      }
      anyDestination |= e.role() == Role.URL || e.role() == Role.HOST || e.role() == Role.SNI;
    }
    Checks.requireArgument(
        anyDestination,
        "log format has no URL or host code (%%ru, %%>rd or %%ssl::>sni), so destinations"
            + " cannot be read: %s",
        format);
    return new FormatParser(name, out);
  }

  private static Element literal(String text) {
    return new Element(text.getBytes(StandardCharsets.UTF_8), null, null, false, null);
  }

  private static String matchCode(String format, int at) {
    for (String ns : NAMESPACES) {
      if (format.startsWith(ns, at)) {
        int j = at + ns.length();
        while (j < format.length() && "<>".indexOf(format.charAt(j)) >= 0) {
          j++;
        }
        int nameStart = j;
        while (j < format.length()
            && (Character.isLetterOrDigit(format.charAt(j)) || format.charAt(j) == '_')) {
          j++;
        }
        return j > nameStart ? format.substring(at, j) : null;
      }
    }
    String best = null;
    for (String code : KNOWN_CODES) {
      if (format.startsWith(code, at) && (best == null || code.length() > best.length())) {
        best = code;
      }
    }
    return best;
  }

  private static Role roleOf(String code) {
    return switch (code) {
      case "ts" -> Role.TS_SECONDS;
      case "tu" -> Role.TS_MILLIS;
      case "tS" -> Role.TS_START;
      case "tl", "tg" -> Role.TIME_TEXT;
      case "tr" -> Role.ELAPSED;
      case ">a", ">A" -> Role.CLIENT;
      case "Ss" -> Role.CODE;
      case ">Hs", "Hs" -> Role.STATUS;
      case "<st", "st" -> Role.BYTES;
      case "rm", ">rm" -> Role.METHOD;
      case "ru", ">ru" -> Role.URL;
      case ">rd" -> Role.HOST;
      case ">rP" -> Role.PORT;
      case "un" -> Role.USER;
      case "ul", "ue" -> Role.USER_FALLBACK;
      case "Sh" -> Role.HIERARCHY;
      case "<a", "<A" -> Role.PEER;
      case "mt" -> Role.MIME;
      case "ssl::>sni" -> Role.SNI;
      default -> Role.IGNORE;
    };
  }

  @Override
  public String formatName() {
    return name;
  }

  List<Element> elements() {
    return List.of(elements);
  }

  @Override
  public boolean parse(byte[] b, int start, int end, LineFields f) {
    f.reset(b, start, end);
    int e = Lines.trimRight(b, start, end);
    if (e == start) {
      return f.fail(ParseProblem.Reason.WHITESPACE_ONLY, start);
    }
    int p = start;
    long seconds = -1;
    long millis = 0;
    int hostStart = -1;
    int hostEnd = -1;
    int sniStart = -1;
    int sniEnd = -1;
    for (int k = 0; k < elements.length; k++) {
      Element el = elements[k];
      if (el.isLiteral()) {
        if (el.isSpaces()) {
          int q = Lines.skipSpaces(b, p, e);
          if (q == p) {
            return f.fail(ParseProblem.Reason.FORMAT_MISMATCH, p);
          }
          p = q;
        } else {
          if (p + el.literal().length > e || !ByteScan.regionEquals(b, p, el.literal())) {
            return f.fail(ParseProblem.Reason.FORMAT_MISMATCH, p);
          }
          p += el.literal().length;
        }
        continue;
      }
      int fe;
      if (k + 1 == elements.length) {
        fe = e;
      } else {
        fe = findLiteral(b, p, e, elements[k + 1].literal());
        if (fe < 0) {
          return f.fail(ParseProblem.Reason.FORMAT_MISMATCH, p);
        }
      }
      if (el.role() == Role.TS_SECONDS || el.role() == Role.TS_MILLIS) {
        // %ts and %tu are parts of one time, combined once both are read.
        long v = ByteScan.indexOf(b, p, fe, (byte) ' ') >= 0 ? -2 : Numbers.parseUnsigned(b, p, fe);
        if (v < 0) {
          return f.fail(
              v == -2 ? ParseProblem.Reason.FORMAT_MISMATCH : ParseProblem.Reason.NO_TIMESTAMP, p);
        }
        if (el.role() == Role.TS_SECONDS) {
          seconds = v;
        } else {
          millis = v;
        }
      } else if (!assign(el, b, p, fe, f)) {
        return false;
      }
      switch (el.role()) {
        case HOST -> {
          hostStart = p;
          hostEnd = fe;
        }
        case SNI -> {
          sniStart = p;
          sniEnd = fe;
        }
        default -> {}
      }
      p = fe;
    }
    if (p != e) {
      return f.fail(ParseProblem.Reason.FORMAT_MISMATCH, p);
    }
    if (seconds >= 0) {
      f.epochMillis = seconds * 1000 + millis;
    }
    if (f.urlStart >= 0) {
      Lines.deriveDestination(f);
    } else {
      int hs = hostStart >= 0 ? hostStart : sniStart;
      int he = hostStart >= 0 ? hostEnd : sniEnd;
      if (hs >= 0 && !(he - hs == 1 && b[hs] == '-')) {
        f.authStart = hs;
        f.authEnd = he;
        f.destKind = LineFields.DEST_AUTHORITY;
        boolean connect =
            f.methodStart >= 0 && NativeParser.isConnect(b, f.methodStart, f.methodEnd);
        f.scheme = connect ? LineFields.SCHEME_CONNECT : LineFields.SCHEME_NONE;
      } else {
        f.destKind = LineFields.DEST_NONE;
      }
    }
    return true;
  }

  private static int findLiteral(byte[] b, int from, int end, byte[] literal) {
    if (literal[0] == ' ') {
      return ByteScan.indexOf(b, from, end, (byte) ' ');
    }
    int i = from;
    while (true) {
      int at = ByteScan.indexOf(b, i, end, literal);
      if (at < 0) {
        return -1;
      }
      if (literal[0] == '"' && at > from && b[at - 1] == '\\') {
        i = at + 1;
        continue;
      }
      return at;
    }
  }

  /** Stores one field's value; parse failures of numeric fields are problems, not exceptions. */
  private static boolean assign(Element el, byte[] b, int s, int e, LineFields f) {
    if (!mayHoldSpaces(el.role()) && ByteScan.indexOf(b, s, e, (byte) ' ') >= 0) {
      // A token field swallowing spaces means the line has another shape (a combined line
      // read as common, say): refuse rather than mis-assign fields.
      return f.fail(ParseProblem.Reason.FORMAT_MISMATCH, s);
    }
    switch (el.role()) {
      case TS_START -> {
        long v = Numbers.parseDecimalMillis(b, s, e);
        if (v < 0) {
          return f.fail(ParseProblem.Reason.NO_TIMESTAMP, s);
        }
        f.epochMillis = v;
      }
      case TIME_TEXT -> {
        long v = el.time().parse(b, s, e);
        if (v == Long.MIN_VALUE) {
          return f.fail(ParseProblem.Reason.BAD_TIME, s);
        }
        f.epochMillis = v;
      }
      case ELAPSED -> {
        int q = Lines.skipSpaces(b, s, e);
        boolean negative = q < e && b[q] == '-';
        long v = Numbers.parseUnsigned(b, negative ? q + 1 : q, e);
        if (v < 0) {
          return f.fail(ParseProblem.Reason.NO_ELAPSED, s);
        }
        f.elapsedMs = negative ? -v : v;
        f.hasElapsed = true;
      }
      case STATUS -> {
        if (e - s == 1 && b[s] == '-') {
          f.status = -1;
          return true;
        }
        long v = Numbers.parseUnsigned(b, s, e);
        if (v < 0 || e - s > 3) {
          return f.fail(ParseProblem.Reason.BAD_STATUS, s);
        }
        f.status = (int) v;
      }
      case BYTES -> {
        if (e - s == 1 && b[s] == '-') {
          f.bytes = 0;
          return true;
        }
        long v = Numbers.parseUnsigned(b, s, e);
        if (v < 0) {
          return f.fail(ParseProblem.Reason.NO_BYTES, s);
        }
        f.bytes = v;
      }
      case CLIENT -> {
        f.clientStart = s;
        f.clientEnd = e;
      }
      case CODE -> {
        f.codeStart = s;
        f.codeEnd = e;
      }
      case METHOD -> {
        f.methodStart = s;
        f.methodEnd = e;
      }
      case URL -> {
        f.urlStart = s;
        f.urlEnd = e;
      }
      case PORT -> {
        if (!(e - s == 1 && b[s] == '-')) {
          f.portStart = s;
          f.portEnd = e;
        }
      }
      case USER -> {
        f.userStart = s;
        f.userEnd = e;
      }
      case HIERARCHY -> {
        f.hierStart = s;
        f.hierEnd = e;
      }
      case PEER -> {
        f.peerStart = s;
        f.peerEnd = e;
      }
      case MIME -> {
        f.mimeStart = s;
        f.mimeEnd = e;
      }
      default -> {}
    }
    return true;
  }

  private static boolean mayHoldSpaces(Role role) {
    return role == Role.URL
        || role == Role.USER
        || role == Role.TIME_TEXT
        || role == Role.ELAPSED
        || role == Role.IGNORE;
  }

  /** Codes sorted longest first, for documentation and tests. */
  static List<String> knownCodes() {
    List<String> codes = new ArrayList<>(List.of(KNOWN_CODES));
    codes.sort(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
    return codes;
  }
}
