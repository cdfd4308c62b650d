package io.squidlens.dns;

import io.squidlens.dns.HostResolver.Resolution;
import java.util.concurrent.CompletableFuture;

/** A resolver that can answer without blocking a thread, so many lookups run concurrently. */
interface AsyncResolver extends HostResolver {

  /** Starts resolving {@code host}; the future never completes exceptionally. */
  CompletableFuture<Resolution> resolveAsync(String host);

  @Override
  default Resolution resolve(String host) {
    return resolveAsync(host).join();
  }
}
