package io.squidlens.classify;

import inet.ipaddr.IPAddress;
import io.squidlens.net.Destination;
import java.util.List;
import java.util.Objects;

/**
 * One destination host as the report shows it: every port and peer it was reached on folded
 * together, with its class and the evidence behind it. Immutable.
 *
 * @param host the normalised host or IP literal
 * @param address the parsed address when {@code host} is an IP literal, else null
 * @param ports ports seen, ascending ({@code -1} for a CONNECT without port is left out)
 * @param trafficClass {@code denied} if Squid denied any request to it by policy, else {@code
 *     destinationClass}
 * @param destinationClass where it really goes
 * @param classification the decisive classification (the most private one when ports or peers
 *     disagree)
 * @param peers direct peer addresses Squid logged, ascending
 * @param requests requests (authentication challenges excluded)
 * @param deniedRequests requests denied by policy
 * @param authChallenges 407 answers
 * @param bytes reply bytes
 * @param deniedBytes reply bytes of the denied requests
 * @param firstSeen earliest time, epoch ms
 * @param lastSeen latest time, epoch ms
 * @param clients client addresses (up to a cap), ascending
 * @param moreClients whether more clients were seen than listed
 * @param examples line references of the earliest lines, in input order
 */
public record Verdict(
    String host,
    IPAddress address,
    List<Integer> ports,
    TrafficClass trafficClass,
    TrafficClass destinationClass,
    Classification classification,
    List<String> peers,
    long requests,
    long deniedRequests,
    long authChallenges,
    long bytes,
    long deniedBytes,
    long firstSeen,
    long lastSeen,
    List<String> clients,
    boolean moreClients,
    List<Long> examples) {

  /** Checks fields and copies lists. */
  public Verdict {
    Objects.requireNonNull(host, "host");
    ports = List.copyOf(ports);
    Objects.requireNonNull(trafficClass, "trafficClass");
    Objects.requireNonNull(destinationClass, "destinationClass");
    Objects.requireNonNull(classification, "classification");
    peers = List.copyOf(peers);
    clients = List.copyOf(clients);
    examples = List.copyOf(examples);
  }

  /** This verdict with {@code newClients} (already sorted) as its client list. */
  public Verdict withClients(List<String> newClients) {
    return new Verdict(
        host,
        address,
        ports,
        trafficClass,
        destinationClass,
        classification,
        peers,
        requests,
        deniedRequests,
        authChallenges,
        bytes,
        deniedBytes,
        firstSeen,
        lastSeen,
        newClients,
        moreClients,
        examples);
  }

  /** The reason shown beside the class. */
  public String reason() {
    return classification.reason();
  }

  /** Whether the host is an IP literal. */
  public boolean isIpLiteral() {
    return address != null;
  }

  /** The destination on its first port (or without a port), for NO_PROXY matching. */
  public Destination destination() {
    return new Destination(host, ports.isEmpty() ? -1 : ports.get(0), address);
  }
}
