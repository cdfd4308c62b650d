package io.squidlens.recommend;

import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How one HTTP client reads a NO_PROXY value. Implementations are immutable and thread-safe. */
public interface NoProxySemantics {

  /** Go's semantics: what CRI-O, kubelet, {@code oc} and most operators use. */
  static NoProxySemantics go() {
    return GoSemantics.INSTANCE;
  }

  /** Every client squidlens knows, Go first (CRI-O, kubelet, oc and most operators use it). */
  static List<NoProxySemantics> all() {
    List<NoProxySemantics> all = new ArrayList<>();
    all.add(GoSemantics.INSTANCE);
    all.addAll(List.of(ClientSemantics.values()));
    return List.copyOf(all);
  }

  /**
   * The client named {@code name}: go, curl, python, requests, java, node or wget.
   *
   * @throws IllegalArgumentException naming the value and the valid names
   */
  static NoProxySemantics of(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (NoProxySemantics s : all()) {
      if (s.client().equals(n)) {
        return s;
      }
    }
    List<String> names = new ArrayList<>();
    for (NoProxySemantics s : all()) {
      names.add(s.client());
    }
    throw new IllegalArgumentException(
        "unknown client '" + name + "': expected " + String.join(", ", names) + " or all");
  }

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
