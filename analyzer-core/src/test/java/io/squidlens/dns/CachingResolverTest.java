package io.squidlens.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.squidlens.dns.HostResolver.Resolution;
import io.squidlens.net.Destination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class CachingResolverTest {
  private final AtomicLong now = new AtomicLong();
  private final Ticker ticker = now::get;

  /** Answers from a map, counting lookups per name. */
  private static final class Counting implements AsyncResolver {
    final Map<String, Integer> calls = new ConcurrentHashMap<>();
    final Map<String, Resolution> answers;

    Counting(Map<String, Resolution> answers) {
      this.answers = answers;
    }

    @Override
    public CompletableFuture<Resolution> resolveAsync(String host) {
      calls.merge(host, 1, Integer::sum);
      return CompletableFuture.completedFuture(
          answers.getOrDefault(host, Resolution.notFound("NXDOMAIN")));
    }

    @Override
    public String describe() {
      return "counting";
    }
  }

  private CachingResolver cache(AsyncResolver r) {
    return new CachingResolver(r, Duration.ofSeconds(5), ticker, Runnable::run);
  }

  private void advance(long seconds) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void resolve_sameNameTwice_looksItUpOnce() {
    Counting d =
        new Counting(
            Map.of(
                "a.example.com",
                Resolution.resolved(List.of(Destination.parseLiteral("10.0.0.1")), "t", 3600)));
    CachingResolver c = cache(d);
    c.resolve("a.example.com");
    c.resolve("a.example.com");
    c.prefetch(List.of("a.example.com", "a.example.com"));
    assertEquals(1, d.calls.get("a.example.com"));
  }

  @Test
  void resolve_positiveAnswer_livesForItsTtlClampedToAtLeast30s() {
    Counting d =
        new Counting(
            Map.of(
                "short.example.com",
                    Resolution.resolved(List.of(Destination.parseLiteral("10.0.0.1")), "t", 5),
                "hour.example.com",
                    Resolution.resolved(List.of(Destination.parseLiteral("10.0.0.2")), "t", 3600)));
    CachingResolver c = cache(d);
    c.resolve("short.example.com");
    c.resolve("hour.example.com");
    advance(29);
    c.resolve("short.example.com");
    assertEquals(1, d.calls.get("short.example.com"));
    advance(2);
    c.prefetch(List.of("short.example.com", "hour.example.com"));
    assertEquals(2, d.calls.get("short.example.com"));
    assertEquals(1, d.calls.get("hour.example.com"));
  }

  @Test
  void resolve_negativeAndFailedAnswers_areCachedBriefly() {
    AsyncResolver failing = new Counting(Map.of("down.example.com", Resolution.failed("timeout")));
    Counting d = (Counting) failing;
    CachingResolver c = cache(d);
    c.resolve("missing.example.com");
    c.resolve("down.example.com");
    advance(6);
    c.prefetch(List.of("missing.example.com", "down.example.com"));
    assertEquals(1, d.calls.get("missing.example.com"));
    assertEquals(2, d.calls.get("down.example.com"));
    advance(60);
    c.prefetch(List.of("missing.example.com"));
    assertEquals(2, d.calls.get("missing.example.com"));
  }

  @Test
  void prefetch_unansweringServer_returnsWithinTheBudgetAndLaterNamesFailFast() {
    AsyncResolver blackHole =
        new AsyncResolver() {
          @Override
          public CompletableFuture<Resolution> resolveAsync(String host) {
            return new CompletableFuture<>();
          }

          @Override
          public String describe() {
            return "black hole";
          }
        };
    CachingResolver c =
        new CachingResolver(blackHole, Duration.ofMillis(300), Ticker.systemTicker());
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      names.add("h" + i + ".example.com");
    }
    long start = System.nanoTime();
    c.prefetch(names);
    Resolution r = c.resolve("h499.example.com");
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMs < 2000, "took " + tookMs + " ms for a 300 ms budget");
    assertEquals(Resolution.Status.FAILED, r.status());
    assertTrue(r.detail().contains("budget"), r.detail());
  }
}
