package io.squidlens.dns;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.squidlens.base.Checks;
import io.squidlens.dns.HostResolver.Resolution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Caches another resolver's answers and bounds the total time spent on lookups: each distinct name
 * is looked up at most once while its answer is fresh, many at a time, and never after the time
 * budget is spent. Thread-safe.
 */
final class CachingResolver implements HostResolver {
  /*
   * Implementation notes.
   *
   * A Caffeine AsyncCache holds one future per name, so concurrent requests for a name share one
   * lookup. Entries expire by variable expiry: a positive answer lives for its records' smallest
   * TTL clamped to [30 s, 1 day] (long enough to be useful in follow mode, short enough not to
   * outlive a migration); "no such name" for 60 s; a failure (timeout, refused) for 5 s, so a
   * flapping server is retried soon but not hammered. The cache is bounded in entries.
   *
   * The budget is wall time from the start of a prefetch (or the first lookup), measured with
   * the injected ticker: prefetch starts every lookup (at most MAX_IN_FLIGHT outstanding) and
   * waits only until the deadline; after it, names not yet answered fail fast with "budget
   * spent". So with no reachable server a batch run is slowed by the budget at most, however many
   * names it holds; follow mode opens a window per batch of new names.
   */

  /** Default total time for lookups in one run. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

  private static final int MAX_IN_FLIGHT = 64;
  private static final long MIN_TTL = 30;
  private static final long MAX_TTL = 86_400;
  private static final long NEGATIVE_TTL = 60;
  private static final long FAILURE_TTL = 5;

  private final AsyncResolver delegate;
  private final Ticker ticker;
  private final long budgetNanos;
  private final AsyncCache<String, Resolution> cache;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private volatile long deadline = Long.MIN_VALUE;

  /**
   * Creates a cache in front of {@code delegate}.
   *
   * @param budget total time the run may spend waiting for lookups
   * @param ticker time source; tests pass a fake one
   */
  public CachingResolver(AsyncResolver delegate, Duration budget, Ticker ticker) {
    this(delegate, budget, ticker, ForkJoinPool.commonPool());
  }

  /** As above, with the executor Caffeine runs its maintenance on (tests pass a direct one). */
  CachingResolver(AsyncResolver delegate, Duration budget, Ticker ticker, Executor executor) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    Checks.requireArgument(!budget.isNegative(), "negative DNS budget %s", budget);
    this.budgetNanos = budget.toNanos();
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(500_000)
            .ticker(ticker)
            .executor(executor)
            .expireAfter(new TtlExpiry())
            .buildAsync();
  }

  /** A cache with the default budget and the system ticker. */
  public static CachingResolver of(AsyncResolver delegate) {
    return new CachingResolver(delegate, DEFAULT_BUDGET, Ticker.systemTicker());
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  private long remainingNanos() {
    long d = deadline;
    if (d == Long.MIN_VALUE) {
      synchronized (this) {
        if (deadline == Long.MIN_VALUE) {
          deadline = ticker.read() + budgetNanos;
        }
        d = deadline;
      }
    }
    return d - ticker.read();
  }

  private CompletableFuture<Resolution> lookup(String host) {
    return cache.get(
        host,
        (k, executor) -> {
          if (remainingNanos() <= 0 || !acquire()) {
            return CompletableFuture.completedFuture(spent());
          }
          return delegate.resolveAsync(k).whenComplete((r, e) -> inFlight.release());
        });
  }

  private boolean acquire() {
    try {
      long wait = remainingNanos();
      return wait > 0 && inFlight.tryAcquire(wait, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Resolution spent() {
    return Resolution.failed(
        "DNS time budget of " + Duration.ofNanos(budgetNanos).toMillis() + " ms spent");
  }

  @Override
  public Resolution resolve(String host) {
    CompletableFuture<Resolution> f = lookup(host);
    if (f.isDone()) {
      return f.join();
    }
    try {
      long wait = remainingNanos();
      return wait <= 0 ? spent() : f.get(wait, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return spent();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return spent();
    } catch (ExecutionException e) {
      return Resolution.failed(String.valueOf(e.getCause()));
    }
  }

  /** Starts a fresh budget window, then resolves {@code hosts} within it. */
  @Override
  public void prefetch(Collection<String> hosts) {
    synchronized (this) {
      deadline = ticker.read() + budgetNanos;
    }
    List<CompletableFuture<Resolution>> pending = new ArrayList<>(hosts.size());
    for (String h : hosts) {
      pending.add(lookup(h));
    }
    try {
      long wait = remainingNanos();
      if (wait > 0) {
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
            .get(wait, TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException | ExecutionException e) {
      // Unanswered names fail individually in resolve(); the budget is the point.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Expires answers by their kind and TTL (see the implementation notes). */
  private static final class TtlExpiry implements Expiry<String, Resolution> {
    @Override
    public long expireAfterCreate(String key, Resolution value, long currentTime) {
      long seconds =
          switch (value.status()) {
            case RESOLVED ->
                value.ttlSeconds() < 0
                    ? 300
                    : Math.max(MIN_TTL, Math.min(MAX_TTL, value.ttlSeconds()));
            case NOT_FOUND -> NEGATIVE_TTL;
            case FAILED, SKIPPED -> FAILURE_TTL;
          };
      return TimeUnit.SECONDS.toNanos(seconds);
    }

    @Override
    public long expireAfterUpdate(
        String key, Resolution value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, Resolution value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
