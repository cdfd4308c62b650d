package io.squidlens.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squidlens.net.Checks;
import io.squidlens.net.Cidrs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cluster's own networks and where each list came from. Immutable.
 *
 * @param serviceNetworks service CIDRs
 * @param clusterNetworks pod CIDRs
 * @param machineNetworks node CIDRs
 * @param assumed human-readable notes for every list taken from profile defaults rather than from
 *     the user (reports show them, so nobody mistakes a default for a fact)
 */
public record ClusterNetworks(
    List<String> serviceNetworks,
    List<String> clusterNetworks,
    List<String> machineNetworks,
    List<String> assumed) {

  /** Validates every CIDR and copies lists. */
  public ClusterNetworks {
    serviceNetworks = canonical(serviceNetworks, "service network");
    clusterNetworks = canonical(clusterNetworks, "cluster network");
    machineNetworks = canonical(machineNetworks, "machine network");
    assumed = List.copyOf(assumed);
  }

  private static List<String> canonical(List<String> cidrs, String what) {
    Objects.requireNonNull(cidrs, what);
    List<String> out = new ArrayList<>();
    for (String c : cidrs) {
      try {
        String f = Cidrs.format(Cidrs.parse(c));
        if (!out.contains(f)) {
          out.add(f);
        }
      } catch (IllegalArgumentException e) {
        Checks.requireArgument(false, "%s: %s", what, e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /** Networks given by the user; any empty list is filled later from the profile. */
  public static ClusterNetworks given(
      List<String> service, List<String> cluster, List<String> machine) {
    return new ClusterNetworks(service, cluster, machine, List.of());
  }

  /**
   * Reads the output of {@code oc get network.config/cluster -o json}: service and cluster networks
   * from {@code status} (what is in force), else from {@code spec}. Machine networks are not in
   * that object (they are in the install-config); give them with {@code --machine-network}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static ClusterNetworks fromNetworkConfig(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--network-config " + file + ": cannot read it as JSON: " + e.getMessage(), e);
    }
    Checks.requireArgument(
        root != null && root.isObject(),
        "--network-config %s: expected the JSON object printed by"
            + " 'oc get network.config/cluster -o json'",
        file);
    JsonNode status = root.path("status");
    JsonNode spec = root.path("spec");
    List<String> service = strings(status.path("serviceNetwork"));
    if (service.isEmpty()) {
      service = strings(spec.path("serviceNetwork"));
    }
    List<String> cluster = cidrs(status.path("clusterNetwork"));
    if (cluster.isEmpty()) {
      cluster = cidrs(spec.path("clusterNetwork"));
    }
    Checks.requireArgument(
        !service.isEmpty() || !cluster.isEmpty(),
        "--network-config %s: no serviceNetwork or clusterNetwork in status or spec",
        file);
    try {
      return given(service, cluster, List.of());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--network-config " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      if (n.isTextual()) {
        out.add(n.asText());
      }
    }
    return out;
  }

  private static List<String> cidrs(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      JsonNode cidr = n.path("cidr");
      if (cidr.isTextual()) {
        out.add(cidr.asText());
      }
    }
    return out;
  }

  /** Combines networks: lists given here win; empty ones are taken from {@code other}. */
  public ClusterNetworks or(ClusterNetworks other) {
    return new ClusterNetworks(
        serviceNetworks.isEmpty() ? other.serviceNetworks : serviceNetworks,
        clusterNetworks.isEmpty() ? other.clusterNetworks : clusterNetworks,
        machineNetworks.isEmpty() ? other.machineNetworks : machineNetworks,
        assumed);
  }

  /** No networks given. */
  public static ClusterNetworks none() {
    return given(List.of(), List.of(), List.of());
  }

  /** Fills the lists the user left empty with {@code profile}'s defaults, noting each. */
  public ClusterNetworks withDefaults(Profile profile) {
    List<String> notes = new ArrayList<>(assumed);
    List<String> service = serviceNetworks;
    if (service.isEmpty()) {
      service = profile.serviceNetworks();
      notes.add(note("service network", service, profile));
    }
    List<String> cluster = clusterNetworks;
    if (cluster.isEmpty()) {
      cluster = profile.clusterNetworks();
      notes.add(note("pod network", cluster, profile));
    }
    List<String> machine = machineNetworks;
    if (machine.isEmpty() && !profile.machineNetworks().isEmpty()) {
      machine = profile.machineNetworks();
      notes.add(note("machine network", machine, profile));
    }
    return new ClusterNetworks(service, cluster, machine, notes);
  }

  private static String note(String what, List<String> cidrs, Profile profile) {
    return what + " " + String.join(",", cidrs) + " assumed (" + profile.id() + " default)";
  }
}
