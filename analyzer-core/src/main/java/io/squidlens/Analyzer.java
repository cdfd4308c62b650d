package io.squidlens;

import io.squidlens.aggregate.Accumulator;
import io.squidlens.aggregate.DestinationStats;
import io.squidlens.aggregate.Summary;
import io.squidlens.aggregate.TrafficStats;
import io.squidlens.base.BadValueException;
import io.squidlens.base.InputException;
import io.squidlens.base.LineRefs;
import io.squidlens.base.Option;
import io.squidlens.classify.Classification;
import io.squidlens.classify.ClassifierRules;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.TrafficClassifier;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
import io.squidlens.parse.InputSource;
import io.squidlens.parse.LineView;
import io.squidlens.parse.LogReader;
import io.squidlens.parse.LogRecord;
import io.squidlens.parse.ParseProblem;
import io.squidlens.parse.ReadResult;
import io.squidlens.parse.ReadResult.SourceStats;
import io.squidlens.recommend.NoProxyCheck;
import io.squidlens.recommend.NoProxyRecommender;
import io.squidlens.recommend.NoProxySemantics;
import io.squidlens.recommend.Recommendations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * The front door: reads Squid logs, classifies every destination and recommends NO_PROXY lists;
 * prints records ({@link #records}), explains one destination ({@link #explain}) and checks a list
 * ({@link #check}). Instances are immutable and thread-safe; each call is independent. Used by the
 * front ends (the command line, benchmarks) and by nothing inside the core.
 *
 * <pre>{@code
 * Analyzer analyzer = new Analyzer(AnalyzerOptions.builder().threads(2).build());
 * Analysis a = analyzer.analyze(analyzer.inputs(List.of("access.log")), null);
 * a.recommendations().get(Target.CLUSTER).noProxy();
 * }</pre>
 */
public final class Analyzer {
  private final AnalyzerOptions options;

  /** Creates an analyzer with {@code options}. */
  public Analyzer(AnalyzerOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The options in force. */
  public AnalyzerOptions options() {
    return options;
  }

  /**
   * The inputs a list of names stands for, resolved once: files, {@code -} for standard input,
   * rotated sets ordered oldest first, and state files (recognised by their content). Immutable.
   *
   * @param sources the logs in reading order
   * @param states the state files given among them, in the order given
   */
  public record Inputs(List<InputSource> sources, List<Path> states) {
    /** Copies the lists. */
    public Inputs {
      sources = List.copyOf(sources);
      states = List.copyOf(states);
    }

    /** Logs only. */
    public Inputs(List<InputSource> sources) {
      this(sources, List.of());
    }

    /** Whether no input was named. */
    public boolean isEmpty() {
      return sources.isEmpty();
    }

    /** The bytes the inputs hold on disk, or -1 when a size is unknown (a stream). */
    public long totalBytes() {
      long total = 0;
      for (InputSource s : sources) {
        total = s.size() < 0 || total < 0 ? -1 : total + s.size();
      }
      return total;
    }
  }

  /**
   * Resolves input names ({@code -} or none: standard input).
   *
   * @throws InputException naming an input that does not exist or cannot be read
   */
  public Inputs inputs(List<String> names) throws IOException {
    return inputs(names, List.of());
  }

  /**
   * Resolves input names and labelled ones, {@code NAME=PATH}: each a file or a directory (whose
   * files are read, labelled with the directory's name unless a label is given), standard input
   * ({@code -}, or nothing at all), or a state file.
   *
   * @throws InputException naming an input that does not exist or cannot be read
   * @throws BadValueException for a labelled input that is not {@code NAME=PATH}
   */
  public Inputs inputs(List<String> names, List<String> labelled) throws IOException {
    List<InputSource> all = new ArrayList<>(InputSource.resolve(names, labelled));
    List<InputSource> logs = new ArrayList<>();
    List<Path> states = new ArrayList<>();
    for (InputSource s : all) {
      if (s.path() != null
          && s.compression() == InputSource.Compression.GZIP
          && State.isState(s.path())) {
        states.add(s.path());
      } else {
        logs.add(s);
      }
    }
    if (logs.isEmpty() && !states.isEmpty()) {
      return new Inputs(List.of(), states);
    }
    return new Inputs(logs, states);
  }

  /**
   * Reads every input and analyzes it.
   *
   * @param progress receives input bytes consumed as reading proceeds, or null
   * @throws InputException naming an input that could not be read
   */
  public Analysis analyze(Inputs inputs, LongAdder progress) throws IOException {
    return analyze(read(inputs, progress));
  }

  /**
   * Reads every input into a {@link Summary} without classifying.
   *
   * @throws InputException naming an input that could not be read
   */
  public Summary read(Inputs inputs, LongAdder progress) throws IOException {
    if (!inputs.states().isEmpty()) {
      return withState(inputs, progress, null).summary();
    }
    return read(inputs.sources(), progress, null);
  }

  /** Reads logs; {@code result}, when not null, is handed the reader's result. */
  private Summary read(
      List<InputSource> sources, LongAdder progress, java.util.function.Consumer<ReadResult> result)
      throws IOException {
    LogReader reader = reader(options.threads(), progress);
    List<Accumulator> parts = Collections.synchronizedList(new ArrayList<>());
    ReadResult r =
        reader.read(
            sources,
            worker -> {
              Accumulator a = new Accumulator(options.maxDestinations(), null, labels(sources));
              parts.add(a);
              return a;
            });
    if (result != null) {
      result.accept(r);
    }
    List<String> names = r.sources().stream().map(SourceStats::name).toList();
    if (parts.isEmpty()) {
      return Summary.empty(options.maxDestinations()).withSources(r.sources());
    }
    // Threads of one process combine at the raw level: each destination is materialised once.
    Accumulator all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all.absorb(parts.get(i));
    }
    return all.toSummary(r::resolve, names).withSources(r.sources());
  }

  /**
   * Reads the inputs on top of a state: {@code stateFile}'s (when it exists) and those given among
   * the inputs. Logs the state already holds are read on from where they were left (or skipped when
   * nothing was added), renamed and compressed ones included; the new state holds all.
   *
   * @param stateFile the state to continue and write back, or null to write none
   * @throws InputException naming a state that is damaged, or two that would count an input twice
   */
  public Analysis analyze(Inputs inputs, LongAdder progress, Path stateFile) throws IOException {
    if (stateFile == null && inputs.states().isEmpty()) {
      return analyze(inputs, progress);
    }
    Stated st = withState(inputs, progress, stateFile);
    if (stateFile != null) {
      st.state().write(stateFile, null);
    }
    return analyze(st.summary()).withWarnings(st.warnings());
  }

  /** A state brought up to date, what it now holds, and what the user should know about it. */
  record Stated(State state, Summary summary, List<String> warnings) {}

  Stated withState(Inputs inputs, LongAdder progress, Path stateFile) throws IOException {
    return withState(inputs, progress, stateFile, null);
  }

  /** As {@link #withState(Inputs, LongAdder, Path)}; {@code elsewhere} reads, when not null. */
  private Stated withState(Inputs inputs, LongAdder progress, Path stateFile, Reader elsewhere)
      throws IOException {
    List<String> warnings = new ArrayList<>();
    // The state continued first, then those given among the inputs, in the order given.
    List<State> states = new ArrayList<>();
    List<String> stateNames = new ArrayList<>();
    boolean continued = stateFile != null && Files.exists(stateFile);
    if (continued) {
      states.add(State.read(stateFile));
      stateNames.add(stateFile.toString());
    }
    for (Path p : inputs.states()) {
      if (continued && Files.isSameFile(p, stateFile)) {
        continue;
      }
      states.add(State.read(p));
      stateNames.add(p.toString());
    }
    // Their inputs must be disjoint: a log in two states would be counted twice.
    List<State.Entry> entries = new ArrayList<>();
    List<Boolean> fromGiven = new ArrayList<>();
    Summary base = Summary.empty(options.maxDestinations());
    for (int i = 0; i < states.size(); i++) {
      for (State.Entry e : states.get(i).inputs()) {
        for (State.Entry k : entries) {
          if (k.head().equals(e.head()) && k.headLength() == e.headLength()) {
            throw InputException.unusable(
                stateNames.get(i),
                stateNames.get(i)
                    + " holds "
                    + e.name()
                    + ", which an earlier state holds too: merging them would count its lines"
                    + " twice (merge the states of different logs)",
                null);
          }
        }
        entries.add(e);
        fromGiven.add(!(continued && i == 0));
      }
      base = i == 0 ? states.get(i).summary() : base.merge(states.get(i).summary());
    }
    State known = new State(entries, base);

    // Each log: a new one, or one the states hold, read on from where it was left.
    List<InputSource> toRead = new ArrayList<>();
    List<State.Identity> ids = new ArrayList<>();
    List<Integer> matched = new ArrayList<>();
    java.util.Set<Integer> used = new java.util.HashSet<>();
    List<State.Identity> remote = elsewhere == null ? null : identify(inputs.sources(), elsewhere);
    for (int j = 0; j < inputs.sources().size(); j++) {
      InputSource s = inputs.sources().get(j);
      if (s.size() < 0) {
        if (stateFile != null) {
          warnings.add(
              s.name()
                  + ": read, but a stream cannot be recognised again, so the state does not"
                  + " record it (a later run would count it again)");
        }
        toRead.add(s);
        ids.add(null);
        matched.add(-1);
        continue;
      }
      State.Identity id = remote != null ? remote.get(j) : State.identify(s);
      State.Entry e = known.match(id);
      int k = e == null ? -1 : entries.indexOf(e);
      if (k >= 0 && !used.add(k)) {
        warnings.add(s.name() + ": the same content as another input of this run, counted once");
        continue;
      }
      if (k >= 0 && fromGiven.get(k)) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "%s: already in a state given (as %s, %,d lines): only what was added since is"
                    + " counted",
                s.name(),
                e.name(),
                e.lines()));
      }
      toRead.add(k < 0 ? s.completeLines() : s.resumedAt(e.consumed(), e.lines()));
      ids.add(id);
      matched.add(k);
    }
    long[] consumed = new long[toRead.size()];
    Summary fresh;
    if (toRead.isEmpty()) {
      fresh = Summary.empty(options.maxDestinations());
    } else if (elsewhere != null) {
      List<Source> logs = sources(toRead);
      Read r = elsewhere.read(logs);
      fresh = complete(r.partial().summary, logs);
      for (int i = 0; i < consumed.length; i++) {
        consumed[i] = r.consumed().get(i);
      }
    } else {
      List<ReadResult> result = new ArrayList<>(1);
      fresh = read(toRead, progress, result::add);
      for (int i = 0; i < consumed.length; i++) {
        consumed[i] = result.get(0).consumed(i);
      }
    }

    // What the states counted of a log read on now goes by the log's present name and size; a
    // log no longer given whose name a new one took keeps its lines apart.
    java.util.Map<String, String> renames = new java.util.HashMap<>();
    java.util.Set<String> resized = new java.util.HashSet<>();
    java.util.Set<String> present = new java.util.HashSet<>();
    for (int i = 0; i < toRead.size(); i++) {
      present.add(toRead.get(i).name());
      int k = matched.get(i);
      if (k >= 0) {
        renames.put(entries.get(k).name(), toRead.get(i).name());
        resized.add(entries.get(k).name());
      }
    }
    List<State.Entry> next = new ArrayList<>();
    for (int k = 0; k < entries.size(); k++) {
      State.Entry e = entries.get(k);
      if (!used.contains(k) && present.contains(e.name())) {
        String apart = e.name() + " (earlier)";
        renames.put(e.name(), apart);
        e = e.named(apart);
      }
      next.add(e);
    }
    for (int i = 0; i < toRead.size(); i++) {
      State.Identity id = ids.get(i);
      long read = id == null ? 0 : consumed[i];
      if (read == 0) {
        // A stream, or nothing read: nothing to recognise it by next time.
        continue;
      }
      InputSource s = toRead.get(i);
      int headLength = (int) Math.min(read, id.headLength());
      State.Entry e =
          new State.Entry(
              s.name(),
              s.label(),
              id.device(),
              id.inode(),
              id.hash(headLength),
              headLength,
              read,
              s.firstLine() + fresh.sources().get(i).lines());
      int k = matched.get(i);
      if (k >= 0) {
        next.set(k, e);
      } else {
        next.add(e);
      }
    }
    Summary all = base.renamed(renames, resized).merge(fresh);
    return new Stated(new State(next, all), all, warnings);
  }

  private static List<String> labels(List<InputSource> sources) {
    List<String> out = new ArrayList<>();
    sources.forEach(s -> out.add(s.label()));
    return out;
  }

  private LogReader reader(int threads, LongAdder progress) {
    return new LogReader(options.logFormat(), threads, progress, options.stdin())
        .withWindow(options.since(), options.until());
  }

  /**
   * A log on a file system this process does not open itself (HDFS, object storage), as a cluster's
   * reader ({@link Reader}) plans its read. Immutable.
   *
   * @param name the name reports give it (as the user named it)
   * @param label the proxy it came from, or null
   * @param size its size in bytes
   * @param gzip whether it is gzip-compressed (read whole, by one task)
   * @param skip content bytes already counted (a state's): reading starts after them
   * @param firstLine lines already counted: the first line read is numbered {@code firstLine + 1}
   * @param completeLinesOnly whether a last line without its newline is left for a later read
   */
  public record Source(
      String name,
      String label,
      long size,
      boolean gzip,
      long skip,
      long firstLine,
      boolean completeLinesOnly)
      implements java.io.Serializable {
    /** Checks fields. */
    public Source {
      Objects.requireNonNull(name, "name");
      io.squidlens.base.Checks.requireArgument(
          size >= 0 && skip >= 0 && firstLine >= 0, "%s: negative size or resume point", name);
    }

    /** A log read from its start. */
    public Source(String name, String label, long size, boolean gzip) {
      this(name, label, size, gzip, 0, 0, false);
    }

    /** Where reading starts in its bytes: after what was counted (a gzip is read from 0). */
    long from() {
      return gzip ? 0 : Math.min(skip, size);
    }

    InputSource input() {
      return InputSource.elsewhere(
          name,
          label,
          size,
          gzip ? InputSource.Compression.GZIP : InputSource.Compression.NONE,
          skip,
          firstLine);
    }

    static Source of(InputSource s) {
      return new Source(
          s.name(),
          s.label(),
          s.size(),
          s.compression() == InputSource.Compression.GZIP,
          s.skip(),
          s.firstLine(),
          s.completeLinesOnly());
    }
  }

  /**
   * One task's share of a log: the lines that start in bytes {@code [start, end)} of a plain log,
   * or the whole of a gzip one. Immutable.
   *
   * @param input the log's place among the run's inputs
   * @param source the log
   * @param start where the share starts in the log's bytes
   * @param end where it ends (its last line runs on past it to its newline)
   */
  public record Part(int input, Source source, long start, long end)
      implements java.io.Serializable {
    /** Checks fields. */
    public Part {
      Objects.requireNonNull(source, "source");
      io.squidlens.base.Checks.requireArgument(
          start >= 0 && start <= end, "%s: part [%d, %d)", source.name(), start, end);
    }
  }

  /**
   * Cuts logs into parts of about {@code partBytes}: a plain log at fixed offsets (each part owns
   * the lines that start in it, so cuts need no look at the bytes), a gzip log whole; a log with
   * nothing left to read still gets a part, so it is listed. In input order.
   */
  public static List<Part> parts(List<Source> sources, long partBytes) {
    io.squidlens.base.Checks.requireArgument(partBytes >= 1, "part size %d", partBytes);
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      if (s.gzip()) {
        parts.add(new Part(i, s, 0, s.size()));
        continue;
      }
      long from = s.from();
      parts.add(new Part(i, s, from, Math.min(s.size(), from + partBytes)));
      for (long at = from + partBytes; at < s.size(); at += partBytes) {
        parts.add(new Part(i, s, at, Math.min(s.size(), at + partBytes)));
      }
    }
    return parts;
  }

  /**
   * Where read parts go in their run, worked out once all have been read.
   *
   * @param linesBefore per part, the lines of its log before it: {@link Partial#placed}'s argument
   * @param consumed per log, where reading of it stopped: {@link Read#consumed()}
   */
  public record Placing(List<Long> linesBefore, List<Long> consumed) {
    /** Copies the lists. */
    public Placing {
      linesBefore = List.copyOf(linesBefore);
      consumed = List.copyOf(consumed);
    }
  }

  /**
   * Places read parts: each after the lines of the parts of its log before it.
   *
   * @param parts the parts {@link #parts} cut, in its order
   * @param numberedLines per part, {@link Partial#numberedLines()}
   * @param consumed per part, {@link Partial#consumed()}
   */
  public static Placing placing(
      List<Source> logs, List<Part> parts, List<Long> numberedLines, List<Long> consumed) {
    io.squidlens.base.Checks.requireArgument(
        parts.size() == numberedLines.size() && parts.size() == consumed.size(),
        "%d parts, %d line counts, %d ends",
        parts.size(),
        numberedLines.size(),
        consumed.size());
    long[] lines = new long[logs.size()];
    long[] ends = new long[logs.size()];
    for (int i = 0; i < logs.size(); i++) {
      // Every part numbers its lines from 1; the first follows what a state already counted.
      lines[i] = logs.get(i).firstLine();
      ends[i] = logs.get(i).from();
    }
    List<Long> before = new ArrayList<>(parts.size());
    for (int k = 0; k < parts.size(); k++) {
      int i = parts.get(k).input();
      before.add(lines[i]);
      lines[i] += numberedLines.get(k);
      ends[i] = Math.max(ends[i], consumed.get(k));
    }
    List<Long> ends2 = new ArrayList<>(logs.size());
    for (long e : ends) {
      ends2.add(e);
    }
    return new Placing(before, ends2);
  }

  /**
   * What reading a part needs of the options, as plain values a cluster ships to its tasks
   * (classifying, resolving and recommending stay with the driver). Immutable.
   *
   * @param logFormat the log format as given ({@code auto}, a name or a logformat string)
   * @param logFormatNote what reports say of how a given format was chosen
   * @param maxDestinations the destination cap of one part
   * @param since the window's start (epoch ms)
   * @param until the window's end, exclusive (epoch ms)
   */
  public record PartOptions(
      String logFormat, String logFormatNote, int maxDestinations, long since, long until)
      implements java.io.Serializable {}

  /** What reading a part needs of this analyzer's options. */
  public PartOptions partOptions() {
    return new PartOptions(
        options.logFormat().spec(),
        options.logFormat().note(),
        options.maxDestinations(),
        options.since(),
        options.until());
  }

  /** An analyzer that reads parts as the one {@code options} came from reads them. */
  public static Analyzer forParts(PartOptions options) {
    AnalyzerOptions d = AnalyzerOptions.defaults();
    return new Analyzer(
        new AnalyzerOptions(
            io.squidlens.parse.LogFormat.of(options.logFormat())
                .withGivenNote(options.logFormatNote()),
            1,
            options.maxDestinations(),
            d.profile(),
            d.networks(),
            d.privateDomains(),
            d.ingressDomains(),
            d.hostsFile(),
            d.dns(),
            d.proxy(),
            null,
            d.keepUnsafe(),
            d.names(),
            options.since(),
            options.until(),
            d.namespace(),
            d.allowOnlySeen()));
  }

  /** Opens a log's bytes at a position: what a cluster's file system gives a task. */
  public interface Opener {
    /** The log's bytes from {@code position} on. */
    InputStream open(long position) throws IOException;
  }

  /**
   * What one part, or several merged, held: a summary of its lines, numbered as if the part started
   * its log until {@link #placed} moves it into the run. Immutable; travels between machines as
   * {@link #toBytes}.
   */
  public static final class Partial {
    private static final com.fasterxml.jackson.databind.ObjectMapper CBOR =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.cbor.CBORFactory());

    final Summary summary;
    private final long numberedLines;
    private final long consumed;

    Partial(Summary summary, long numberedLines, long consumed) {
      this.summary = Objects.requireNonNull(summary, "summary");
      this.numberedLines = numberedLines;
      this.consumed = consumed;
    }

    /** How many line numbers the part used, empty lines included: what later parts follow. */
    public long numberedLines() {
      return numberedLines;
    }

    /**
     * Where reading of the part's log stopped, in content bytes (decompressed for gzip), or -1 when
     * the part handed over no byte: where a later read goes on.
     */
    public long consumed() {
      return consumed;
    }

    /**
     * This part's summary moved into its run: its lines numbered after the {@code linesBefore}
     * lines of the earlier parts of its log, and the run's inputs {@code order} listed in order, so
     * that placed partials merge into the same summary whatever order they meet in.
     */
    public Partial placed(long linesBefore, List<String> order) {
      return new Partial(summary.shifted(linesBefore).inOrder(order), numberedLines, consumed);
    }

    /** Both partials as one; associative and commutative once both are {@link #placed}. */
    public Partial merge(Partial o) {
      return new Partial(summary.merge(o.summary), -1, -1);
    }

    /** This partial as bytes (CBOR), for a cluster to move. */
    public byte[] toBytes() {
      try {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator g = CBOR.getFactory().createGenerator(out)) {
          g.writeStartObject();
          g.writeNumberField("numberedLines", numberedLines);
          g.writeNumberField("consumed", consumed);
          g.writeFieldName("summary");
          summary.write(g);
          g.writeEndObject();
        }
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException("a summary always serialises", e);
      }
    }

    /**
     * The partial {@link #toBytes} gave.
     *
     * @throws IllegalArgumentException when the bytes are not a partial
     */
    public static Partial fromBytes(byte[] bytes) {
      com.fasterxml.jackson.databind.JsonNode root;
      try {
        root = CBOR.readTree(bytes);
      } catch (IOException e) {
        throw new IllegalArgumentException("not a partial summary: " + e.getMessage(), e);
      }
      io.squidlens.base.Checks.requireArgument(
          root != null && root.has("summary"), "not a partial summary");
      return new Partial(
          Summary.read(root.get("summary")),
          root.path("numberedLines").asLong(),
          root.path("consumed").asLong());
    }
  }

  /**
   * Reads one part on the calling thread, as a cluster task does, through {@code opener}: the lines
   * it owns, parsed as bytes as a local read parses them, its format detected from its log's first
   * bytes, the time window and destination cap applied.
   *
   * @throws InputException naming the log when it cannot be read
   */
  public Partial readPart(Part part, Opener opener) throws IOException {
    Source s = part.source();
    String name = s.name();
    try {
      if (s.gzip()) {
        try (InputStream raw = opener.open(0)) {
          InputSource in =
              InputSource.elsewhere(
                  name, s.label(), s.size(), InputSource.Compression.GZIP, s.skip(), 0);
          return readPart(s, in, raw, null, false, null);
        }
      }
      long limit = s.completeLinesOnly() ? lastLineEnd(opener, s.from(), s.size()) : s.size();
      long end = Math.min(part.end(), limit);
      long start = Math.min(part.start(), end);
      // The format comes from the log's first bytes, as a local read takes it, whichever part
      // this is; the part that starts the log reads them once for both.
      int sampled = (int) Math.min(FORMAT_SAMPLE, s.size());
      long at = start == 0 ? 0 : start - 1;
      try (InputStream raw = opener.open(at)) {
        byte[] sample;
        InputStream from;
        if (at == 0) {
          sample = raw.readNBytes(sampled);
          if (sample.length >= 2 && (sample[0] & 0xFF) == 0x1F && (sample[1] & 0xFF) == 0x8B) {
            // Gzip after all (a name without .gz): read whole, as a local read would.
            return readPart(
                new Part(
                    part.input(),
                    new Source(
                        name,
                        s.label(),
                        s.size(),
                        true,
                        s.skip(),
                        s.firstLine(),
                        s.completeLinesOnly()),
                    0,
                    s.size()),
                opener);
          }
          from = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(sample), raw);
        } else {
          try (InputStream in = opener.open(0)) {
            sample = in.readNBytes(sampled);
          }
          from = raw;
        }
        LineRange range =
            new LineRange(com.google.common.io.ByteStreams.limit(from, limit - at), start, end);
        InputSource in =
            InputSource.elsewhere(name, s.label(), s.size(), InputSource.Compression.NONE, 0, 0);
        return readPart(s, in, range, sample, sample.length >= s.size(), range);
      }
    } catch (InputException e) {
      throw e;
    } catch (IOException e) {
      throw new InputException(name, name + ": read failed: " + InputException.reason(e), e);
    }
  }

  /** Bytes of a log's start its format is detected from (the local reader's sample). */
  private static final int FORMAT_SAMPLE = 64 * 1024;

  private Partial readPart(
      Source s,
      InputSource in,
      InputStream content,
      byte[] sample,
      boolean sampleComplete,
      LineRange range)
      throws IOException {
    Accumulator acc = new Accumulator(options.maxDestinations(), null, labels(List.of(in)));
    ReadResult r = reader(1, null).readPiece(in, content, sample, sampleComplete, acc);
    Summary summary = acc.toSummary(r::resolve, List.of(s.name())).withSources(r.sources());
    long consumed = range == null ? r.consumed(0) : range.consumedTo();
    return new Partial(summary, r.numberedLines(0), consumed);
  }

  /** Where the last complete line in {@code [from, size)} ends: just after its newline. */
  private static long lastLineEnd(Opener opener, long from, long size) throws IOException {
    byte[] b = new byte[16 * 1024];
    long end = size;
    while (end > from) {
      long start = Math.max(from, end - b.length);
      int n = (int) (end - start);
      try (InputStream in = opener.open(start)) {
        int got = in.readNBytes(b, 0, n);
        if (got < n) {
          throw new IOException("the log is shorter than its size (" + (start + got) + " bytes)");
        }
      }
      int nl = io.squidlens.base.ByteScan.lastIndexOf(b, 0, n, (byte) '\n');
      if (nl >= 0) {
        return start + nl + 1;
      }
      end = start;
    }
    return from;
  }

  /**
   * The first {@code n} content bytes of a log (decompressed for gzip), read through {@code
   * opener}: how a state recognises a log (see {@link Reader#heads}).
   *
   * @throws InputException naming the log when it cannot be read
   */
  public static byte[] head(Source source, Opener opener, int n) throws IOException {
    try (InputStream raw = opener.open(0);
        InputStream in = source.gzip() ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw) {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new InputException(
          source.name(), source.name() + ": cannot read: " + InputException.reason(e), e);
    }
  }

  /** Bytes of a log's start a state recognises it by ({@link Reader#heads}). */
  public static final int STATE_HEAD = State.HEAD;

  /**
   * Reads logs elsewhere: a cluster's tasks ({@code analyzer-spark}). An implementation must hand
   * back what a local read of the same logs would give.
   */
  public interface Reader {
    /**
     * Reads {@code sources}, each from its resume point: {@link #parts} through {@link #readPart},
     * {@link Partial#placed placed} and merged.
     *
     * @throws InputException naming a log that cannot be read
     */
    Read read(List<Source> sources) throws IOException;

    /**
     * The first {@link #STATE_HEAD} content bytes of each log ({@link Analyzer#head}), in order:
     * asked only when a state is continued.
     *
     * @throws InputException naming a log that cannot be read
     */
    List<byte[]> heads(List<Source> sources) throws IOException;
  }

  /**
   * What a {@link Reader} read.
   *
   * @param partial every part, placed and merged
   * @param consumed per log, in order, where reading stopped (content bytes)
   */
  public record Read(Partial partial, List<Long> consumed) {
    /** Copies the list. */
    public Read {
      Objects.requireNonNull(partial, "partial");
      consumed = List.copyOf(consumed);
    }
  }

  /**
   * The inputs that logs read elsewhere stand for, rotated sets ordered oldest first as local ones
   * are.
   *
   * @throws InputException naming a log given twice
   */
  public Inputs inputs(Collection<Source> logs) throws InputException {
    List<InputSource> in = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Source s : logs) {
      if (!names.add(s.name())) {
        throw new InputException(
            s.name(),
            s.name() + ": given twice (it would be counted twice); name each input once",
            null);
      }
      in.add(s.input());
    }
    return new Inputs(InputSource.inRotationOrder(in));
  }

  /**
   * Reads logs through {@code elsewhere} and analyzes them, on top of {@code stateFile} as a local
   * run would (read it if it exists, read on the logs it holds, write it back).
   *
   * @param stateFile the state to continue and write back, or null
   * @throws InputException naming a log or state that cannot be read
   */
  public Analysis analyze(Reader elsewhere, Inputs inputs, Path stateFile) throws IOException {
    Objects.requireNonNull(elsewhere, "elsewhere");
    if (stateFile == null) {
      List<Source> logs = sources(inputs.sources());
      Read r = elsewhere.read(logs);
      return analyze(complete(r.partial().summary, logs));
    }
    Stated st = withState(inputs, null, stateFile, elsewhere);
    st.state().write(stateFile, null);
    return analyze(st.summary()).withWarnings(st.warnings());
  }

  /** Every log listed as a local read lists it: its size on disk. */
  private static Summary complete(Summary s, List<Source> logs) {
    List<SourceStats> stats = new ArrayList<>(s.sources().size());
    for (int i = 0; i < s.sources().size(); i++) {
      SourceStats t = s.sources().get(i);
      stats.add(
          new SourceStats(
              t.name(),
              i < logs.size() ? logs.get(i).size() : t.bytes(),
              i < logs.size() && logs.get(i).gzip()
                  ? InputSource.Compression.GZIP
                  : InputSource.Compression.NONE,
              t.format(),
              t.formatNote(),
              t.lines(),
              t.parsedLines(),
              t.malformedLines(),
              t.outsideWindowLines()));
    }
    return s.withSources(stats);
  }

  private static List<Source> sources(List<InputSource> in) {
    List<Source> out = new ArrayList<>(in.size());
    in.forEach(s -> out.add(Source.of(s)));
    return out;
  }

  private static List<State.Identity> identify(List<InputSource> in, Reader elsewhere)
      throws IOException {
    List<Source> logs = sources(in);
    List<byte[]> heads = elsewhere.heads(logs);
    List<State.Identity> ids = new ArrayList<>(logs.size());
    for (int i = 0; i < logs.size(); i++) {
      ids.add(new State.Identity(-1, -1, heads.get(i), logs.get(i).size(), logs.get(i).gzip()));
    }
    return ids;
  }

  /** Receives what {@link #records} reads, in input order. */
  public interface RecordSink {
    /** A record. */
    void record(LogRecord record) throws IOException;

    /** A line that is not a record. */
    void malformed(ParseProblem problem) throws IOException;
  }

  /**
   * What {@link #records} read.
   *
   * @param summary the inputs' line counts and formats (no destinations)
   */
  public record Parsed(Summary summary) {
    /** Checks the field. */
    public Parsed {
      Objects.requireNonNull(summary, "summary");
    }

    /** Whether any input held a record. */
    public boolean hasRecords() {
      return summary.parsedLines() > 0;
    }

    /** Lines that were not records. */
    public long malformedLines() {
      return summary.malformedLines();
    }

    /** Records parsed but outside {@code --since}/{@code --until}, so not handed over. */
    public long outsideWindowLines() {
      return summary.outsideWindowLines();
    }
  }

  /**
   * Reads every input in order, one thread, handing each record and each malformed line to {@code
   * sink} as it is read (nothing is aggregated or classified).
   *
   * @throws InputException naming an input that could not be read
   * @throws IOException what {@code sink} threw
   */
  public Parsed records(Inputs inputs, RecordSink sink) throws IOException {
    LogReader reader = reader(1, null);
    List<String> names = inputs.sources().stream().map(InputSource::name).toList();
    ReadResult result;
    try {
      result =
          reader.readInOrder(
              inputs.sources(),
              new LineView.Consumer() {
                @Override
                public void accept(LineView line, long ref) {
                  try {
                    sink.record(
                        LogRecord.from(line, names.get(LineRefs.source(ref)), LineRefs.line(ref)));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }

                @Override
                public void malformed(LineView line, long ref) {
                  try {
                    sink.malformed(ParseProblem.of(line, names.get(LineRefs.source(ref)), ref));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Parsed(Summary.empty(1).withSources(result.sources()));
  }

  /** Classifies and recommends from a summary (batch or a follow-mode snapshot). */
  public Analysis analyze(Summary summary) {
    return analyze(summary, classifying(summary.destinations(), null));
  }

  /** Classifies and recommends from a summary with a profile and classifier already chosen. */
  private Analysis analyze(Summary summary, Classifying c) {
    TrafficClassifier classifier = c.classifier();
    // Names no rule or logged peer settles are looked up in one concurrent, time-boxed batch.
    List<String> names = new ArrayList<>();
    List<DestinationStats> lookable =
        options.dns().enabled() ? summary.destinations() : List.<DestinationStats>of();
    for (DestinationStats d : lookable) {
      if (classifier.mayNeedDns(d.destination(), d.stats().peers())
          && (names.isEmpty() || !names.get(names.size() - 1).equals(d.destination().host()))) {
        names.add(d.destination().host());
      }
    }
    if (!names.isEmpty()) {
      options.dns().prefetch(names);
    }
    List<Verdict> verdicts = classifier.verdicts(summary.destinations());

    Map<TrafficClass, Analysis.ClassTotals> classes = new EnumMap<>(TrafficClass.class);
    for (TrafficClass t : TrafficClass.values()) {
      classes.put(t, new Analysis.ClassTotals(0, 0));
    }
    for (Verdict v : verdicts) {
      add(classes, TrafficClass.DENIED, v.stats().deniedRequests(), v.stats().deniedBytes());
      add(
          classes,
          v.destinationClass(),
          v.stats().requests() - v.stats().deniedRequests(),
          v.stats().bytes() - v.stats().deniedBytes());
    }

    NoProxyRecommender recommender =
        new NoProxyRecommender(
            c.profile(),
            c.networks(),
            options.proxy(),
            classifier.rules(),
            options.keepUnsafe(),
            options.namespace(),
            options.allowOnlySeen(),
            options.names());
    Recommendations recs = recommender.recommend(verdicts, summary.overflow());

    List<String> warnings = new ArrayList<>(c.networks().assumed());
    if (summary.overflow().happened()) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "destination table full at %d distinct destinations: %d requests (%d denied) to"
                  + " further destinations are counted but not classified; raise %s",
              summary.overflow().limit(),
              summary.overflow().requests(),
              summary.overflow().deniedRequests(),
              options.names().of(Option.MAX_DESTINATIONS)));
    }
    if (summary.malformedLines() > 0) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "%d malformed line(s) were not analyzed (see malformed)",
              summary.malformedLines()));
    }
    warnings.addAll(recs.warnings());
    List<String> lookups = List.of(options.hostsFile().describe(), options.dns().describe());
    return new Analysis(
        summary,
        c.profile(),
        c.profileReason(),
        c.networks(),
        lookups,
        verdicts,
        classes,
        recs,
        warnings,
        classifier.rules(),
        new Analysis.Window(options.since(), options.until()),
        timeline(verdicts, summary.bucketMillis()));
  }

  /**
   * Requests per class and bucket: each host's carried requests to its class, denied ones apart.
   */
  static Analysis.Timeline timeline(List<Verdict> verdicts, long width) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Verdict v : verdicts) {
      TrafficStats.Buckets b = v.stats().buckets();
      for (int i = 0; i < b.size(); i++) {
        first = Math.min(first, b.index(i));
        last = Math.max(last, b.index(i));
      }
    }
    if (first > last) {
      return new Analysis.Timeline(width, List.of());
    }
    // Plain counters by bucket and class: thousands of hosts times their buckets went through
    // boxed map merges before.
    int n = Math.toIntExact(last - first + 1);
    EnumMap<TrafficClass, long[]> counts = new EnumMap<>(TrafficClass.class);
    for (TrafficClass t : TrafficClass.values()) {
      counts.put(t, new long[n]);
    }
    long[] denied = counts.get(TrafficClass.DENIED);
    for (Verdict v : verdicts) {
      TrafficStats.Buckets b = v.stats().buckets();
      long[] carried = counts.get(v.destinationClass());
      for (int i = 0; i < b.size(); i++) {
        int at = (int) (b.index(i) - first);
        carried[at] += b.carried(i);
        denied[at] += b.denied(i);
      }
    }
    List<Analysis.Timeline.Bucket> out = new ArrayList<>(n);
    for (int at = 0; at < n; at++) {
      EnumMap<TrafficClass, Long> m = new EnumMap<>(TrafficClass.class);
      for (Map.Entry<TrafficClass, long[]> c : counts.entrySet()) {
        m.put(c.getKey(), c.getValue()[at]);
      }
      out.add(new Analysis.Timeline.Bucket((first + at) * width, m));
    }
    return new Analysis.Timeline(width, out);
  }

  /** The profile in force, why, its networks and the classifier they make. */
  record Classifying(
      Profile profile,
      String profileReason,
      ClusterNetworks networks,
      TrafficClassifier classifier) {}

  /**
   * The profile (given, or detected from {@code seen}), its networks and classifier.
   *
   * @param seen what the log shows, or null when there is no log to look at
   */
  Classifying classifying(List<DestinationStats> seen, List<Profile.Observation> early) {
    Profile profile = options.profile();
    String reason;
    if (profile != null) {
      reason = "given with " + options.names().of(Option.PROFILE);
    } else if (seen == null && early == null) {
      profile = Profile.KUBERNETES;
      reason =
          "auto, but no log to look at: assumed kubernetes (pass "
              + options.names().of(Option.PROFILE)
              + ")";
    } else {
      List<Profile.Observation> observations = new ArrayList<>();
      if (seen != null) {
        for (DestinationStats d : seen) {
          observations.add(new Profile.Observation(d.destination(), d.stats().peers()));
        }
      }
      if (early != null) {
        observations.addAll(early);
      }
      Profile.Choice choice = Profile.detect(observations);
      profile = choice.profile();
      reason = "auto: " + choice.reason();
    }
    return classifyingWith(profile, reason);
  }

  /** The networks and classifier of a known profile. */
  Classifying classifyingWith(Profile profile, String reason) {
    ClusterNetworks networks = options.networks().withDefaults(profile);
    ClassifierRules rules =
        ClassifierRules.of(
            profile, networks, options.privateDomains(), options.ingressDomains(), options.names());
    return new Classifying(
        profile,
        reason,
        networks,
        new TrafficClassifier(rules, options.hostsFile(), options.dns()));
  }

  /**
   * How one destination is classified, step by step. Immutable.
   *
   * @param destination the destination as given
   * @param classification its class, reason and evidence
   * @param profile the profile in force
   * @param profileReason why that profile
   * @param networks the cluster networks in force, with notes on any assumed
   * @param logged what the logs show for it, or null when no log was given
   * @param noProxyEntry the NO_PROXY entry that exempts it, or null for an internet destination
   */
  public record Explanation(
      Destination destination,
      Classification classification,
      Profile profile,
      String profileReason,
      ClusterNetworks networks,
      Logged logged,
      String noProxyEntry) {
    /** Checks fields. */
    public Explanation {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(classification, "classification");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(profileReason, "profileReason");
      Objects.requireNonNull(networks, "networks");
    }

    /** Whether the logs given held a record (true when none was given). */
    public boolean hasRecords() {
      return logged == null || logged.summary().hasRecords();
    }
  }

  /**
   * What the logs show for an explained destination.
   *
   * @param summary what the logs hold
   * @param requests requests to the destination (all its ports when none was given)
   * @param deniedRequests of those, the ones Squid denied by policy
   */
  public record Logged(Summary summary, long requests, long deniedRequests) {}

  /**
   * Explains how {@code destination} is classified under these options.
   *
   * @param destination {@code HOST[:PORT]}
   * @param peers addresses Squid connected to for it, as a log would show them
   * @param logs logs to take logged peers and the profile from, or null
   * @throws BadValueException when the destination or a peer cannot be used
   * @throws InputException naming a log that could not be read
   */
  public Explanation explain(String destination, List<String> peers, Inputs logs)
      throws IOException {
    String given = destination.strip();
    Destination d = Destination.fromAuthority(given, -1);
    if (d == null || (d.port() < 0 && hasPort(given))) {
      throw new BadValueException(
          "not a destination: '"
              + destination
              + "' (expected HOST[:PORT] with a port from 0 to 65535)");
    }
    TreeSet<String> seenPeers = new TreeSet<>();
    for (String p : peers) {
      if (Destination.parseLiteral(p.strip()) == null) {
        throw new BadValueException("peer '" + p + "' is not an IP address");
      }
      seenPeers.add(Destination.normalizeHost(p.strip()));
    }
    Logged logged = null;
    Classifying c;
    if (logs != null) {
      Summary s = read(logs, null);
      long requests = 0;
      long denied = 0;
      for (DestinationStats ds : s.destinations()) {
        if (ds.destination().host().equals(d.host())
            && (d.port() < 0 || d.port() == ds.destination().port())) {
          seenPeers.addAll(ds.stats().peers());
          requests += ds.stats().requests();
          denied += ds.stats().deniedRequests();
        }
      }
      logged = new Logged(s, requests, denied);
      c = classifying(s.destinations(), null);
    } else {
      c = classifying(null, null);
    }
    options.dns().prefetch(List.of(d.host()));
    Classification k = c.classifier().explain(d, new ArrayList<>(seenPeers));
    return new Explanation(
        d,
        k,
        c.profile(),
        c.profileReason(),
        c.networks(),
        logged,
        NoProxyRecommender.entryFor(k, d));
  }

  /** Whether an authority as given carries a port ({@code host:443}, {@code [v6]:443}). */
  private static boolean hasPort(String authority) {
    int close = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    return colon > close && (close >= 0 || authority.indexOf(':') == colon);
  }

  /** The clients {@link #check} knows, by name ({@code go}, {@code curl}, ...). */
  public static List<String> clients() {
    return NoProxySemantics.all().stream().map(NoProxySemantics::client).toList();
  }

  /**
   * What a NO_PROXY list does for each client checked.
   *
   * @param result per entry and per logged destination, what each client does
   * @param withLog whether logged destinations were checked
   */
  public record Check(NoProxyCheck.Result result, boolean withLog) {}

  /**
   * Checks what {@code noProxy} means to each of {@code clients} and, given an analysis, whether
   * each destination it shows would go direct or through the proxy.
   *
   * @param clients client names ({@code go}, {@code curl}, ..., or {@code all})
   * @param analysis the logs' analysis, or null to check the entries only
   * @throws BadValueException naming a client that is not known
   */
  public Check check(String noProxy, List<String> clients, Analysis analysis) {
    List<NoProxySemantics> semantics = new ArrayList<>();
    for (String c : clients) {
      if (c.strip().equalsIgnoreCase("all")) {
        semantics.addAll(NoProxySemantics.all());
      } else {
        try {
          semantics.add(NoProxySemantics.of(c));
        } catch (IllegalArgumentException e) {
          throw new BadValueException(e.getMessage(), e);
        }
      }
    }
    semantics = semantics.stream().distinct().toList();
    NoProxyCheck.Result r =
        analysis == null
            ? NoProxyCheck.run(noProxy, semantics, List.of())
            : NoProxyCheck.run(
                noProxy,
                semantics,
                analysis.verdicts(),
                analysis.summary().overflow(),
                analysis.rules(),
                options.names());
    return new Check(r, analysis != null);
  }

  /**
   * What an egress firewall does to the proxy and to each logged destination.
   *
   * @param file the file read
   * @param kind EgressFirewall or EgressNetworkPolicy
   * @param name the object's name, or empty
   * @param namespace the object's namespace, or empty
   * @param rules its rules in order
   * @param notes what could not be evaluated, and why
   * @param proxy for each proxy the options name, what the rules do to it
   * @param destinations for each logged destination and port, what the rules do to it
   * @param withLog whether logged destinations were checked
   */
  public record FirewallCheck(
      String file,
      String kind,
      String name,
      String namespace,
      List<Recommendations.EgressRule> rules,
      List<String> notes,
      List<Row> proxy,
      List<Row> destinations,
      boolean withLog) {
    /** Copies lists. */
    public FirewallCheck {
      rules = List.copyOf(rules);
      notes = List.copyOf(notes);
      proxy = List.copyOf(proxy);
      destinations = List.copyOf(destinations);
    }

    /** Rows marked as problems, the proxy's included. */
    public long problems() {
      return destinations.stream().filter(r -> r.problem() != null).count()
          + proxy.stream().filter(r -> r.problem() != null).count();
    }

    /** What the rules do to a connection. */
    public enum Outcome {
      /** An Allow rule matches first, or none does (a firewall allows what no rule denies). */
      ALLOWED("allowed"),
      /** A Deny rule matches first. */
      BLOCKED("blocked"),
      /** A CIDR rule comes first and the log shows no address for the name. */
      UNKNOWN("unknown"),
      /** Cluster-internal: the firewall applies only to traffic leaving the cluster. */
      NOT_APPLICABLE("not-applicable");

      private final String id;

      Outcome(String id) {
        this.id = id;
      }

      /** The name used in JSON. */
      public String id() {
        return id;
      }
    }

    /**
     * One destination and port.
     *
     * @param host the host or IP literal
     * @param port the port, or -1 when the log gives none
     * @param destinationClass its class, or null for the proxy
     * @param requests its requests
     * @param outcome what the rules do
     * @param rule the deciding rule's number (from 1), or 0 when none decides
     * @param problem what is wrong with that, or null
     */
    public record Row(
        String host,
        int port,
        TrafficClass destinationClass,
        long requests,
        Outcome outcome,
        int rule,
        String problem) {}
  }

  /**
   * Tests the EgressFirewall or EgressNetworkPolicy in {@code file} against the proxy the options
   * name and, given an analysis, every destination it shows.
   *
   * @param option how the user named the file, for messages
   * @param analysis the logs' analysis, or null to read and list the rules only
   * @throws InputException naming the file when it cannot be read
   * @throws BadValueException naming the file and the rule that cannot be used
   */
  public FirewallCheck checkEgressFirewall(Path file, String option, Analysis analysis)
      throws InputException {
    EgressFirewallCheck.Policy p = EgressFirewallCheck.read(file, option);
    return EgressFirewallCheck.run(
        p,
        file.toString(),
        analysis == null ? null : analysis.verdicts(),
        analysis == null ? null : analysis.rules(),
        options.proxy().endpoints());
  }

  /**
   * Reads the inputs once and splits their records at {@code atMillis}: those logged before it
   * against those logged at or after it.
   *
   * @throws InputException naming an input that could not be read
   * @throws io.squidlens.base.BadValueException when a state file is among the inputs
   */
  public Diff diff(Inputs inputs, long atMillis) throws IOException {
    io.squidlens.base.BadValueException.require(
        inputs.states().isEmpty(),
        "--at splits logs by the time of each record, and a state file keeps no records (%s):"
            + " give the logs, or compare two inputs, BEFORE and AFTER",
        inputs.states().isEmpty() ? "" : inputs.states().get(0));
    List<Accumulator[]> parts = Collections.synchronizedList(new ArrayList<>());
    ReadResult result =
        reader(options.threads(), null)
            .read(
                inputs.sources(),
                worker -> {
                  Accumulator[] pair = {
                    new Accumulator(options.maxDestinations(), null, labels(inputs.sources())),
                    new Accumulator(options.maxDestinations(), null, labels(inputs.sources()))
                  };
                  parts.add(pair);
                  return new LineView.Consumer() {
                    @Override
                    public void accept(LineView line, long key) {
                      pair[line.epochMillis() < atMillis ? 0 : 1].accept(line, key);
                    }

                    @Override
                    public void malformed(LineView line, long key) {
                      // Malformed lines have no time: they are the input's, reported once.
                      pair[0].malformed(line, key);
                    }
                  };
                });
    List<String> names = result.sources().stream().map(SourceStats::name).toList();
    Summary[] sides = new Summary[2];
    for (int side = 0; side < 2; side++) {
      if (parts.isEmpty()) {
        sides[side] = Summary.empty(options.maxDestinations());
        continue;
      }
      Accumulator all = parts.get(0)[side];
      for (int i = 1; i < parts.size(); i++) {
        all.absorb(parts.get(i)[side]);
      }
      sides[side] = all.toSummary(result::resolve, names);
    }
    // The input statistics describe the whole read: they go with the "before" side, which also
    // holds the malformed lines; the "after" side gets the same inputs with nothing counted.
    Summary before = sides[0].withSources(result.sources());
    Summary after = sides[1].withSources(emptied(result.sources()));
    return diff(before, after, atMillis);
  }

  /**
   * Compares two sets of inputs: what the first shows against what the second shows.
   *
   * @throws InputException naming an input that could not be read
   */
  public Diff diff(Inputs before, Inputs after) throws IOException {
    return diff(read(before, null), read(after, null), Long.MIN_VALUE);
  }

  private static List<SourceStats> emptied(List<SourceStats> sources) {
    List<SourceStats> out = new ArrayList<>();
    for (SourceStats s : sources) {
      out.add(
          new SourceStats(
              s.name(), s.bytes(), s.compression(), s.format(), s.formatNote(), 0, 0, 0, 0));
    }
    return out;
  }

  /** Both sides classified alike: profile and classifier come from everything the two show. */
  private Diff diff(Summary before, Summary after, long atMillis) {
    Summary both = before.merge(after);
    Classifying c = classifying(both.destinations(), null);
    Analysis whole = analyze(both, c);
    Analysis b = analyze(before, c);
    Analysis a = analyze(after, c);
    return Diff.of(b, a, whole, atMillis, c.classifier());
  }

  /**
   * Starts follow mode for one input: feed it bytes as they arrive, take snapshots and new
   * destinations as often as wanted.
   *
   * @param source the input's name in reports
   */
  public LiveAnalysis live(String source) {
    return new LiveAnalysis(this, source);
  }

  private static void add(
      Map<TrafficClass, Analysis.ClassTotals> m, TrafficClass c, long requests, long bytes) {
    Analysis.ClassTotals t = m.get(c);
    m.put(c, new Analysis.ClassTotals(t.requests() + requests, t.bytes() + bytes));
  }
}
