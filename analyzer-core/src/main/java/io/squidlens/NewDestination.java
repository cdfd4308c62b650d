package io.squidlens;

import io.squidlens.classify.Classification;
import io.squidlens.net.Destination;
import java.util.Objects;

/**
 * A destination the moment follow mode first sees it, classified. Immutable.
 *
 * @param destination host and port as logged (normalised)
 * @param peer the address Squid connected to for that first line, or null
 * @param source the input name
 * @param line the 1-based line number of that first line, counted since following started
 * @param epochMillis when that first line was logged
 * @param denied whether Squid denied that first request by policy
 * @param classification where it really goes and why
 * @param noProxyEntry the entry that would exempt it (null for an internet destination)
 */
public record NewDestination(
    Destination destination,
    String peer,
    String source,
    long line,
    long epochMillis,
    boolean denied,
    Classification classification,
    String noProxyEntry) {

  /** Checks fields. */
  public NewDestination {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(classification, "classification");
  }

  /**
   * Whether the proxy should never have carried it: a private destination, denied or not (denied:
   * it failed; carried: it hairpins through the proxy).
   */
  public boolean misrouted() {
    return classification.destinationClass().bypassesProxy();
  }
}
