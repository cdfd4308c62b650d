package io.squidlens;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.squidlens.base.BadValueException;
import io.squidlens.base.Durations;
import io.squidlens.base.InputException;
import io.squidlens.base.SmallFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The config file: every analysis option in one JSON or YAML document, so a team can keep its
 * cluster's facts next to its runbooks. Keys are the {@link io.squidlens.base.Option} keys (the
 * long option names in camelCase); values given to the options builder win over the file.
 * Immutable.
 *
 * <pre>{@code
 * profile: roks-vpc
 * serviceNetworks: [172.21.0.0/16]
 * clusterNetworks: [172.17.0.0/18]
 * machineNetworks: [10.0.0.0/16, 10.1.0.0/16]
 * privateDomains: [corp.example]
 * hosts: worker-hosts.txt
 * dns: "10.0.0.2"
 * dnsBudget: 3s
 * proxyUrl: http://10.0.0.4:3128
 * threads: 2
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
 * @param dnsBudget the time all DNS lookups may take together, or null
 * @param proxyUrl the proxy URL
 * @param proxyConfig path of an {@code oc get proxy/cluster -o json} file
 * @param currentNoProxy the NO_PROXY value in force
 * @param threads parsing threads, or null
 * @param maxDestinations distinct destinations tracked, or null
 * @param keepUnsafe whether unsafe entries in force are kept, or null
 * @param since the start of the time window, as written, or null
 * @param until the end of the time window (exclusive), as written, or null
 * @param namespace the project the egress firewalls are for, or null
 * @param allowOnlySeen whether the egress router allows only the destinations seen, or null
 */
record ConfigFile(
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
    Duration dnsBudget,
    String proxyUrl,
    String proxyConfig,
    String currentNoProxy,
    Integer threads,
    Integer maxDestinations,
    Boolean keepUnsafe,
    String since,
    String until,
    String namespace,
    Boolean allowOnlySeen) {

  /** The keys a config file may hold, in the order {@code --help} lists the options. */
  static final List<String> KEYS =
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
          "dnsBudget",
          "proxyUrl",
          "proxyConfig",
          "currentNoProxy",
          "threads",
          "maxDestinations",
          "keepUnsafe",
          "since",
          "until",
          "namespace",
          "allowOnlySeen");

  /** A file that sets nothing. */
  static final ConfigFile NONE =
      new ConfigFile(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null);

  /** Replaces absent lists by empty ones. */
  ConfigFile {
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
   * @param option how the user named the file, for messages
   * @throws InputException naming the file when it cannot be read
   * @throws BadValueException naming the file and the offending key or value
   */
  static ConfigFile read(Path file, String option) throws InputException {
    String what = option + " " + file;
    byte[] bytes = SmallFiles.read(file, option);
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new BadValueException(
          what + ": not " + (json ? "JSON" : "YAML") + SmallFiles.jsonWhere(e), e);
    } catch (IOException e) {
      // Reading bytes already in memory fails only on their encoding.
      throw new BadValueException(what + ": not UTF-8 text (a binary file?)", e);
    } catch (RuntimeException e) {
      // SnakeYAML reports some malformed documents with unchecked exceptions.
      throw new BadValueException(what + ": not YAML", e);
    }
    BadValueException.require(
        root != null && !root.isMissingNode() && !root.isNull(), "%s: empty document", what);
    BadValueException.require(
        root.isObject(), "%s: expected keys and values (%s)", what, String.join(", ", KEYS));
    Path dir = file.toAbsolutePath().getParent();
    Keys k = new Keys(what, root);
    ConfigFile c =
        new ConfigFile(
            k.text("profile"),
            k.text("logFormat"),
            k.list("serviceNetworks"),
            k.list("clusterNetworks"),
            k.list("machineNetworks"),
            resolve(dir, k.text("networkConfig")),
            k.list("privateDomains"),
            k.list("ingressDomains"),
            resolve(dir, k.text("hosts")),
            k.dns("dns"),
            k.duration("dnsBudget"),
            k.text("proxyUrl"),
            resolve(dir, k.text("proxyConfig")),
            k.text("currentNoProxy"),
            k.integer("threads"),
            k.integer("maxDestinations"),
            k.bool("keepUnsafe"),
            k.text("since"),
            k.text("until"),
            k.text("namespace"),
            k.bool("allowOnlySeen"));
    k.rejectUnknown();
    return c;
  }

  /** Reads the keys of one document, each by its type, and names any left unread. */
  private static final class Keys {
    private final String what;
    private final JsonNode root;
    private final List<String> read = new ArrayList<>();

    Keys(String what, JsonNode root) {
      this.what = what;
      this.root = root;
    }

    private JsonNode get(String key) {
      read.add(key);
      JsonNode n = root.get(key);
      return n == null || n.isNull() ? null : n;
    }

    private BadValueException bad(String key, String expected) {
      return new BadValueException(what + ": key '" + key + "': expected " + expected);
    }

    String text(String key) {
      JsonNode n = get(key);
      if (n == null) {
        return null;
      }
      if (!n.isValueNode() || n.isBoolean()) {
        throw bad(key, "a string");
      }
      return n.asText();
    }

    /** {@code dns: off} is YAML for false: that is what a user writing it means. */
    String dns(String key) {
      JsonNode n = root.get(key);
      if (n != null && n.isBoolean() && !n.booleanValue()) {
        read.add(key);
        return "off";
      }
      return text(key);
    }

    List<String> list(String key) {
      JsonNode n = get(key);
      if (n == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      if (n.isArray()) {
        for (JsonNode e : n) {
          if (!e.isTextual()) {
            throw bad(key, "a list of strings");
          }
          out.addAll(split(e.asText()));
        }
      } else if (n.isTextual()) {
        out.addAll(split(n.asText()));
      } else {
        throw bad(key, "a list of strings");
      }
      return out;
    }

    private static List<String> split(String s) {
      List<String> out = new ArrayList<>();
      for (String part : s.split(",", -1)) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    }

    Duration duration(String key) {
      JsonNode n = get(key);
      if (n == null) {
        return null;
      }
      if (!n.isTextual() && !n.isNumber()) {
        throw bad(key, "a duration such as 5s or 1500ms");
      }
      try {
        return Durations.parse(n.asText());
      } catch (BadValueException e) {
        throw new BadValueException(what + ": key '" + key + "': " + e.getMessage(), e);
      }
    }

    Integer integer(String key) {
      JsonNode n = get(key);
      if (n == null) {
        return null;
      }
      if (!n.canConvertToInt() || !n.isIntegralNumber()) {
        throw bad(key, "a whole number");
      }
      return n.intValue();
    }

    Boolean bool(String key) {
      JsonNode n = get(key);
      if (n == null) {
        return null;
      }
      if (!n.isBoolean()) {
        throw bad(key, "true or false");
      }
      return n.booleanValue();
    }

    void rejectUnknown() {
      for (Map.Entry<String, JsonNode> field : root.properties()) {
        String name = field.getKey();
        if (!read.contains(name)) {
          throw new BadValueException(
              what + ": unknown key '" + name + "' (known: " + String.join(", ", KEYS) + ")");
        }
      }
    }
  }

  private static String resolve(Path dir, String path) {
    return path == null || dir == null ? path : dir.resolve(path).toString();
  }
}
