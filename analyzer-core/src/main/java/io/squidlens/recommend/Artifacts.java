package io.squidlens.recommend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.squidlens.base.BadValueException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a NO_PROXY value as the text a user pastes for each target: commands, environment files,
 * JSON documents. JSON is written by Jackson and shell words are single-quoted, so a proxy URL or
 * entry can never break out of the artifact.
 */
final class Artifacts {
  /** Stands in for the proxy when neither --proxy-url nor --proxy-config gave it. */
  static final String UNKNOWN_PROXY = "http://PROXY_HOST:3128";

  // The streaming generator, not an ObjectMapper: databind would load hundreds of classes at
  // every start for a few small documents.
  private static final JsonFactory JSON = new JsonFactory();

  private Artifacts() {}

  /** {@code oc patch proxy/cluster}: spec.noProxy is replaced as a whole. */
  static String clusterPatch(String noProxy) {
    return "oc patch proxy/cluster --type=merge -p "
        + shellQuote(json(Map.of("spec", Map.of("noProxy", noProxy))));
  }

  /** The lines of CRI-O's environment file (upper case: CRI-O is a Go program). */
  static String crio(String http, String https, String noProxy) {
    return "HTTP_PROXY="
        + environmentFileValue(http)
        + "\nHTTPS_PROXY="
        + environmentFileValue(https)
        + "\nNO_PROXY="
        + environmentFileValue(noProxy);
  }

  /**
   * A value for a systemd environment file ({@code EnvironmentFile=}): as is when it holds only
   * characters that file format reads literally, else double-quoted with backslash escapes, so no
   * value can end its line or start another. Proxy URLs and entries are checked before they get
   * here; this keeps the file well-formed whatever they hold.
   */
  static String environmentFileValue(String value) {
    boolean plain = true;
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ".,:/@%_~*[]-|".indexOf(c) >= 0;
    }
    if (plain) {
      return value;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\', '"', '$', '`' -> sb.append('\\').append(c);
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F) {
            sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Shell exports in both cases: clients disagree on which one they read. */
  static String env(String http, String https, String noProxy) {
    StringBuilder sb = new StringBuilder();
    for (String prefix : List.of("HTTP_PROXY", "http_proxy")) {
      boolean upper = prefix.charAt(0) == 'H';
      sb.append("export ").append(prefix).append('=').append(shellQuote(http)).append('\n');
      sb.append("export ")
          .append(upper ? "HTTPS_PROXY" : "https_proxy")
          .append('=')
          .append(shellQuote(https))
          .append('\n');
      sb.append("export ")
          .append(upper ? "NO_PROXY" : "no_proxy")
          .append('=')
          .append(shellQuote(noProxy))
          .append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /** JVM flags in {@code JAVA_TOOL_OPTIONS}, which every JVM reads at start. */
  static String java(String http, String https, String nonProxyHosts) {
    HostPort h = HostPort.of(http);
    HostPort s = HostPort.of(https);
    String flags =
        String.format(
            Locale.ROOT,
            "-Dhttp.proxyHost=%s -Dhttp.proxyPort=%d -Dhttps.proxyHost=%s -Dhttps.proxyPort=%d"
                + " -Dhttp.nonProxyHosts=%s",
            h.host(),
            h.port(),
            s.host(),
            s.port(),
            nonProxyHosts);
    return "export JAVA_TOOL_OPTIONS=" + shellQuote(flags);
  }

  /** The docker daemon's systemd drop-in, then the client's config.json proxies block. */
  static String docker(String http, String https, String noProxy) {
    Map<String, String> proxies = new LinkedHashMap<>();
    proxies.put("httpProxy", http);
    proxies.put("httpsProxy", https);
    proxies.put("noProxy", noProxy);
    String config = pretty(Map.of("proxies", Map.of("default", proxies)));
    return "# /etc/systemd/system/docker.service.d/http-proxy.conf\n"
        + "[Service]\n"
        + systemdEnvironment("HTTP_PROXY", http)
        + systemdEnvironment("HTTPS_PROXY", https)
        + systemdEnvironment("NO_PROXY", noProxy)
        + "\n# ~/.docker/config.json (merge into the existing file)\n"
        + config;
  }

  /** {@code oc patch} of the MigrationController; proxies only when known. */
  static String mtc(String http, String https, String noProxy) {
    Map<String, String> spec = new LinkedHashMap<>();
    if (http != null) {
      spec.put("httpProxy", http);
    }
    if (https != null) {
      spec.put("httpsProxy", https);
    }
    spec.put("noProxy", noProxy);
    return "oc patch migrationcontroller migration-controller -n openshift-migration"
        + " --type=merge -p "
        + shellQuote(json(Map.of("spec", spec)));
  }

  private static String systemdEnvironment(String name, String value) {
    // systemd expands %-specifiers and unquotes "..." with C escapes: a proxy URL such as
    // http://user:p%40ss@proxy:3128 must reach docker unchanged, and no value may end the line.
    String v =
        (name + "=" + value)
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("%", "%%")
            .replace("\n", "\\n")
            .replace("\r", "\\r");
    return "Environment=\"" + v + "\"\n";
  }

  /** Single-quotes {@code s} for POSIX shells. */
  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String json(Map<String, ?> value) {
    return write(value, false);
  }

  private static String pretty(Map<String, ?> value) {
    return write(value, true);
  }

  private static String write(Map<String, ?> value, boolean pretty) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      if (pretty) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        g.setPrettyPrinter(pp);
      }
      writeObject(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string cannot fail", e);
    }
    return w.toString();
  }

  private static void writeObject(JsonGenerator g, Map<String, ?> value) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, ?> e : value.entrySet()) {
      g.writeFieldName(e.getKey());
      if (e.getValue() instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked") // every nested map here is built with String keys
        Map<String, ?> nested = (Map<String, ?>) m;
        writeObject(g, nested);
      } else {
        g.writeString(String.valueOf(e.getValue()));
      }
    }
    g.writeEndObject();
  }

  /** The host and port of a proxy URL, the port defaulting to the scheme's. */
  record HostPort(String host, int port) {
    static HostPort of(String url) {
      try {
        ProxyUrl u = ProxyUrl.parse(url, "proxy URL");
        return new HostPort(u.hostForUrl(), u.portOrDefault());
      } catch (BadValueException e) {
        // Unreachable for URLs ProxySettings accepted; the placeholder keeps the artifact whole.
        return new HostPort("PROXY_HOST", 3128);
      }
    }
  }
}
