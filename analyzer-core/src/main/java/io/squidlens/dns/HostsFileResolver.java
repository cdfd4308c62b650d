package io.squidlens.dns;

import inet.ipaddr.IPAddress;
import io.squidlens.net.Checks;
import io.squidlens.net.Destination;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.hosts.HostsFileParser;

/**
 * Answers from a hosts file, typically a worker node's {@code /etc/hosts} copied with {@code oc
 * debug node/<n> -- chroot /host cat /etc/hosts}: what the node, not the proxy, resolves a name to.
 * Thread-safe.
 */
public final class HostsFileResolver implements HostResolver {
  private final Path file;
  private final HostsFileParser parser;

  private HostsFileResolver(Path file) {
    this.file = file;
    this.parser = new HostsFileParser(file, /* clearCacheOnChange= */ false);
  }

  /**
   * Opens a hosts file.
   *
   * @throws IllegalArgumentException naming the file if it does not exist or cannot be read
   */
  public static HostsFileResolver of(Path file) {
    Checks.requireArgument(Files.isRegularFile(file), "hosts file %s: no such file", file);
    Checks.requireArgument(Files.isReadable(file), "hosts file %s: cannot be read", file);
    return new HostsFileResolver(file);
  }

  @Override
  public Resolution resolve(String host) {
    List<IPAddress> found = new ArrayList<>();
    try {
      Name name = Name.fromString(host, Name.root);
      for (int type : new int[] {Type.A, Type.AAAA}) {
        Optional<InetAddress> a = parser.getAddressForHost(name, type);
        if (a.isPresent()) {
          IPAddress ip = Destination.parseLiteral(a.get().getHostAddress());
          if (ip != null) {
            found.add(ip);
          }
        }
      }
    } catch (TextParseException e) {
      return Resolution.notFound("not a DNS name");
    } catch (IOException e) {
      return Resolution.failed("cannot read " + file + ": " + e.getMessage());
    }
    return found.isEmpty()
        ? Resolution.notFound("not listed in " + file)
        : Resolution.resolved(found, file.toString());
  }

  @Override
  public String describe() {
    return "hosts file " + file;
  }
}
