package io.squidlens.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error (bytes read of the total, rate, time left) for batch runs over
 * large inputs, fed from the readers' byte counter. Off unless standard error is a terminal; off
 * with {@code --no-progress}. Not thread-safe; close it when reading ends.
 */
final class Progress implements AutoCloseable {
  /** Inputs smaller than this finish before a bar would tell anyone anything. */
  static final long MIN_BYTES = 64L << 20;

  private final ProgressBar bar;
  private final ScheduledExecutorService ticker;
  private final LongAdder counter;

  private Progress(ProgressBar bar, ScheduledExecutorService ticker, LongAdder counter) {
    this.bar = bar;
    this.ticker = ticker;
    this.counter = counter;
  }

  /**
   * Starts a bar for inputs of {@code total} bytes (-1: unknown, a stream) if one is wanted, else a
   * no-op.
   *
   * @param counter the byte counter the readers add to
   */
  static Progress start(Context context, boolean disabled, long total, LongAdder counter) {
    PrintStream err = context.terminalErr();
    if (disabled || !context.stderrIsTerminal() || err == null) {
      return new Progress(null, null, counter);
    }
    if (total >= 0 && total < MIN_BYTES) {
      return new Progress(null, null, counter);
    }
    int width = columns(context);
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("reading")
            .setInitialMax(total)
            .setUnit(" MiB", 1 << 20)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(err, width))
            .setUpdateIntervalMillis(250)
            .clearDisplayOnFinish()
            .build();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "squidlens-progress");
              t.setDaemon(true);
              return t;
            });
    // The readers only add to the counter; this thread turns it into the bar's position.
    ScheduledFuture<?> unused =
        ticker.scheduleAtFixedRate(() -> bar.stepTo(counter.sum()), 0, 200, TimeUnit.MILLISECONDS);
    return new Progress(bar, ticker, counter);
  }

  private static int columns(Context context) {
    try {
      int c = Integer.parseInt(context.env().getOrDefault("COLUMNS", "100").strip());
      return Math.max(40, Math.min(c, 200));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /** Whether a bar is shown. */
  boolean shown() {
    return bar != null;
  }

  @Override
  public void close() {
    if (bar == null) {
      return;
    }
    ticker.shutdownNow();
    bar.stepTo(counter.sum());
    bar.close();
  }
}
