package io.squidlens.classify;

import io.squidlens.net.Destination;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A kind of cluster, with the default networks and catalogs that apply when the user gives no
 * better information; {@link #detect} picks one from what a log shows. Used by the classifier, the
 * recommender, the analyzer and the reports.
 */
public enum Profile {
  /** Red Hat OpenShift on IBM Cloud, VPC infrastructure. */
  ROKS_VPC("roks-vpc", "172.21.0.0/16", "172.17.0.0/18", "", true, true),
  /** Red Hat OpenShift on IBM Cloud, classic infrastructure. */
  ROKS_CLASSIC("roks-classic", "172.21.0.0/16", "172.30.0.0/16", "", true, true),
  /** OpenShift Container Platform with installer defaults. */
  OPENSHIFT("openshift", "172.30.0.0/16", "10.128.0.0/14", "10.0.0.0/16", false, true),
  /** Plain Kubernetes with kubeadm defaults. */
  KUBERNETES("kubernetes", "10.96.0.0/12", "10.244.0.0/16", "", false, false);

  /** A chosen profile and the signals behind it. */
  public record Choice(Profile profile, String reason) {
    /** Checks fields. */
    public Choice {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** One observed destination: host, port and the direct peers Squid logged. */
  public record Observation(Destination destination, List<String> peers) {}

  /** Chooses a profile from the observed destinations, and says why. */
  public static Choice detect(List<Observation> observations) {
    return ProfileDetector.detect(observations);
  }

  private final String id;
  // Strings, not lists: enum constants must be deeply immutable.
  private final String serviceNetwork;
  private final String clusterNetwork;
  private final String machineNetwork;
  private final boolean ibmCloud;
  private final boolean openShift;

  Profile(
      String id,
      String serviceNetwork,
      String clusterNetwork,
      String machineNetwork,
      boolean ibmCloud,
      boolean openShift) {
    this.id = id;
    this.serviceNetwork = serviceNetwork;
    this.clusterNetwork = clusterNetwork;
    this.machineNetwork = machineNetwork;
    this.ibmCloud = ibmCloud;
    this.openShift = openShift;
  }

  /** The name used on the command line and in reports. */
  public String id() {
    return id;
  }

  /** Default service networks. */
  public List<String> serviceNetworks() {
    return listOf(serviceNetwork);
  }

  /** Default pod networks. */
  public List<String> clusterNetworks() {
    return listOf(clusterNetwork);
  }

  /** Default machine networks (nodes). */
  public List<String> machineNetworks() {
    return listOf(machineNetwork);
  }

  private static List<String> listOf(String cidr) {
    return cidr.isEmpty() ? List.of() : List.of(cidr);
  }

  /** Whether IBM Cloud's private endpoints, reserved ranges and registry rules apply. */
  public boolean ibmCloud() {
    return ibmCloud;
  }

  /** Whether the cluster is OpenShift (so proxy/cluster exists and CNO adds defaults). */
  public boolean openShift() {
    return openShift;
  }

  /**
   * Parses a profile name.
   *
   * @throws IllegalArgumentException naming the value and the valid names
   */
  public static Profile of(String id) {
    String s = id.strip().toLowerCase(Locale.ROOT);
    for (Profile p : values()) {
      if (p.id.equals(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '"
            + id
            + "': expected auto, roks-vpc, roks-classic, openshift or kubernetes");
  }

  @Override
  public String toString() {
    return id;
  }
}
