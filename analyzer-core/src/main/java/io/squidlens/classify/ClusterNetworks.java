package io.squidlens.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddress;
import io.squidlens.base.BadValueException;
import io.squidlens.base.InputException;
import io.squidlens.base.SmallFiles;
import io.squidlens.net.Cidrs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cluster's own networks and where each list came from. Immutable. Made by the analyzer's
 * options; used by the classifier, the recommender and the reports.
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
      IPAddress block = parse(c, what);
      // Every address of a cluster network is exempted from the proxy: never the internet.
      String problem = Cidrs.implausibleClusterNetwork(block);
      BadValueException.require(problem == null, "%s '%s': %s", what, c, problem);
      String f = Cidrs.format(block);
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }

  private static IPAddress parse(String cidr, String what) {
    try {
      return Cidrs.parse(cidr);
    } catch (IllegalArgumentException e) {
      throw new BadValueException(what + " " + e.getMessage(), e);
    }
  }

  /**
   * Why {@code cidr} cannot be one of a cluster's networks, or null when it can: it must parse, be
   * private and no wider than a /8, because every address in it is exempted from the proxy.
   */
  public static String networkProblem(String cidr) {
    IPAddress block;
    try {
      block = Cidrs.parse(cidr);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    return Cidrs.implausibleClusterNetwork(block);
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
   * @param option how the user named the file, for messages
   * @throws BadValueException naming the file and what is wrong with it
   */
  public static ClusterNetworks fromNetworkConfig(Path file, String option) throws InputException {
    String what = option + " " + file;
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(SmallFiles.read(file, option));
    } catch (JsonProcessingException e) {
      throw new BadValueException(what + ": not JSON" + SmallFiles.jsonWhere(e), e);
    } catch (InputException e) {
      throw e;
    } catch (IOException e) {
      throw new InputException(file.toString(), what + ": " + SmallFiles.reason(e), e);
    }
    BadValueException.require(
        root != null && root.isObject(),
        "%s: expected the JSON object printed by 'oc get network.config/cluster -o json'",
        what);
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
    BadValueException.require(
        !service.isEmpty() || !cluster.isEmpty(),
        "%s: no serviceNetwork or clusterNetwork in status or spec",
        what);
    try {
      return given(service, cluster, List.of());
    } catch (BadValueException e) {
      throw new BadValueException(what + ": " + e.getMessage(), e);
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
    } else if (machine.isEmpty()) {
      notes.add(
          "machine network unknown ("
              + profile.id()
              + " has no default): node addresses are not exempted; give the worker subnets");
    }
    return new ClusterNetworks(service, cluster, machine, notes);
  }

  private static String note(String what, List<String> cidrs, Profile profile) {
    return what + " " + String.join(",", cidrs) + " assumed (" + profile.id() + " default)";
  }
}
