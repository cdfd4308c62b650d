package io.squidlens.cli;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.LiveAnalysis;
import io.squidlens.LiveAnalysis.NewDestination;
import io.squidlens.report.Redactor;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squidlens follow}: watch a live log during a rollout. */
@Command(
    name = "follow",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Watches a live Squid log: standard input until it ends, or FILE followed like 'tail -F'"
          + " (from its end unless --from-start), through rotation by rename (squid -k rotate,"
          + " logrotate create) and by copy-truncate, without losing or repeating a line.",
      "",
      "On a terminal it redraws a compact view every --interval: counts per class, requests/s,"
          + " destinations first seen that should not use the proxy with the entry that would"
          + " fix each, and the lists so far. Elsewhere it writes JSON Lines (-o jsonl), one"
          + " object per event, flushed at once: new-destination (once per host and port, however"
          + " requested), reclassified (a destination a later snapshot puts in another class, as"
          + " when the profile becomes known), snapshot (every interval, and a final one) and"
          + " notice. Ctrl-C or SIGTERM prints the final summary and exits 0.",
      "",
      "Examples:",
      "  tail -f /var/log/squid/access.log | squidlens follow",
      "  squidlens follow /var/log/squid/access.log",
      "  squidlens follow -o jsonl access.log | jq -c 'select(.misrouted)'",
      "  squidlens follow --duration 10m --from-start access.log > rollout.jsonl",
      "  squidlens follow --metrics 9464 /var/log/squid/access.log",
      "  squidlens follow --redact -o jsonl access.log > for-the-ticket.jsonl",
      ""
    },
    footer = ExitCodes.FOOTER)
final class FollowCommand implements Callable<Integer> {
  /**
   * How often a followed file is checked when it has nothing new. Short, because lines written and
   * copy-truncated away between two checks of a file not yet read are out of reach.
   */
  static final long POLL_MILLIS = 25;

  /** How often new destinations are reported between snapshots. */
  private static final long EVENT_MILLIS = 250;

  private static final int HIGHLIGHTS = 10;
  private static final int NOTICES = 4;

  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Mixin RedactOptions redaction;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (the live view; default on a terminal) or jsonl (default otherwise).")
  String output;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "How often the view is redrawn and a snapshot written (default 2s).")
  Duration interval;

  @Option(
      names = "--from-start",
      description = "Read what FILE already holds first (default: start at its end).")
  boolean fromStart;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after DURATION (e.g. 10m, 1h), print the final summary and exit 0.")
  Duration duration;

  @Option(
      names = "--metrics",
      paramLabel = "HOST:PORT",
      description = {
        "Serve Prometheus metrics on http://HOST:PORT/metrics (text format, or OpenMetrics when"
            + " the scraper asks). PORT alone, or :PORT, binds to loopback (127.0.0.1); give a"
            + " HOST (0.0.0.0, an address) to be scraped from elsewhere; port 0 picks a free one."
            + " Where it listens is printed on standard error."
      })
  String metrics;

  @Option(
      names = "--metrics-top",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "Busiest destinations that get a series of their own in"
              + " squidlens_destination_requests_total (default 20; 0 for none).")
  int metricsTop;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..1",
      description = "The log to follow; '-' or none: standard input.")
  String file;

  private final Context context;

  FollowCommand(Context context) {
    this.context = context;
  }

  /** What the reader thread and the output loop share. */
  private static final class Session {
    final Object monitor = new Object();
    final Queue<String> notices = new ConcurrentLinkedQueue<>();
    final CountDownLatch finished = new CountDownLatch(1);
    volatile boolean stop;
    volatile boolean readerDone;
    volatile IOException readError;

    private boolean woken;

    void wake() {
      synchronized (monitor) {
        woken = true;
        monitor.notifyAll();
      }
    }

    /** Waits until {@code clock} reads {@code until}, or until woken (reader done, stop). */
    void sleepUntil(Clock clock, long until) throws InterruptedException {
      synchronized (monitor) {
        while (!stop && !readerDone && !woken) {
          long left = until - clock.millis();
          if (left <= 0) {
            break;
          }
          monitor.wait(left);
        }
        woken = false;
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    String format =
        output == null
            ? (context.stdoutIsTerminal() ? "text" : "jsonl")
            : OutputFormats.require(output, "text", "jsonl");
    if (interval.toMillis() < 100) {
      throw new UsageException(
          "--interval must be at least 100ms, not " + interval.toMillis() + "ms");
    }
    boolean stdin = file == null || file.equals("-");
    String name = stdin ? "-" : file;
    if (!stdin && Files.isDirectory(Path.of(file))) {
      throw new UsageException(file + " is a directory, not a log file");
    }
    if (!stdin && compressed(Path.of(file))) {
      throw new UsageException(
          file
              + ": a compressed file cannot be followed (nothing is appended to it); read it with"
              + " 'squidlens analyze "
              + file
              + "', or follow the live log it was rotated from");
    }
    // Events wait for lookups of the names they carry: keep that short on a live view.
    Analyzer analyzer =
        new Analyzer(analysis.toBuilder(context).defaultDnsBudget(Duration.ofSeconds(1)).build());
    LiveAnalysis live = analyzer.live(name);
    Reports.Metrics served = metrics == null ? null : serveMetrics(live);
    Session session = new Session();
    Thread reader = new Thread(() -> read(stdin, live, session), "squidlens-follow-reader");
    // A blocked read of standard input cannot be interrupted; it must not keep the JVM alive.
    reader.setDaemon(true);
    if (context.ownsProcess()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> onSignal(session), "squidlens-stop"));
    }
    reader.start();
    try {
      return run(format, name, live, session, reader, served);
    } finally {
      if (served != null) {
        served.close();
      }
      session.finished.countDown();
    }
  }

  /** Starts the metrics server {@code --metrics} asks for and says where it listens. */
  private Reports.Metrics serveMetrics(LiveAnalysis live) {
    if (metricsTop < 0) {
      throw new UsageException("--metrics-top must be 0 or more, not " + metricsTop);
    }
    String given = metrics.strip();
    int colon = given.lastIndexOf(':');
    String host = colon < 0 ? "" : given.substring(0, colon);
    String portText = colon < 0 ? given : given.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new UsageException(
          "--metrics " + metrics + ": write an IPv6 address in brackets, [::1]:9464");
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new UsageException(
          "--metrics " + metrics + ": expected HOST:PORT or PORT, with a port 0-65535");
    }
    Reports.Metrics m = Reports.metrics(metricsTop, live::rotations);
    int bound;
    try {
      bound = m.serve(host, port);
    } catch (IOException e) {
      m.close();
      throw new UsageException("--metrics " + metrics + ": cannot listen there (" + e + ")");
    }
    String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    spec.commandLine()
        .getErr()
        .println("squidlens: metrics on http://" + shown + ":" + bound + "/metrics");
    spec.commandLine().getErr().flush();
    return m;
  }

  /** On SIGINT or SIGTERM: let the output loop write the final summary, then exit 0. */
  private static void onSignal(Session session) {
    if (session.finished.getCount() == 0) {
      return; // the command ended on its own; its exit code stands
    }
    session.stop = true;
    session.wake();
    try {
      session.finished.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(ExitCodes.OK);
  }

  private void read(boolean stdin, LiveAnalysis live, Session session) {
    try {
      if (stdin) {
        InputStream in = context.stdin() == null ? System.in : context.stdin();
        byte[] buf = new byte[64 * 1024];
        while (!session.stop) {
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          live.feed(buf, 0, n);
        }
        live.endOfInput();
      } else {
        try (LiveAnalysis.Tail tail =
            live.tail(Path.of(file), fromStart, session.notices::add, context.clock())) {
          while (!session.stop) {
            if (tail.poll() == 0) {
              Thread.sleep(POLL_MILLIS);
            }
          }
        }
      }
    } catch (IOException e) {
      session.readError = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      session.readerDone = true;
      session.wake();
    }
  }

  private int run(
      String format,
      String name,
      LiveAnalysis live,
      Session session,
      Thread reader,
      Reports.Metrics served)
      throws IOException, InterruptedException {
    boolean jsonl = format.equals("jsonl");
    // Set by the SIGWINCH handler's thread, read by this one.
    AtomicBoolean resized = new AtomicBoolean();
    try (Terminals.Screen screen =
        !jsonl && context.stdoutIsTerminal()
            ? Terminals.Screen.open(
                () -> {
                  resized.set(true);
                  session.wake();
                })
            : null) {
      return loop(format, name, live, session, reader, served, screen, resized);
    }
  }

  private int loop(
      String format,
      String name,
      LiveAnalysis live,
      Session session,
      Thread reader,
      Reports.Metrics served,
      Terminals.Screen screen,
      AtomicBoolean resized)
      throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean jsonl = format.equals("jsonl");
    Redactor redactor = redaction.redactor();
    Reports.LiveEvents events = Reports.liveEvents(out);
    Clock clock = context.clock();
    boolean color = context.color();
    Deque<NewDestination> highlights = new ArrayDeque<>();
    Deque<String> notices = new ArrayDeque<>();
    long start = clock.millis();
    long deadline = duration == null ? Long.MAX_VALUE : start + duration.toMillis();
    long step = interval.toMillis();
    long nextSnapshot = start + step;
    long lastLines = 0;
    long lastTime = start;
    boolean overflowSaid = false;
    while (true) {
      long now = clock.millis();
      boolean ending = session.stop || session.readerDone || now >= deadline;
      if (ending) {
        break;
      }
      for (String n = session.notices.poll(); n != null; n = session.notices.poll()) {
        if (jsonl) {
          events.notice(n);
        } else {
          remember(notices, n, NOTICES);
        }
      }
      for (NewDestination taken : live.takeNewDestinations()) {
        NewDestination d = redactor == null ? taken : redactor.apply(taken);
        if (jsonl) {
          events.newDestination(d);
        } else if (d.misrouted()) {
          highlights.addFirst(d);
          while (highlights.size() > HIGHLIGHTS) {
            highlights.removeLast();
          }
        }
      }
      if (resized.getAndSet(false)) {
        // A resized window is redrawn at once, to its new size.
        nextSnapshot = now;
      }
      if (now >= nextSnapshot) {
        Analysis a = redacted(live.snapshot(), redactor);
        if (served != null) {
          served.update(a);
        }
        long lines = a.lines();
        double rate = (lines - lastLines) / Math.max(1e-3, (now - lastTime) / 1e3);
        lastLines = lines;
        lastTime = now;
        if (!overflowSaid && a.overflowed()) {
          overflowSaid = true;
          String msg =
              "destination table full at "
                  + a.destinationLimit()
                  + " destinations: further ones are counted, not classified (--max-destinations)";
          if (jsonl) {
            events.notice(msg);
          } else {
            remember(notices, msg, NOTICES);
          }
        }
        for (LiveAnalysis.Reclassified r : live.takeReclassified()) {
          if (jsonl) {
            events.reclassified(r);
          } else {
            // The view shows what the snapshot says: the old announcement goes, a private one
            // comes back with its new class and entry.
            highlights.removeIf(h -> h.sameDestination(r.now()));
            if (r.now().misrouted()) {
              highlights.addFirst(redactor == null ? r.now() : redactor.apply(r.now()));
              while (highlights.size() > HIGHLIGHTS) {
                highlights.removeLast();
              }
            }
          }
        }
        if (jsonl) {
          events.snapshot(a, false);
        } else {
          out.print(
              Reports.liveView(
                  a,
                  name,
                  rate,
                  List.copyOf(highlights),
                  List.copyOf(notices),
                  context.stdoutIsTerminal(),
                  color,
                  screen == null ? 0 : screen.rows(),
                  screen == null ? 0 : screen.cols()));
          out.flush();
        }
        nextSnapshot = Math.max(nextSnapshot + step, now + step / 2);
      }
      if (out.checkError()) {
        // The reader of our output went away (a closed pipe): stop quietly.
        session.stop = true;
        return ExitCodes.OK;
      }
      long wait = Math.min(EVENT_MILLIS, nextSnapshot - now);
      wait = Math.min(wait, Math.max(1, deadline - now));
      session.sleepUntil(clock, now + Math.max(1, wait));
    }
    session.stop = true;
    // A followed file is drained and closed by its reader; standard input may block forever.
    reader.join(stdinOr(name, 200, 5000));
    for (String n = session.notices.poll(); n != null; n = session.notices.poll()) {
      if (jsonl) {
        events.notice(n);
      }
    }
    List<NewDestination> last = new ArrayList<>(live.takeNewDestinations());
    if (jsonl) {
      for (NewDestination d : last) {
        events.newDestination(redactor == null ? d : redactor.apply(d));
      }
    }
    Analysis a = redacted(live.snapshot(), redactor);
    if (served != null) {
      served.update(a);
    }
    if (jsonl) {
      for (LiveAnalysis.Reclassified r : live.takeReclassified()) {
        events.reclassified(r);
      }
      events.snapshot(a, true);
    } else {
      if (context.stdoutIsTerminal()) {
        out.print("\u001b[H\u001b[2J");
      }
      Reports.followSummary(a, out, color, context.unicode());
    }
    out.flush();
    if (session.readError != null) {
      err.println("squidlens: reading " + name + ": " + session.readError.getMessage());
      return ExitCodes.IO;
    }
    return ExitCodes.OK;
  }

  private static Analysis redacted(Analysis a, Redactor redactor) {
    return redactor == null ? a : redactor.apply(a);
  }

  /** Whether {@code file} starts with gzip's magic bytes (a missing file is not compressed). */
  private static boolean compressed(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
    } catch (IOException e) {
      return false;
    }
  }

  private static long stdinOr(String name, long stdinMillis, long fileMillis) {
    return name.equals("-") ? stdinMillis : fileMillis;
  }

  private static void remember(Deque<String> recent, String message, int max) {
    recent.addLast(message);
    while (recent.size() > max) {
      recent.removeFirst();
    }
  }
}
