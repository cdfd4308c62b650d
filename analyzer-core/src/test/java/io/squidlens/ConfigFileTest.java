package io.squidlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void read_yaml_resolvesPathsNextToTheFile() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("squidlens.yaml"),
            """
            profile: roks-vpc
            serviceNetworks: [172.21.0.0/16]
            machineNetworks: 10.0.0.0/16
            hosts: worker-hosts.txt
            dns: off
            """);
    ConfigFile c = ConfigFile.read(f);
    assertEquals("roks-vpc", c.profile());
    assertEquals(List.of("172.21.0.0/16"), c.serviceNetworks());
    assertEquals(List.of("10.0.0.0/16"), c.machineNetworks());
    assertEquals(dir.resolve("worker-hosts.txt").toAbsolutePath().toString(), c.hosts());
    assertEquals("off", c.dns());
  }

  @Test
  void read_json_works() throws Exception {
    Path f = Files.writeString(dir.resolve("c.json"), "{\"proxyUrl\": \"http://10.0.0.4:3128\"}");
    assertEquals("http://10.0.0.4:3128", ConfigFile.read(f).proxyUrl());
  }

  @Test
  void read_unknownKey_namesItAndTheKnownOnes() throws Exception {
    Path f = Files.writeString(dir.resolve("c.yaml"), "serviceNetwork: 172.21.0.0/16\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(f));
    assertTrue(e.getMessage().contains("unknown key 'serviceNetwork'"), e.getMessage());
    assertTrue(e.getMessage().contains("serviceNetworks"), e.getMessage());
  }

  @Test
  void read_duplicateKey_refused() throws Exception {
    Path f = Files.writeString(dir.resolve("c.json"), "{\"dns\": \"off\", \"dns\": \"system\"}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(f));
    assertTrue(e.getMessage().contains("dns"), e.getMessage());
  }

  @Test
  void read_missingFile_namesIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ConfigFile.read(dir.resolve("none.yaml")));
    assertTrue(e.getMessage().contains("none.yaml: no such file"), e.getMessage());
  }
}
