package io.squidlens;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.squidlens.net.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --config} file: every analysis option in one JSON or YAML document, so a team can keep
 * its cluster's facts next to its runbooks. Keys are the long option names in camelCase; options
 * given on the command line win over the file. Immutable.
 *
 * <pre>{@code
 * profile: roks-vpc
 * serviceNetworks: [172.21.0.0/16]
 * clusterNetworks: [172.17.0.0/18]
 * machineNetworks: [10.0.0.0/16, 10.1.0.0/16]
 * privateDomains: [corp.example]
 * hosts: worker-hosts.txt
 * dns: "10.0.0.2"
 * proxyUrl: http://10.0.0.4:3128
 * }</pre>
 *
 * @param profile profile name
 * @param logFormat log format
 * @param serviceNetworks service CIDRs
 * @param clusterNetworks pod CIDRs
 * @param machineNetworks node CIDRs
 * @param networkConfig path of an {@code oc get network.config/cluster -o json} file
 * @param privateDomains private zones
 * @param ingressDomains the cluster's ingress subdomains
 * @param hosts path of a hosts file
 * @param dns {@code system}, {@code off} or a comma list of servers
 * @param proxyUrl the proxy URL
 * @param proxyConfig path of an {@code oc get proxy/cluster -o json} file
 * @param currentNoProxy the NO_PROXY value in force
 */
public record ConfigFile(
    String profile,
    String logFormat,
    List<String> serviceNetworks,
    List<String> clusterNetworks,
    List<String> machineNetworks,
    String networkConfig,
    List<String> privateDomains,
    List<String> ingressDomains,
    String hosts,
    String dns,
    String proxyUrl,
    String proxyConfig,
    String currentNoProxy) {

  /** Replaces absent lists by empty ones. */
  public ConfigFile {
    serviceNetworks = serviceNetworks == null ? List.of() : List.copyOf(serviceNetworks);
    clusterNetworks = clusterNetworks == null ? List.of() : List.copyOf(clusterNetworks);
    machineNetworks = machineNetworks == null ? List.of() : List.copyOf(machineNetworks);
    privateDomains = privateDomains == null ? List.of() : List.copyOf(privateDomains);
    ingressDomains = ingressDomains == null ? List.of() : List.copyOf(ingressDomains);
  }

  /**
   * Reads a config file; relative paths inside it are resolved against the file's directory. YAML
   * unless the name ends in {@code .json}.
   *
   * @throws IllegalArgumentException naming the file and the offending key or value
   */
  public static ConfigFile read(Path file) {
    Checks.requireArgument(Files.isRegularFile(file), "--config %s: no such file", file);
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    ConfigFile c;
    try {
      c = mapper.readValue(file.toFile(), ConfigFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--config %s: unknown key '%s' (known: %s)",
              file,
              e.getPropertyName(),
              String.join(", ", KNOWN)),
          e);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new IllegalArgumentException(
          "--config " + file + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("--config " + file + ": " + e.getMessage(), e);
    }
    Checks.requireArgument(c != null, "--config %s: empty document", file);
    Path dir = file.toAbsolutePath().getParent();
    return new ConfigFile(
        c.profile,
        c.logFormat,
        c.serviceNetworks,
        c.clusterNetworks,
        c.machineNetworks,
        resolve(dir, c.networkConfig),
        c.privateDomains,
        c.ingressDomains,
        resolve(dir, c.hosts),
        c.dns,
        c.proxyUrl,
        resolve(dir, c.proxyConfig),
        c.currentNoProxy);
  }

  private static final List<String> KNOWN =
      List.of(
          "profile",
          "logFormat",
          "serviceNetworks",
          "clusterNetworks",
          "machineNetworks",
          "networkConfig",
          "privateDomains",
          "ingressDomains",
          "hosts",
          "dns",
          "proxyUrl",
          "proxyConfig",
          "currentNoProxy");

  private static String resolve(Path dir, String path) {
    return path == null || dir == null ? path : dir.resolve(path).toString();
  }
}
