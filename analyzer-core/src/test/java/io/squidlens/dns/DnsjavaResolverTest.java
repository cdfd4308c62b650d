package io.squidlens.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.dns.HostResolver.Resolution;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Talks to a tiny DNS server on loopback: no test ever leaves the machine. */
final class DnsjavaResolverTest {
  private static final Map<String, String> ZONE =
      Map.of("lb.example.com", "10.1.0.5", "v6.example.com", "fd00::5");

  private DatagramSocket server;
  private DatagramSocket blackHole;
  private Thread thread;

  @BeforeEach
  void start() throws IOException {
    server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    blackHole = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "fake-dns");
    thread.setDaemon(true);
    thread.start();
  }

  @AfterEach
  void stop() {
    server.close();
    blackHole.close();
  }

  private void serve() {
    byte[] buf = new byte[512];
    while (!server.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        server.receive(p);
        Message q = new Message(Arrays.copyOf(p.getData(), p.getLength()));
        Record question = q.getQuestion();
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        String address = ZONE.get(name.toString(true));
        if (address == null) {
          r.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
          InetAddress a = InetAddress.getByName(address);
          if (question.getType() == Type.A && a.getAddress().length == 4) {
            r.addRecord(new ARecord(name, DClass.IN, 120, a), Section.ANSWER);
          } else if (question.getType() == Type.AAAA && a.getAddress().length == 16) {
            r.addRecord(new AAAARecord(name, DClass.IN, 90, a), Section.ANSWER);
          }
        }
        byte[] out = r.toWire();
        server.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        // A malformed query: ignore it, as a real server would.
      }
    }
  }

  private DnsjavaResolver resolver(DatagramSocket s) {
    return DnsjavaResolver.of(List.of("127.0.0.1:" + s.getLocalPort()), Duration.ofMillis(300));
  }

  @Test
  void resolve_knownName_returnsItsAddressAndTtl() {
    Resolution r = resolver(server).resolve("lb.example.com");
    assertEquals(Resolution.Status.RESOLVED, r.status(), r.detail());
    assertEquals("10.1.0.5", r.addresses().get(0).toCanonicalString());
    assertEquals(120, r.ttlSeconds());
  }

  @Test
  void resolve_ipv6OnlyName_returnsAaaa() {
    Resolution r = resolver(server).resolve("v6.example.com");
    assertEquals(Resolution.Status.RESOLVED, r.status(), r.detail());
    assertEquals("fd00::5", r.addresses().get(0).toCanonicalString());
  }

  @Test
  void resolve_unknownName_isNotFound() {
    Resolution r = resolver(server).resolve("nope.example.com");
    assertEquals(Resolution.Status.NOT_FOUND, r.status(), r.detail());
    assertTrue(r.detail().contains("NXDOMAIN"), r.detail());
  }

  @Test
  void resolve_silentServer_failsAfterTheTimeout() {
    long start = System.nanoTime();
    Resolution r = resolver(blackHole).resolve("lb.example.com");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Resolution.Status.FAILED, r.status(), r.detail());
    assertTrue(ms < 5000, "took " + ms + " ms");
  }

  @Test
  void of_badServer_namesIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DnsjavaResolver.of(List.of("dns.example.com"), Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("'dns.example.com'"), e.getMessage());
  }
}
