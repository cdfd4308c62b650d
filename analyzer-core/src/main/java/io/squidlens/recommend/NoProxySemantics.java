package io.squidlens.recommend;

import io.squidlens.net.Destination;

/** How one HTTP client reads a NO_PROXY value. Implementations are immutable and thread-safe. */
public interface NoProxySemantics {

  /** The client's name ({@code go}, {@code curl}, ...). */
  String client();

  /** Compiles a NO_PROXY value the way this client parses it. */
  Matcher compile(String noProxy);

  /** A compiled NO_PROXY value. */
  interface Matcher {
    /**
     * The entry (as written) that makes the client connect directly to {@code destination}, an
     * implicit rule in angle brackets ({@code <loopback>}), or null when it uses the proxy.
     */
    String bypassedBy(Destination destination);
  }
}
