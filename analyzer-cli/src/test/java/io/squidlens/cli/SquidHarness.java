package io.squidlens.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real Squid on a free loopback port with a private configuration, and the loopback servers it
 * tunnels to: names in its hosts_file point at 127.0.0.x addresses where small TCP and HTTP servers
 * answer, cluster-internal destinations are denied before any connection, and a final rule denies
 * everything outside 127.0.0.0/8. Nothing but loopback is ever contacted.
 */
final class SquidHarness implements AutoCloseable {
  /** The port every upstream server listens on, each on its own 127.0.0.x address. */
  static final int TLS_PORT = 18443;

  static final int HTTP_PORT = 18080;

  /** Names Squid resolves through its hosts_file, and the loopback address of each. */
  static final Map<String, String> HOSTS = new LinkedHashMap<>();

  static {
    HOSTS.put("icr.io", "127.0.0.11");
    HOSTS.put("us.icr.io", "127.0.0.12");
    HOSTS.put("s3.direct.us-south.cloud-object-storage.appdomain.cloud", "127.0.0.13");
    HOSTS.put("quay.io", "127.0.0.14");
    HOSTS.put("github.com", "127.0.0.15");
    HOSTS.put("console-openshift-console.apps.mycluster.example.com", "127.0.0.16");
  }

  private final Path dir;
  private final Path binary;
  private final int port;
  private final Process process;
  private final List<ServerSocket> tunnels = new ArrayList<>();
  private final List<HttpServer> webs = new ArrayList<>();
  private final ExecutorService acceptors = Executors.newCachedThreadPool(daemon());

  /** Squid's binary, or null when Squid is not installed. */
  static Path binary() {
    for (String candidate : List.of("/usr/sbin/squid", "/usr/local/sbin/squid")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String p : path.split(":", -1)) {
      if (!p.isEmpty() && Files.isExecutable(Path.of(p, "squid"))) {
        return Path.of(p, "squid");
      }
    }
    return null;
  }

  private SquidHarness(Path dir, Path binary) throws IOException, InterruptedException {
    this.dir = dir;
    this.binary = binary;
    // Squid drops root privileges to its own user, which must write its logs here.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    for (String address : HOSTS.values()) {
      ServerSocket s = new ServerSocket(TLS_PORT, 50, InetAddress.getByName(address));
      tunnels.add(s);
      acceptors.execute(() -> acceptAndHold(s));
      HttpServer web = HttpServer.create(new InetSocketAddress(address, HTTP_PORT), 0);
      web.createContext(
          "/",
          exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
              o.write(body);
            }
          });
      web.start();
      webs.add(web);
    }
    StringBuilder hosts = new StringBuilder();
    HOSTS.forEach((name, address) -> hosts.append(address).append(' ').append(name).append('\n'));
    Files.writeString(dir.resolve("hosts"), hosts.toString());
    this.port = freePort();
    Files.writeString(dir.resolve("squid.conf"), config(port));
    this.process =
        new ProcessBuilder(binary.toString(), "-N", "-f", dir.resolve("squid.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("squid.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    // Readiness from Squid's own log: a probe connection would itself be logged.
    while (!ready()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String log =
            Files.exists(dir.resolve("cache.log"))
                ? Files.readString(dir.resolve("cache.log"))
                : "";
        close();
        throw new IllegalStateException("squid did not start:\n" + log);
      }
      Thread.sleep(50);
    }
  }

  /** Starts Squid in {@code dir}. */
  static SquidHarness start(Path dir, Path binary) throws IOException, InterruptedException {
    return new SquidHarness(dir, binary);
  }

  private String config(int p) {
    return String.join(
        "\n",
        "http_port 127.0.0.1:" + p,
        "pid_filename " + dir.resolve("squid.pid"),
        "access_log stdio:" + accessLog() + " squid",
        "cache_log " + dir.resolve("cache.log"),
        "cache_store_log none",
        "coredump_dir " + dir,
        "hosts_file " + dir.resolve("hosts"),
        // Nothing answers DNS here: every name it needs is in hosts_file, and -n below keeps
        // dstdomain from reverse-resolving IP literals.
        "dns_nameservers 127.0.0.1",
        "dns_timeout 2 seconds",
        "logfile_rotate 3",
        "shutdown_lifetime 1 seconds",
        "cache deny all",
        "netdb_filename none",
        "pinger_enable off",
        "visible_hostname squidlens-test",
        "acl denied_names dstdomain -n .svc .cluster.local registry-1.docker.io",
        "acl cluster_internal dst 172.16.0.0/12 10.0.0.0/8",
        "acl loopback_dst dst 127.0.0.0/8",
        "http_access deny denied_names",
        "http_access deny cluster_internal",
        "http_access allow loopback_dst",
        "http_access deny all",
        "");
  }

  Path accessLog() {
    return dir.resolve("access.log");
  }

  /** Sends {@code CONNECT authority} through Squid; returns the status code Squid answered. */
  int connect(String authority) throws IOException {
    return request("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
  }

  /** Sends {@code GET url} (absolute) through Squid and reads the whole answer; the status. */
  int get(String url) throws IOException {
    String host = url.replaceFirst("^http://", "").replaceFirst("/.*$", "");
    return request(
        "GET " + url + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", true);
  }

  private int request(String head) throws IOException {
    return request(head, false);
  }

  private int request(String head, boolean readAll) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      StringBuilder status = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
        status.append((char) c);
      }
      if (readAll) {
        // Reading to the end lets Squid log a completed transfer, not an aborted one.
        in.readAllBytes();
      }
      String[] parts = status.toString().split(" ", 3);
      return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
    }
  }

  /** {@code squid -k rotate}: Squid renames its logs (access.log to access.log.0) and reopens. */
  void rotate() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                binary.toString(), "-f", dir.resolve("squid.conf").toString(), "-k", "rotate")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("squid -k rotate failed: " + out);
    }
  }

  /** Lines Squid has written to every access log so far (rotated ones included). */
  long loggedLines() throws IOException {
    long n = 0;
    try (var files = Files.list(dir)) {
      for (Path p :
          files.filter(f -> f.getFileName().toString().startsWith("access.log")).toList()) {
        n += Files.readAllLines(p).stream().filter(l -> !l.isBlank()).count();
      }
    }
    return n;
  }

  /** Stops Squid by its own pid (SIGTERM) and the loopback servers. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ServerSocket s : tunnels) {
      s.close();
    }
    for (HttpServer w : webs) {
      w.stop(0);
    }
    acceptors.shutdownNow();
  }

  private static void acceptAndHold(ServerSocket s) {
    while (!s.isClosed()) {
      try (Socket c = s.accept()) {
        // A tunnel only needs to open; the client closes it after Squid's 200.
        c.setSoTimeout(2000);
        c.getInputStream().read();
      } catch (IOException e) {
        // closed at the end of the test, or the client went away
      }
    }
  }

  private boolean ready() throws IOException {
    Path log = dir.resolve("cache.log");
    return Files.exists(log)
        && Files.readString(log).contains("Accepting HTTP Socket connections at")
        && Files.exists(dir.resolve("squid.pid"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "squid-harness-upstream");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "squid on 127.0.0.1:%d in %s", port, dir);
  }
}
