package io.squidlens.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import io.squidlens.base.BadValueException;
import io.squidlens.base.InputException;
import io.squidlens.base.SmallFiles;
import io.squidlens.net.Destination;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy configuration in force, as far as the user told squidlens: {@code oc get proxy/cluster
 * -o json} ({@code --proxy-config}), a NO_PROXY value ({@code --current-no-proxy}) and the proxy's
 * URL ({@code --proxy-url}). Recommendations are diffed against it. Immutable. Made by the
 * analyzer's options; read by the recommender.
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
   * @param option how the user named the file, for messages
   * @throws InputException naming the file when it cannot be read
   * @throws BadValueException naming the file and what is wrong with its content
   */
  public static ProxySettings fromProxyConfig(Path file, String option) throws InputException {
    String what = option + " " + file;
    JsonNode root = SmallFiles.readObject(file, option);
    String kind = root.path("kind").asText("");
    BadValueException.require(
        kind.equals("Proxy"),
        "%s: expected the output of 'oc get proxy/cluster -o json' (kind Proxy), found kind '%s'",
        what,
        kind);
    JsonNode spec = root.path("spec");
    JsonNode status = root.path("status");
    String http = url(spec, "httpProxy", what);
    String https = url(spec, "httpsProxy", what);
    return new ProxySettings(
        http,
        https,
        spec.path("noProxy").asText(""),
        text(status, "noProxy"),
        http != null || https != null,
        null,
        file.toString());
  }

  private static String url(JsonNode spec, String field, String what) {
    String v = text(spec, field);
    return v == null ? null : ProxyUrl.parse(v, what + ": spec." + field).toString();
  }

  private static String text(JsonNode node, String field) {
    String v = node.path(field).asText("").strip();
    return v.isEmpty() ? null : v;
  }

  /**
   * These settings with both proxy URLs set to {@code url} (null leaves them unchanged).
   *
   * @param option how the user named the URL, for messages
   * @throws BadValueException when {@code url} is not an http or https proxy URL
   */
  public ProxySettings withProxyUrl(String url, String option) {
    if (url == null) {
      return this;
    }
    String u = ProxyUrl.parse(url, option).toString();
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

  /**
   * The proxies these settings name, each once: host and port ({@code -1} when the URL gives none,
   * since clients disagree on the default), in the order http, https.
   */
  public List<Destination> endpoints() {
    List<Destination> out = new ArrayList<>();
    for (String url : new String[] {forHttp(), forHttps()}) {
      if (url != null) {
        ProxyUrl p = ProxyUrl.parse(url, "proxy");
        Destination d = Destination.of(p.host(), p.port());
        if (!out.contains(d)) {
          out.add(d);
        }
      }
    }
    return out;
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
