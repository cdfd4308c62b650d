package io.squidlens.aggregate;

import io.squidlens.net.Checks;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the log shows for one destination reached through one direct peer address. Immutable.
 *
 * @param destination the normalised host and port
 * @param peer the address Squid logged for a direct connection ({@code HIER_DIRECT/<peer>}), or
 *     null when it connected to nothing or went through a parent proxy
 * @param requests requests, authentication challenges excluded
 * @param deniedRequests requests Squid refused by policy
 * @param authChallenges 407 (or denied 401) answers, counted apart from requests
 * @param bytes reply bytes of all lines for this destination
 * @param deniedBytes reply bytes of the denied requests
 * @param firstSeen earliest time logged, epoch ms
 * @param lastSeen latest time logged, epoch ms
 * @param examples up to {@value #MAX_EXAMPLES} line references ({@link
 *     io.squidlens.parse.LineRefs}), the earliest in input order
 * @param clients up to {@value #MAX_CLIENTS} client addresses, sorted
 * @param moreClients whether more clients than listed were seen
 */
public record DestinationStats(
    Destination destination,
    String peer,
    long requests,
    long deniedRequests,
    long authChallenges,
    long bytes,
    long deniedBytes,
    long firstSeen,
    long lastSeen,
    List<Long> examples,
    List<String> clients,
    boolean moreClients) {

  /** Most example lines kept per destination. */
  public static final int MAX_EXAMPLES = DestinationTable.EXAMPLES;

  /** Most clients listed per destination. */
  public static final int MAX_CLIENTS = DestinationTable.CLIENT_SLOTS;

  /** Orders by host, then port, then peer (absent first). */
  public static final Comparator<DestinationStats> ORDER =
      Comparator.comparing((DestinationStats d) -> d.destination().host())
          .thenComparingInt(d -> d.destination().port())
          .thenComparing(DestinationStats::peer, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** Checks fields and copies lists. */
  public DestinationStats {
    Objects.requireNonNull(destination, "destination");
    Checks.requireArgument(
        deniedRequests <= requests, "%s: more denied than requests", destination);
    examples = List.copyOf(examples);
    clients = List.copyOf(clients);
  }

  /** Whether {@code other} has the same destination and peer. */
  public boolean sameKey(DestinationStats other) {
    return destination.equals(other.destination) && Objects.equals(peer, other.peer);
  }

  /** Combines two records of the same destination and peer; associative and commutative. */
  public DestinationStats merge(DestinationStats o) {
    Checks.requireArgument(sameKey(o), "cannot merge %s with %s", this, o);
    TreeSet<Long> ex = new TreeSet<>(examples);
    ex.addAll(o.examples);
    List<Long> keptExamples = new ArrayList<>(ex).subList(0, Math.min(MAX_EXAMPLES, ex.size()));
    TreeSet<String> cl = new TreeSet<>(clients);
    cl.addAll(o.clients);
    boolean more = moreClients || o.moreClients || cl.size() > MAX_CLIENTS;
    List<String> keptClients = new ArrayList<>(cl).subList(0, Math.min(MAX_CLIENTS, cl.size()));
    return new DestinationStats(
        destination,
        peer,
        requests + o.requests,
        deniedRequests + o.deniedRequests,
        authChallenges + o.authChallenges,
        bytes + o.bytes,
        deniedBytes + o.deniedBytes,
        Math.min(firstSeen, o.firstSeen),
        Math.max(lastSeen, o.lastSeen),
        keptExamples,
        keptClients,
        more);
  }
}
