package io.squidlens.classify;

import inet.ipaddr.IPAddress;
import io.squidlens.aggregate.TrafficStats;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One destination host as the report shows it: every port and peer it was reached on folded
 * together, with its class and the evidence behind it. Immutable. Made by {@link
 * TrafficClassifier#verdicts}; read by the recommender, the check and the reports.
 *
 * @param host the normalised host or IP literal
 * @param address the parsed address when {@code host} is an IP literal, else null
 * @param ports ports seen, ascending ({@code -1} for a CONNECT without port is left out)
 * @param classification the decisive classification (the most private one when ports or peers
 *     disagree)
 * @param stats the traffic of every port together
 */
public record Verdict(
    String host,
    IPAddress address,
    List<Integer> ports,
    Classification classification,
    TrafficStats stats) {

  /** Checks fields and copies lists. */
  public Verdict {
    Objects.requireNonNull(host, "host");
    ports = List.copyOf(ports);
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(stats, "stats");
  }

  /** This verdict with {@code newClients} (already sorted) as its client list. */
  public Verdict withClients(List<String> newClients) {
    return new Verdict(host, address, ports, classification, stats.withClients(newClients));
  }

  /** Where it really goes. */
  public TrafficClass destinationClass() {
    return classification.destinationClass();
  }

  /** {@code denied} if Squid denied any request to it by policy, else {@link #destinationClass}. */
  public TrafficClass trafficClass() {
    return stats.deniedRequests() > 0 ? TrafficClass.DENIED : destinationClass();
  }

  /** The reason shown beside the class. */
  public String reason() {
    return classification.reason();
  }

  /** Whether the host is an IP literal. */
  public boolean isIpLiteral() {
    return address != null;
  }

  /**
   * What the log says this destination connects to: the literal itself, else the direct peers Squid
   * logged for it (the proxy host's own loopback left out); empty when unknown.
   */
  public List<IPAddress> knownAddresses() {
    if (address != null) {
      return List.of(Cidrs.unmap(address));
    }
    List<IPAddress> out = new ArrayList<>();
    for (String peer : stats.peers()) {
      IPAddress a = Destination.parseLiteral(peer);
      if (a != null && !Cidrs.unmap(a).isLoopback()) {
        out.add(Cidrs.unmap(a));
      }
    }
    return out;
  }

  /** The destination on its first port (or without a port), for NO_PROXY matching. */
  public Destination destination() {
    return new Destination(host, ports.isEmpty() ? -1 : ports.get(0), address);
  }
}
