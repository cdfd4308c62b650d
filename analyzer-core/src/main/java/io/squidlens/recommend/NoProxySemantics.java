package io.squidlens.recommend;

import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one HTTP client reads a NO_PROXY value. Implementations are immutable and thread-safe. Used
 * by the check and the recommender; its routes are read by the reports.
 */
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
    /** How the client reaches {@code destination} under the value. */
    Route route(Destination destination);
  }

  /** How a client reaches a destination: through the proxy, or direct and why. */
  sealed interface Route permits Route.Proxied, Route.ByEntry, Route.Implicit {
    /** Through the proxy. */
    static Route proxied() {
      return Proxied.INSTANCE;
    }

    /** Direct because of {@code entry}, as written in the list ({@code *} for a lone star). */
    static Route byEntry(String entry) {
      return new ByEntry(entry);
    }

    /** Direct by an entry, or through the proxy when {@code entry} is null. */
    static Route of(String entry) {
      return entry == null ? Proxied.INSTANCE : new ByEntry(entry);
    }

    /** Whether the client connects directly. */
    default boolean direct() {
      return !(this instanceof Proxied);
    }

    /** The entry that sends it direct, or null (through the proxy, or by a rule of its own). */
    default String entry() {
      return this instanceof ByEntry b ? b.written() : null;
    }

    /** Through the proxy. */
    record Proxied() implements Route {
      private static final Proxied INSTANCE = new Proxied();
    }

    /**
     * Direct because of an entry of the list.
     *
     * @param written the entry as written
     */
    record ByEntry(String written) implements Route {}

    /**
     * Direct by a rule of the client's own, whatever the list says.
     *
     * @param rule what the rule covers ({@code loopback}, {@code localhost})
     */
    record Implicit(String rule) implements Route {}
  }
}
