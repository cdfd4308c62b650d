package io.squidlens.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.dns.HostResolver.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HostsFileResolverTest {
  @TempDir Path dir;

  @Test
  void resolve_roksWorkerHostsFile_mapsIcrToNodeLocalAddresses() throws Exception {
    Path f =
        Files.write(
            dir.resolve("hosts"),
            List.of(
                "# worker /etc/hosts",
                "127.0.0.1 localhost.localdomain localhost",
                "172.20.0.2 registry.ng.bluemix.net us.icr.io",
                "172.20.0.7 registry.bluemix.net icr.io cp.icr.io",
                "172.21.75.245 image-registry.openshift-image-registry.svc # openshift-generated-node-resolver"));
    HostsFileResolver r = HostsFileResolver.of(f, "--hosts");
    assertEquals("172.20.0.2", r.resolve("us.icr.io").addresses().get(0).toCanonicalString());
    assertEquals("172.20.0.7", r.resolve("cp.icr.io").addresses().get(0).toCanonicalString());
    assertEquals(Resolution.Status.NOT_FOUND, r.resolve("quay.io").status());
  }

  @Test
  void of_missingFile_isAnInputErrorNamingIt() {
    io.squidlens.base.InputException e =
        assertThrows(
            io.squidlens.base.InputException.class,
            () -> HostsFileResolver.of(dir.resolve("nope"), "--hosts"));
    assertTrue(e.getMessage().contains("nope: no such file"), e.getMessage());
  }
}
