package io.squidlens.recommend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.squidlens.net.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The proxy configuration in force, as far as the user told squidlens: {@code oc get proxy/cluster
 * -o json} ({@code --proxy-config}), a NO_PROXY value ({@code --current-no-proxy}) and the proxy's
 * URL ({@code --proxy-url}). Recommendations are diffed against it. Immutable.
 *
 * @param httpProxy the proxy for http:// URLs, or null when unknown
 * @param httpsProxy the proxy for https:// URLs, or null when unknown
 * @param clusterSpec {@code spec.noProxy} of proxy/cluster, or null when unknown
 * @param clusterStatus {@code status.noProxy} of proxy/cluster (what the operator computed), or
 *     null when unknown or empty
 * @param clusterHasProxy whether proxy/cluster sets httpProxy or httpsProxy (OpenShift ignores
 *     spec.noProxy otherwise); true when unknown
 * @param noProxy the NO_PROXY value in force where the other targets apply (CRI-O, shells, docker,
 *     MTC), or null when unknown
 * @param source where the cluster values came from, for notes, or null
 */
public record ProxySettings(
    String httpProxy,
    String httpsProxy,
    String clusterSpec,
    String clusterStatus,
    boolean clusterHasProxy,
    String noProxy,
    String source) {

  /** Nothing known. */
  public static ProxySettings none() {
    return new ProxySettings(null, null, null, null, true, null, null);
  }

  /**
   * Reads the proxy/cluster object from {@code oc get proxy/cluster -o json} (or {@code -o yaml}).
   * A {@code List} holding one Proxy is accepted too.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static ProxySettings fromProxyConfig(Path file) {
    Checks.requireArgument(Files.isRegularFile(file), "--proxy-config %s: no such file", file);
    JsonNode root;
    try {
      // YAML is a superset of JSON: one parser reads either output of oc.
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new IllegalArgumentException(
          "--proxy-config " + file + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("--proxy-config " + file + ": " + e.getMessage(), e);
    }
    Checks.requireArgument(
        root != null && root.isObject(), "--proxy-config %s: not a JSON or YAML object", file);
    if ("List".equals(root.path("kind").asText()) && root.path("items").size() == 1) {
      root = root.path("items").get(0);
    }
    String kind = root.path("kind").asText("");
    Checks.requireArgument(
        kind.equals("Proxy"),
        "--proxy-config %s: expected the output of 'oc get proxy/cluster -o json' (kind Proxy),"
            + " found kind '%s'",
        file,
        kind);
    JsonNode spec = root.path("spec");
    JsonNode status = root.path("status");
    String http = text(spec, "httpProxy");
    String https = text(spec, "httpsProxy");
    return new ProxySettings(
        http,
        https,
        spec.path("noProxy").asText(""),
        text(status, "noProxy"),
        http != null || https != null,
        null,
        file.toString());
  }

  private static String text(JsonNode node, String field) {
    String v = node.path(field).asText("").strip();
    return v.isEmpty() ? null : v;
  }

  /** These settings with both proxy URLs set to {@code url} (null leaves them unchanged). */
  public ProxySettings withProxyUrl(String url) {
    if (url == null) {
      return this;
    }
    String u = url.strip();
    Checks.requireArgument(
        u.toLowerCase(Locale.ROOT).startsWith("http://")
            || u.toLowerCase(Locale.ROOT).startsWith("https://"),
        "--proxy-url '%s': expected http://HOST:PORT or https://HOST:PORT",
        url);
    return new ProxySettings(u, u, clusterSpec, clusterStatus, clusterHasProxy, noProxy, source);
  }

  /** These settings with the NO_PROXY value in force for the non-cluster targets. */
  public ProxySettings withNoProxy(String value) {
    return new ProxySettings(
        httpProxy, httpsProxy, clusterSpec, clusterStatus, clusterHasProxy, value, source);
  }

  /** Whether proxy/cluster was read from a file. */
  public boolean knowsCluster() {
    return clusterSpec != null;
  }

  /** The proxy for http:// URLs, falling back to the https one; null when neither is known. */
  String forHttp() {
    return httpProxy != null ? httpProxy : httpsProxy;
  }

  /** The proxy for https:// URLs, falling back to the http one; null when neither is known. */
  String forHttps() {
    return httpsProxy != null ? httpsProxy : httpProxy;
  }
}
