package io.squidlens.parse;

import io.squidlens.base.Checks;
import java.util.List;
import java.util.Locale;

/**
 * A log format selection: {@code auto}, one of Squid's built-in formats ({@code squid}, {@code
 * common}, {@code combined}) or a custom {@code logformat} string. Immutable. Made by the
 * analyzer's options; used by the readers and the benchmarks.
 *
 * <pre>{@code
 * LogFormat.of("auto");
 * LogFormat.of("squid");
 * LogFormat.of("%ts.%03tu %>a %Ss/%03>Hs %<st %rm %ru %un %Sh/%<a %mt");
 * }</pre>
 */
public final class LogFormat {
  /** Squid's {@code common} format (cf.data.pre), ident field accepted as {@code -} or a name. */
  static final String COMMON_SPEC = "%>a %[ui %[un [%tl] \"%rm %ru HTTP/%rv\" %>Hs %<st %Ss:%Sh";

  /** Squid's {@code combined} format. */
  static final String COMBINED_SPEC =
      "%>a %[ui %[un [%tl] \"%rm %ru HTTP/%rv\" %>Hs %<st \"%{Referer}>h\" \"%{User-Agent}>h\""
          + " %Ss:%Sh";

  private static final LineParser COMMON = FormatParser.compile("common", COMMON_SPEC);
  private static final LineParser COMBINED = FormatParser.compile("combined", COMBINED_SPEC);

  private final String name;
  private final LineParser parser;
  private final String givenNote;
  private final String spec;

  private LogFormat(String name, LineParser parser) {
    this(name, parser, "given", null);
  }

  private LogFormat(String name, LineParser parser, String givenNote, String spec) {
    this.name = name;
    this.parser = parser;
    this.givenNote = givenNote;
    this.spec = spec;
  }

  /** What {@link #of} was given (auto for {@link #auto}): this format again on another machine. */
  public String spec() {
    return spec == null ? name : spec;
  }

  /** What reports say of how a fixed format was chosen ({@link #withGivenNote}). */
  public String note() {
    return givenNote;
  }

  /**
   * This format with {@code note} as what reports say of how it was chosen ({@code given with
   * --log-format}) instead of {@code given}; auto-detection says what it detected instead.
   */
  public LogFormat withGivenNote(String note) {
    return new LogFormat(name, parser, java.util.Objects.requireNonNull(note, "note"), spec);
  }

  /** What reports say of how a fixed format was chosen. */
  String givenNote() {
    return givenNote;
  }

  /** Automatic detection per input (native, common or combined). */
  public static LogFormat auto() {
    return new LogFormat("auto", null);
  }

  /**
   * Parses a {@code --log-format} value: {@code auto}, {@code squid} (alias {@code native}), {@code
   * common}, {@code combined}, or a logformat string (a {@code logformat NAME} prefix copied from
   * squid.conf is accepted).
   *
   * @throws IllegalArgumentException for an unknown name or a format that cannot be parsed
   */
  public static LogFormat of(String spec) {
    LogFormat f = parse(spec);
    return new LogFormat(f.name, f.parser, f.givenNote, spec);
  }

  private static LogFormat parse(String spec) {
    String s = spec.strip();
    LogFormat builtIn =
        switch (s.toLowerCase(Locale.ROOT)) {
          case "auto" -> auto();
          case "squid", "native" -> new LogFormat("squid", NativeParser.INSTANCE);
          case "common" -> new LogFormat("common", COMMON);
          case "combined" -> new LogFormat("combined", COMBINED);
          default -> null;
        };
    if (builtIn != null) {
      return builtIn;
    }
    Checks.requireArgument(
        s.indexOf('%') >= 0,
        "unknown log format '%s': expected auto, squid, common, combined or a Squid logformat"
            + " string such as '%%ts.%%03tu %%6tr %%>a %%Ss/%%03>Hs %%<st %%rm %%ru %%un"
            + " %%Sh/%%<a %%mt'",
        s);
    if (s.startsWith("logformat ")) {
      String rest = s.substring("logformat ".length()).strip();
      int space = rest.indexOf(' ');
      Checks.requireArgument(space > 0, "logformat line has no format after its name: %s", s);
      return new LogFormat(
          rest.substring(0, space),
          FormatParser.compile("custom", rest.substring(space + 1).strip()));
    }
    return new LogFormat("custom", FormatParser.compile("custom", s));
  }

  /** Whether the format is detected per input. */
  public boolean isAuto() {
    return parser == null;
  }

  /** The name used in reports. */
  public String name() {
    return name;
  }

  /**
   * The parser for a fixed format.
   *
   * @throws IllegalStateException for {@code auto}, which chooses a parser per input
   */
  LineParser parser() {
    Checks.requireState(parser != null, "auto has no parser until an input is sampled");
    return parser;
  }

  /**
   * A parser of single lines held by the caller, for benchmarks and tests that feed lines without a
   * reader.
   *
   * @throws IllegalStateException for {@code auto}, which chooses a parser per input
   */
  public Parser newParser() {
    return new Parser(parser());
  }

  /**
   * Parses lines one at a time into one reused {@link LineView}. Not thread-safe: one per thread.
   * Used by the benchmarks and by tests outside this package.
   */
  public static final class Parser {
    private final LineParser parser;
    private final LineFields fields = new LineFields();

    private Parser(LineParser parser) {
      this.parser = parser;
    }

    /**
     * Parses {@code [start, end)} of {@code buf}, a line without its newline; the view stays valid
     * until the next call.
     *
     * @return true for a record; false otherwise, with {@link LineView#problem()} saying why
     */
    public boolean parse(byte[] buf, int start, int end) {
      return parser.parse(buf, start, end, fields);
    }

    /** The line last parsed. */
    public LineView line() {
      return fields;
    }

    /** Parses a line and hands it to {@code consumer} as a record or a malformed line. */
    public void feed(byte[] buf, int start, int end, LineView.Consumer consumer, long lineKey) {
      if (parser.parse(buf, start, end, fields)) {
        consumer.accept(fields, lineKey);
      } else {
        consumer.malformed(fields, lineKey);
      }
    }
  }

  /** The built-in formats auto-detection chooses from, native first. */
  static List<LineParser> builtIns() {
    return List.of(NativeParser.INSTANCE, COMMON, COMBINED);
  }

  @Override
  public String toString() {
    return name;
  }
}
