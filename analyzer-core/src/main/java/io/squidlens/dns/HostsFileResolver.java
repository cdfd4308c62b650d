package io.squidlens.dns;

import inet.ipaddr.IPAddress;
import io.squidlens.base.InputException;
import io.squidlens.base.SmallFiles;
import io.squidlens.dns.HostResolver.Resolution;
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
final class HostsFileResolver implements HostResolver {
  private final Path file;
  private final HostsFileParser parser;

  private HostsFileResolver(Path file) {
    this.file = file;
    this.parser = new HostsFileParser(file, /* clearCacheOnChange= */ false);
  }

  /**
   * Opens a hosts file.
   *
   * @param option how the user named the file, for messages
   * @throws InputException naming the file if it does not exist, cannot be read, is not a regular
   *     file (dnsjava re-reads it by name) or is larger than a hosts file can be
   */
  static HostsFileResolver of(Path file, String option) throws InputException {
    String what = option + " " + file;
    if (Files.isDirectory(file)) {
      throw new InputException(file.toString(), what + ": is a directory, not a file", null);
    }
    if (!Files.exists(file)) {
      throw new InputException(file.toString(), what + ": no such file", null);
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException(
          file.toString(),
          what + ": not a regular file (copy it to one: squidlens reads it more than once)",
          null);
    }
    if (!Files.isReadable(file)) {
      throw new InputException(file.toString(), what + ": permission denied", null);
    }
    try {
      if (Files.size(file) > SmallFiles.LIMIT) {
        throw new InputException(
            file.toString(),
            what + ": larger than the " + (SmallFiles.LIMIT >> 20) + " MiB a hosts file may hold",
            null);
      }
      byte[] head;
      try (java.io.InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(4096);
      }
      for (byte b : head) {
        if (b == 0) {
          throw new InputException(
              file.toString(), what + ": not a hosts file (binary data)", null);
        }
      }
    } catch (InputException e) {
      throw e;
    } catch (IOException e) {
      throw new InputException(file.toString(), what + ": " + SmallFiles.reason(e), e);
    }
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
